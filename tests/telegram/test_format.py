"""Telegram HTML: escaping, splitting at 4096 UTF-16 units, and the alert text."""

from __future__ import annotations

import re
from datetime import date

import pytest

from factwatch.telegram.format import (
    AlertView,
    ReadingView,
    SourceView,
    alert_text,
    help_text,
)
from factwatch.telegram.html import MAX_MESSAGE, escape, link, split_message, tg_len
from tests.telegram.fake_bot_api import TelegramHTMLError, check_html


def _plain(html_text: str) -> str:
    return check_html(html_text)


def test_escape_and_links_survive_telegram_parsing():
    text = escape('AT&T <b>bold</b> "quoted"') + " " + link("https://x.example/?a=1&b=<2>", "A&B")
    shown = _plain(text)
    assert shown == 'AT&T <b>bold</b> "quoted" A&B'
    assert 'href="https://x.example/?a=1&amp;b=&lt;2&gt;"' in text


def test_link_refuses_non_http_schemes():
    assert link("javascript:alert(1)", "x") == "x"
    assert link("file:///etc/passwd", "p<") == "p&lt;"


def test_utf16_length_counts_astral_characters_twice():
    assert tg_len("ab") == 2
    assert tg_len("⚠") == 1  # BMP
    assert tg_len("📅") == 2  # outside the BMP
    assert tg_len("电池") == 2


def test_short_text_is_one_part_and_blank_text_none():
    assert split_message("hello\nworld") == ["hello\nworld"]
    assert split_message("  \n\n ") == []


def test_split_on_line_boundaries_within_the_limit():
    lines = [f"<b>line {i}</b> " + "x" * 90 for i in range(200)]
    text = "\n".join(lines)
    parts = split_message(text)
    assert len(parts) > 1
    for part in parts:
        assert tg_len(part) <= MAX_MESSAGE
        check_html(part)  # each part valid on its own
        assert not part.startswith("\n") and not part.endswith("\n")
    # nothing lost, nothing cut inside a line
    assert "\n".join(parts) == text


def test_split_counts_utf16_units():
    line = "📅" * 100  # 200 units per line
    parts = split_message("\n".join([line] * 50), limit=1000)
    assert all(tg_len(p) <= 1000 for p in parts)
    assert sum(p.count("📅") for p in parts) == 5000


def test_tags_spanning_lines_are_closed_and_reopened():
    body = "\n".join(f"row {i} " + "y" * 50 for i in range(300))
    text = f'<blockquote><a href="https://e.example">{body}</a></blockquote>'
    parts = split_message(text, limit=2000)
    assert len(parts) > 1
    for part in parts:
        assert tg_len(part) <= 2000
        check_html(part)
        assert part.startswith('<blockquote><a href="https://e.example">')
        assert part.endswith("</a></blockquote>")
    joined = "\n".join(_plain(p) for p in parts)
    assert joined == body


def test_a_single_long_line_is_cut_at_spaces_outside_tags_and_entities():
    words = " ".join(f"w{i}&amp;<i>it</i>" for i in range(2000))
    parts = split_message(words)
    assert len(parts) > 1
    for part in parts:
        assert tg_len(part) <= MAX_MESSAGE
        check_html(part)
    # words kept whole, in order
    shown = " ".join(_plain(p) for p in parts)
    assert shown.split() == _plain(words).split()


def test_a_word_longer_than_the_limit_is_cut_hard():
    url = "https://example.org/" + "a" * 9000
    parts = split_message(escape(url))
    assert len(parts) == 3
    assert "".join(parts) == url
    assert all(tg_len(p) <= MAX_MESSAGE for p in parts)


def test_the_checker_refuses_what_telegram_refuses():
    for bad in ("<b>open", "a < b", "<div>x</div>", "AT&T", "<b><i>x</b></i>"):
        with pytest.raises(TelegramHTMLError):
            check_html(bad)


def _view(**kw) -> AlertView:
    base = dict(
        conflict_id=7,
        version=1,
        verdict="genuine",
        kind="count",
        summary="count 4,500 jobs: outlets disagree — 4,500 jobs vs about 3,500 jobs.",
        fact_label="count 4,500 jobs — “the plant will create …”",
        story_id=3,
        story_label="Hengchuan <breaks> ground & builds",
        readings=(
            ReadingView(
                "4,500 jobs",
                (SourceView("Le Courrier", "https://a.example/1", date(2025, 1, 21)),),
            ),
            ReadingView(
                "about 3,500 jobs",
                (SourceView("Main & Kurier", "https://b.example/2?x=1&y=2", date(2025, 8, 26)),),
            ),
        ),
    )
    base.update(kw)
    return AlertView(**base)


def test_alert_says_what_conflicts_the_verdict_the_explanation_and_links_the_articles():
    text = alert_text(_view())
    shown = check_html(text)
    assert "Outlets disagree" in shown
    assert "Story 3: Hengchuan <breaks> ground & builds" in shown
    assert "4,500 jobs" in shown and "about 3,500 jobs" in shown
    assert "Verdict: a genuine discrepancy" in shown
    assert "outlets disagree — 4,500 jobs vs about 3,500 jobs." in shown
    assert '<a href="https://a.example/1">Le Courrier</a> (21 Jan 2025)' in text
    assert '<a href="https://b.example/2?x=1&amp;y=2">Main &amp; Kurier</a>' in text
    assert "/story_3" in shown
    assert "(updated)" not in shown


@pytest.mark.parametrize(
    ("verdict", "words"),
    [
        ("currency_conversion", "currency conversion at different dates, not a genuine"),
        ("date_conflict", "conflicting dates"),
    ],
)
def test_alert_verdict_wording(verdict, words):
    assert words in check_html(alert_text(_view(verdict=verdict, version=2)))
    assert "(updated)" in alert_text(_view(verdict=verdict, version=2))


def test_an_enormous_conflict_still_fits_one_message():
    sources = tuple(
        SourceView(f"Outlet {i} " + "n" * 40, f"https://e.example/{i}/" + "p" * 80, None)
        for i in range(200)
    )
    view = _view(
        summary="word " * 3000,
        readings=tuple(ReadingView(f"{i} jobs", sources) for i in range(10)),
    )
    text = alert_text(view)
    assert tg_len(text) <= MAX_MESSAGE
    shown = check_html(text)
    assert "more" in shown and "Verdict" in shown
    assert shown.rstrip().endswith("/story_3")


def test_help_hides_admin_commands_from_others():
    public, admin = help_text(False), help_text(True)
    check_html(public)
    check_html(admin)
    assert "/subscribe" in public and "/addfeed" not in public and "/feeds" not in public
    assert "/addfeed" in admin and "/feeds" in admin
    for command in ("start", "help", "unsubscribe", "subscriptions", "conflicts", "story", "facts"):
        assert re.search(rf"/{command}\b", public)
