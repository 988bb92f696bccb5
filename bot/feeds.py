"""The feed registry behind `factwatch feeds` and the bot's /addfeed: what a feed may be
(an http(s) URL, a polite interval) and the operator's add, list, remove, pause and resume.

The rows are `factwatch.store.feeds`'; polling them is `factwatch.polling`. Failures back off
exponentially (interval x 2^failures, with jitter, capped at 6 h): `backoff_delay`.
"""

from __future__ import annotations

import ipaddress
import random
import re
from typing import TypeVar
from urllib.parse import urlsplit

from factwatch.ingest.sources.urls import canonical
from factwatch.store import feeds as rows
from factwatch.store.db import Database
from factwatch.store.feeds import FeedInfo

_T = TypeVar("_T")

DEFAULT_INTERVAL = 15 * 60
MIN_INTERVAL = 60
MAX_INTERVAL = 7 * 24 * 3600
BACKOFF_CAP = 6 * 3600
BACKOFF_JITTER = 0.2  # +-20 %: feeds that failed together do not retry together

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL_PART = re.compile(r"(\d+)\s*([smhd])")


class FeedRegistryError(ValueError):
    """A feed command cannot be done; the message says why, for the operator."""


# ---------------------------------------------------------------- intervals


def parse_interval(text: str) -> int:
    """Seconds in "90s", "15m", "1h", "1h30m", "2d" or a bare number of seconds.

    Raises FeedRegistryError with the accepted forms and limits when the text is not one.
    """
    raw = text.strip().lower()
    if not raw:
        raise FeedRegistryError("the interval is empty (examples: 90s, 15m, 1h, 1h30m)")
    if raw.isdigit():
        seconds = int(raw)
    else:
        compact = raw.replace(" ", "")
        parts = _INTERVAL_PART.findall(compact)
        if not parts or "".join(n + u for n, u in parts) != compact:
            raise FeedRegistryError(
                f"cannot read the interval {text!r}: use a number with a unit, "
                "s (seconds), m (minutes), h (hours) or d (days), e.g. 90s, 15m, 1h, 1h30m"
            )
        units = [u for _, u in parts]
        if len(set(units)) != len(units):
            raise FeedRegistryError(f"cannot read the interval {text!r}: a unit is repeated")
        seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    if seconds < MIN_INTERVAL:
        raise FeedRegistryError(
            f"the interval {text!r} is too short: at least {format_interval(MIN_INTERVAL)}, "
            "so factwatch stays polite to the sites it polls"
        )
    if seconds > MAX_INTERVAL:
        raise FeedRegistryError(
            f"the interval {text!r} is too long: at most {format_interval(MAX_INTERVAL)}"
        )
    return seconds


def format_interval(seconds: float) -> str:
    """Short human form: 45s, 15m, 1h30m, 2d."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        n, seconds = divmod(seconds, size)
        if n:
            out.append(f"{n}{unit}")
        if len(out) == 2:
            break
    return "".join(out)


def backoff_delay(
    interval: int, failures: int, rng: random.Random | None = None, cap: int = BACKOFF_CAP
) -> float:
    """Seconds until the next try after `failures` consecutive failures (>= 1).

    interval x 2^failures with +-20 % jitter, never more than `cap` (nor less than the
    interval): a feed down for a day is tried a few times an hour at first, then every ~6 h.
    """
    rng = rng or random.Random()
    base = interval * 2 ** min(max(failures, 1), 16)
    jittered = base * rng.uniform(1 - BACKOFF_JITTER, 1 + BACKOFF_JITTER)
    return float(max(min(jittered, cap), min(interval, cap)))


# ---------------------------------------------------------------- registry


def validate_feed_url(url: str, allow_private: bool = False) -> str:
    """The URL, stripped, if it can be a feed address; FeedRegistryError says what is wrong.

    Only http(s) with a host. Private, loopback and link-local IP literals (and localhost)
    are refused without `allow_private`: the fetcher would refuse them anyway, and an
    operator should learn that now rather than from the first poll. Host names are not
    resolved here (the fetcher checks every address it connects to).
    """
    text = url.strip()
    if not text:
        raise FeedRegistryError("the feed URL is empty")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise FeedRegistryError(f"{safe_url(text)} is not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FeedRegistryError(
            f"{safe_url(text)} is not an http(s) URL: feeds are fetched over HTTP or HTTPS"
        )
    if not host:
        raise FeedRegistryError(f"{safe_url(text)} has no host name")
    if any(c.isspace() for c in text):
        raise FeedRegistryError(f"{safe_url(text)} contains spaces")
    if not allow_private and _is_internal_host(host):
        raise FeedRegistryError(
            f"{safe_url(text)} points to a private, loopback or link-local address; "
            "add it with --allow-private if this internal feed is intended"
        )
    # One feed, one row: "HTTPS://News.Example:443/rss#top" is the feed already added.
    return canonical(text, keep_trailing_slash=True)


def safe_url(url: str) -> str:
    """The URL for messages, with credentials and secret-looking parameters masked."""
    from factwatch.ingest.sources import redact_url

    return redact_url(url)


def _is_internal_host(host: str) -> bool:
    from factwatch.ingest.sources import is_public_address

    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
        ".localhost"
    ):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not is_public_address(ip)


def add_feed(
    db: Database,
    url: str,
    *,
    interval_seconds: int = DEFAULT_INTERVAL,
    allow_private: bool = False,
    title: str | None = None,
) -> FeedInfo:
    """Register a feed; it is due at once (`factwatch run` polls it within a minute)."""
    url = validate_feed_url(url, allow_private)
    if not MIN_INTERVAL <= interval_seconds <= MAX_INTERVAL:
        raise FeedRegistryError(
            f"the interval must be between {format_interval(MIN_INTERVAL)} and "
            f"{format_interval(MAX_INTERVAL)}"
        )
    existing = rows.feed_id_by_url(db, url)
    if existing is not None:
        raise FeedRegistryError(f"{safe_url(url)} is already registered as feed {existing}")
    feed_id = rows.add_feed(
        db, url, title=title, interval_seconds=interval_seconds, allow_private=allow_private
    )
    if feed_id is None:  # added by someone else between the check and the insert
        raise FeedRegistryError(f"{safe_url(url)} is already registered")
    return get_feed(db, feed_id)


def get_feed(db: Database, ref: int | str) -> FeedInfo:
    return _found(rows.feed_by_ref(db, ref), ref)


def list_feeds(db: Database) -> list[FeedInfo]:
    return rows.list_feeds(db)


def remove_feed(db: Database, ref: int | str) -> FeedInfo:
    """Stop polling a feed and forget it. Its articles stay (their feed_id becomes NULL)."""
    return _found(rows.delete_feed(db, ref), ref)


def set_active(db: Database, ref: int | str, active: bool) -> FeedInfo:
    """Pause or resume a feed. Resuming clears the back-off: it is due at once."""
    return get_feed(db, _found(rows.set_active(db, ref, active), ref))


def _found(found: _T | None, ref: int | str) -> _T:
    if found is None:
        text = str(ref).strip()
        raise FeedRegistryError(
            f"no feed {safe_url(text)!r}: give a feed id or URL as `factwatch feeds list` shows"
        )
    return found
