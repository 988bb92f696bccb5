"""Digest subscribers: validated e-mail address, IANA time zone and delivery hour.

Validation lives here (not in the CLI) so that every way in — command line, bot, tests — refuses
the same bad input with the same message. Unsubscribing keeps the row (inactive) so the record
of digests already sent stays attached to it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from factwatch.store import digests as rows
from factwatch.store.db import Database
from factwatch.store.digests import Subscriber

DEFAULT_TZ = "UTC"
DEFAULT_HOUR = 7


class SubscriberError(ValueError):
    """Input a subscriber cannot have (the message says what and why)."""


def normalise_email(address: str) -> str:
    """The address in canonical form (domain lower-cased, IDNA), or `SubscriberError`.

    Deliverability (DNS) is not checked: the server may have no network, and the SMTP server
    is the judge of whether a mailbox exists.
    """
    from email_validator import EmailNotValidError, validate_email

    address = (address or "").strip()
    if not address:
        raise SubscriberError("an e-mail address is required")
    try:
        info = validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        raise SubscriberError(f"{address!r} is not a valid e-mail address: {exc}") from None
    return info.normalized


def check_timezone(name: str) -> str:
    """An IANA time zone name such as `Europe/Paris`, or `SubscriberError`."""
    name = (name or "").strip()
    if not name:
        raise SubscriberError("a time zone is required, e.g. Europe/Paris or UTC")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SubscriberError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/Paris, "
            f"America/New_York or UTC"
        ) from None
    return name


def check_hour(hour: int) -> int:
    if not isinstance(hour, int) or isinstance(hour, bool) or not 0 <= hour <= 23:
        raise SubscriberError(f"the hour must be a whole number from 0 to 23, not {hour!r}")
    return hour


def check_topic(topic: str | None) -> str | None:
    if topic is None:
        return None
    topic = " ".join(topic.split())
    if not topic:
        raise SubscriberError("a topic needs at least one word")
    if len(topic) > 200:
        raise SubscriberError("a topic is a few words (at most 200 characters)")
    return topic


def subscribe(
    db: Database,
    email: str,
    tz: str = DEFAULT_TZ,
    hour: int = DEFAULT_HOUR,
    topic: str | None = None,
    topic_embedding: bytes | None = None,
) -> tuple[Subscriber, bool]:
    """Add a subscriber, or update and reactivate an existing one. Returns (row, created)."""
    return rows.subscribe(
        db,
        normalise_email(email),
        check_timezone(tz),
        check_hour(hour),
        check_topic(topic),
        topic_embedding,
    )


def find(db: Database, email: str) -> Subscriber | None:
    return rows.find_subscriber(db, email)


def unsubscribe(db: Database, email: str) -> bool:
    """Stop the digest for `email`; False when it was not subscribed."""
    return rows.unsubscribe(db, normalise_email(email))


def unsubscribe_token(db: Database, token: str) -> str | None:
    """Stop the digest for the subscriber with this List-Unsubscribe token; their address."""
    return rows.unsubscribe_token(db, token)


def list_subscribers(db: Database, include_inactive: bool = False) -> list[Subscriber]:
    return rows.list_subscribers(db, include_inactive)
