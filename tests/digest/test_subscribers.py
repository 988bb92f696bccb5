"""`factwatch digest subscribe | unsubscribe | list` on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factwatch.digest import subscribers as subs
from factwatch.store.db import Database
from factwatch.store.models import DigestSubscriber
from tests.digest.conftest import cli


def rows(db_url: str) -> list[DigestSubscriber]:
    db = Database(db_url)
    try:
        with db.session() as s:
            return list(s.scalars(select(DigestSubscriber).order_by(DigestSubscriber.email)))
    finally:
        db.dispose()


def test_subscribe_list_and_unsubscribe(empty_db):
    out = cli(
        empty_db, "digest", "subscribe", "Editor@Example.ORG", "--tz", "Europe/Paris", "--hour", "6"
    ).output
    assert "Subscribed Editor@example.org: daily digest at 06:00 Europe/Paris" in out
    cli(empty_db, "digest", "subscribe", "desk@example.org")
    listing = cli(empty_db, "digest", "list").output.splitlines()
    assert listing == [
        "Editor@example.org · 06:00 Europe/Paris",
        "desk@example.org · 07:00 UTC",
    ]
    stored = rows(empty_db)
    assert len({r.unsubscribe_token for r in stored}) == 2
    assert all(len(r.unsubscribe_token) >= 30 for r in stored)

    assert "Unsubscribed" in cli(empty_db, "digest", "unsubscribe", "desk@example.org").output
    assert cli(empty_db, "digest", "list").output.splitlines() == [
        "Editor@example.org · 06:00 Europe/Paris"
    ]
    assert (
        "desk@example.org · 07:00 UTC · unsubscribed"
        in cli(empty_db, "digest", "list", "--all").output
    )


def test_subscribing_again_updates_and_reactivates(empty_db):
    cli(empty_db, "digest", "subscribe", "desk@example.org", "--hour", "7")
    token = rows(empty_db)[0].unsubscribe_token
    cli(empty_db, "digest", "unsubscribe", "desk@example.org")
    out = cli(
        empty_db, "digest", "subscribe", "desk@example.org", "--tz", "Asia/Tokyo", "--hour", "22"
    ).output
    assert out.startswith("Updated desk@example.org: daily digest at 22:00 Asia/Tokyo")
    (row,) = rows(empty_db)
    assert (row.tz, row.hour, row.active, row.unsubscribe_token) == ("Asia/Tokyo", 22, True, token)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["not-an-address"], "is not a valid e-mail address"),
        (["a@@example.org"], "is not a valid e-mail address"),
        (["a@example.org", "--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
        (["a@example.org", "--tz", "../../etc/passwd"], "unknown time zone"),
        (["a@example.org", "--hour", "24"], "the hour must be a whole number from 0 to 23"),
        (["a@example.org", "--hour", "-1"], "the hour must be a whole number from 0 to 23"),
        (["a@example.org", "--topic", "   "], "a topic needs at least one word"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_stored(empty_db, args, message):
    result = cli(empty_db, "digest", "subscribe", *args, ok=False)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert rows(empty_db) == []


def test_unsubscribing_an_unknown_address_says_so(empty_db):
    result = cli(empty_db, "digest", "unsubscribe", "nobody@example.org", ok=False)
    assert result.exit_code == 1
    assert "nobody@example.org is not subscribed" in result.output


def test_unsubscribe_by_list_unsubscribe_token(empty_db):
    cli(empty_db, "digest", "subscribe", "desk@example.org")
    token = rows(empty_db)[0].unsubscribe_token
    db = Database(empty_db)
    try:
        assert subs.unsubscribe_token(db, "not-a-token") is None
        assert subs.unsubscribe_token(db, token) == "desk@example.org"
    finally:
        db.dispose()
    assert not rows(empty_db)[0].active


def test_validation_functions_accept_what_they_should():
    assert subs.normalise_email(" ed@EXAMPLE.org ") == "ed@example.org"
    assert subs.check_timezone("America/Argentina/Buenos_Aires") == "America/Argentina/Buenos_Aires"
    assert subs.check_hour(0) == 0 and subs.check_hour(23) == 23
    with pytest.raises(subs.SubscriberError):
        subs.check_hour(True)  # type: ignore[arg-type]
    assert subs.check_topic("  battery   plant ") == "battery plant"
