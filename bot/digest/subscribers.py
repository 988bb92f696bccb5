"""Digest subscribers: validated e-mail address, IANA time zone and delivery hour.

Validation lives here (not in the CLI) so that every way in — command line, bot, tests — refuses
the same bad input with the same message. Unsubscribing keeps the row (inactive) so the record
of digests already sent stays attached to it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from factwatch.store.models import DigestSubscriber
from factwatch.store.repository import utcnow

DEFAULT_TZ = "UTC"
DEFAULT_HOUR = 7


class SubscriberError(ValueError):
    """Input a subscriber cannot have (the message says what and why)."""


@dataclass(frozen=True)
class SubscriberInfo:
    """A subscriber as listings show it."""

    email: str
    tz: str
    hour: int
    topic: str | None
    active: bool


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
    session: Session,
    email: str,
    tz: str = DEFAULT_TZ,
    hour: int = DEFAULT_HOUR,
    topic: str | None = None,
    topic_embedding: bytes | None = None,
) -> tuple[DigestSubscriber, bool]:
    """Add a subscriber, or update and reactivate an existing one. Returns (row, created)."""
    email = normalise_email(email)
    tz = check_timezone(tz)
    hour = check_hour(hour)
    topic = check_topic(topic)
    row = find(session, email)
    created = row is None
    if row is None:
        row = DigestSubscriber(
            email=email,
            unsubscribe_token=secrets.token_urlsafe(24),
            created_at=utcnow(),
        )
        session.add(row)
    row.tz = tz
    row.hour = hour
    row.topic = topic
    row.topic_embedding = topic_embedding if topic else None
    row.active = True
    session.flush()
    return row, created


def find(session: Session, email: str) -> DigestSubscriber | None:
    return session.scalars(select(DigestSubscriber).where(DigestSubscriber.email == email)).first()


def unsubscribe(session: Session, email: str) -> bool:
    """Stop the digest for `email`; False when it was not subscribed."""
    row = find(session, normalise_email(email))
    if row is None or not row.active:
        return False
    row.active = False
    return True


def unsubscribe_token(session: Session, token: str) -> str | None:
    """Stop the digest for the subscriber with this List-Unsubscribe token; their address."""
    row = session.scalars(
        select(DigestSubscriber).where(DigestSubscriber.unsubscribe_token == token)
    ).first()
    if row is None:
        return None
    row.active = False
    return row.email


def list_subscribers(session: Session, include_inactive: bool = False) -> list[SubscriberInfo]:
    q = select(DigestSubscriber).order_by(DigestSubscriber.email)
    if not include_inactive:
        q = q.where(DigestSubscriber.active.is_(True))
    return [
        SubscriberInfo(r.email, r.tz, r.hour, r.topic, bool(r.active)) for r in session.scalars(q)
    ]
