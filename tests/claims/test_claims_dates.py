"""Calendar days in every language, ranges, and the year inferred from publication."""

from __future__ import annotations

from datetime import date

import pytest

from factwatch.ingest.claims.dates import infer_year
from tests.claims.helpers import of_kind, one

PUB = date(2025, 9, 1)


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("en", "the companies said on Feb. 3", date(2025, 2, 3)),
        ("en", "released on March 3, 2026", date(2026, 3, 3)),
        ("en", "a meeting on 11 June", date(2025, 6, 11)),
        ("en", "the deal closes by June 30, 2025", date(2025, 6, 30)),
        ("en", "on the 1st of May", date(2025, 5, 1)),
        ("fr", "Alibaba a annoncé le 31 août 2025 un plan", date(2025, 8, 31)),
        ("fr", "le 1er avril", date(2025, 4, 1)),
        ("fr", "le 1er octobre", date(2025, 10, 1)),
        ("fr", "du vendredi 19 avril", date(2025, 4, 19)),
        ("de", "hat am 8. Juli den Bebauungsplan beschlossen", date(2025, 7, 8)),
        ("de", "am 3. März 2026", date(2026, 3, 3)),
        ("de", "Stand: 23.04.2024", date(2024, 4, 23)),
        ("es", "el 16 de enero", date(2025, 1, 16)),
        ("es", "el 16 de diciembre", date(2025, 12, 16)),
        ("es", "comenzarán el 7 de abril de 2026", date(2026, 4, 7)),
        ("it", "resterà aperta fino all’8 dicembre", date(2025, 12, 8)),
        ("it", "il 1° maggio", date(2025, 5, 1)),
        ("pt", "em 1º de janeiro de 2024", date(2024, 1, 1)),
        ("zh", "公司已于2025年1月17日在里斯本签署协议", date(2025, 1, 17)),
        ("zh", "1月19日晚间发布公告", date(2025, 1, 19)),
        ("zh", "发布于2025-10-27", date(2025, 10, 27)),
    ],
)
def test_dates(lang: str, text: str, day: date) -> None:
    claim = one(text, lang, "date", PUB)
    assert claim.date_value == day
    assert claim.value is None


@pytest.mark.parametrize(
    ("lang", "text", "first", "last"),
    [
        (
            "fr",
            "qui se tiendra du 24 au 26 septembre à Hangzhou",
            date(2025, 9, 24),
            date(2025, 9, 26),
        ),
        ("de", "vom 24. bis 26. September", date(2025, 9, 24), date(2025, 9, 26)),
        ("es", "del 24 al 26 de septiembre", date(2025, 9, 24), date(2025, 9, 26)),
        ("it", "dal 24 al 26 settembre", date(2025, 9, 24), date(2025, 9, 26)),
        ("en", "on September 24-26", date(2025, 9, 24), date(2025, 9, 26)),
        ("en", "from 24 to 26 September", date(2025, 9, 24), date(2025, 9, 26)),
        ("zh", "大会将于9月24日至26日举行", date(2025, 9, 24), date(2025, 9, 26)),
    ],
)
def test_date_ranges(lang: str, text: str, first: date, last: date) -> None:
    claim = one(text, lang, "date", PUB)
    assert (claim.date_value, claim.date_end) == (first, last)


def test_year_inferred_from_publication() -> None:
    # A month far after the publication month is last year's; a near one is this year's.
    assert infer_year(11, 20, date(2026, 3, 5)) == date(2025, 11, 20)
    assert infer_year(2, 3, date(2025, 9, 1)) == date(2025, 2, 3)
    assert infer_year(12, 1, date(2025, 9, 1)) == date(2025, 12, 1)
    assert infer_year(4, 7, date(2026, 2, 13)) == date(2026, 4, 7)
    assert infer_year(1, 7, date(2024, 12, 10)) == date(2025, 1, 7)
    assert infer_year(2, 29, date(2025, 3, 1)) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        # an April article: without the cue, a June day is this year's coming one
        ("en", "The concession agreement was signed on 9 June last year.", date(2025, 6, 9)),
        ("fr", "L'accord a été signé le 9 juin dernier à Belo Horizonte.", date(2025, 6, 9)),
        ("es", "El acuerdo se firmó el pasado 9 de junio en Belo Horizonte.", date(2025, 6, 9)),
        ("it", "L'accordo è stato firmato lo scorso 9 giugno.", date(2025, 6, 9)),
        ("de", "Der Vertrag wurde am 9. Juni letzten Jahres unterzeichnet.", date(2025, 6, 9)),
        ("pt", "O contrato foi assinado no passado dia 9 de junho.", date(2025, 6, 9)),
        ("nl", "De overeenkomst werd op 9 juni vorig jaar getekend.", date(2025, 6, 9)),
        ("zh", "公司去年6月9日签署协议。", date(2025, 6, 9)),
        # and a March day, read as last month's, moves on when the text says it is coming
        ("fr", "L'usine fermera le 20 mars prochain.", date(2027, 3, 20)),
        ("zh", "工厂将于明年3月20日关闭。", date(2027, 3, 20)),
        ("en", "The plant will close on 9 June.", date(2026, 6, 9)),
    ],
)
def test_words_beside_a_day_place_its_year(lang: str, text: str, day: date) -> None:
    assert one(text, lang, "date", date(2026, 4, 14)).date_value == day


def test_no_year_and_no_publication_date_gives_no_date() -> None:
    assert of_kind("on March 3 the firm said", "en", "date") == []


def test_year_from_the_text_when_publication_is_unknown() -> None:
    claim = one("Results for 2023 were released; on 19 April the board met.", "en", "date")
    assert claim.date_value == date(2023, 4, 19)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "in 2025, in May 2025, in the third quarter, on Monday, at 10:30 a.m."),
        ("fr", "en 2025, en septembre, au troisième trimestre, ce lundi"),
        ("de", "im Februar, Ende 2026, am Montag"),
        ("zh", "2029年底建成，今年下半年，上午7时30分"),
        ("en", "We may 3D print it."),
        ("en", "Invalid: 31 February"),
    ],
)
def test_not_dates(lang: str, text: str) -> None:
    assert of_kind(text, lang, "date", PUB) == []


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        (
            "fr",
            "L’ACPR inflige une amende\n\nBelga/AFP · Publié le 14 janvier 2025 à 15h30\n\n"
            "La banque a été sanctionnée le 13 janvier 2025.",
            date(2025, 1, 13),
        ),
        (
            "zh",
            "欧盟批准德国补贴\n\n编辑 王立衡 2025年09月17日 08:00\n\n欧盟委员会9月16日宣布。",
            date(2025, 9, 16),
        ),
    ],
)
def test_a_bylines_time_stamp_is_not_a_date_the_report_is_about(lang, text, day) -> None:
    assert [c.date_value for c in of_kind(text, lang, "date")] == [day]


def test_a_dated_time_inside_the_report_stays_a_date() -> None:
    text = (
        "The vote took place on 14 January 2025 at 15:30 after a debate that ran through "
        "the night, with amendments from every group in the chamber and a final reading."
    )
    assert one(text, "en", "date").date_value == date(2025, 1, 14)


# Chinese news names the month once, then days alone ("7日", "23日晚"), or days of the
# next or last month ("下月12日"): each is a day of the month the text places it in.
@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("台风于9月6日登陆海南，7日进入北部湾。", [date(2025, 9, 6), date(2025, 9, 7)]),
        ("欧盟委员会23日宣布罚款。", [date(2025, 8, 23)]),  # last month's: 23 > 1 Sep
        ("欧盟委员会1日宣布罚款。", [date(2025, 9, 1)]),
        ("听证会定于下月12日举行。", [date(2025, 10, 12)]),
        ("公司上月28日发布公告。", [date(2025, 8, 28)]),
    ],
)
def test_chinese_days_without_a_month(text, days):
    assert [c.date_value for c in of_kind(text, "zh", "date", PUB)] == days


@pytest.mark.parametrize("text", ["连续3日降雨。", "工程须在30日内完成。", "第3日的比赛"])
def test_chinese_spans_of_days_are_not_dates(text):
    assert of_kind(text, "zh", "date", PUB) == []


# A deadline right beside a day ("until 30 June", "bis zum 30. Juni", "6月30日前") is as
# likely ahead of publication as behind it: the nearer one wins, the future not discounted.
@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("en", "Applications are open until 30 June.", date(2026, 6, 30)),
        ("de", "Anträge können bis zum 30. Juni gestellt werden.", date(2026, 6, 30)),
        ("fr", "Les dossiers sont à déposer avant le 30 juin.", date(2026, 6, 30)),
        ("es", "El plazo vence el 30 de junio.", date(2026, 6, 30)),
        ("it", "Le domande vanno presentate entro il 30 giugno.", date(2026, 6, 30)),
        ("nl", "Aanvragen kan tot 30 juni.", date(2026, 6, 30)),
        ("zh", "申请须在6月30日前提交。", date(2026, 6, 30)),
        # without a deadline word a day four months ahead is still read as last year's
        ("en", "The plant opened on 30 June.", date(2025, 6, 30)),
        # and a deadline far behind stays behind
        ("en", "The offer ran until 10 December.", date(2025, 12, 10)),
    ],
)
def test_a_deadline_day_is_the_nearest_either_way(lang, text, day):
    assert one(text, lang, "date", date(2026, 2, 12)).date_value == day
