"""Interval parsing and the back-off schedule (pure functions)."""

from __future__ import annotations

import random

import pytest

from factwatch.feeds import (
    BACKOFF_CAP,
    FeedRegistryError,
    backoff_delay,
    format_interval,
    parse_interval,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("15m", 900),
        ("1h", 3600),
        ("1h30m", 5400),
        ("1h 30m", 5400),
        ("2d", 172800),
        ("7d", 604800),
        ("600", 600),
        (" 15M ", 900),
    ],
)
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15", "1.5h", "-5m", "15 min", "1w", "h1", "1h1h"])
def test_parse_interval_refuses_nonsense_with_examples(text):
    with pytest.raises(FeedRegistryError) as exc:
        parse_interval(text)
    assert any(word in str(exc.value) for word in ("15m", "too short", "repeated", "empty"))


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(45, "45s"), (90, "1m30s"), (900, "15m"), (5400, "1h30m"), (86400, "1d"), (90061, "1d1h")],
)
def test_format_interval(seconds, text):
    assert format_interval(seconds) == text


def test_backoff_grows_exponentially_with_jitter_and_is_capped():
    rng = random.Random(7)
    interval = 300
    for failures in range(1, 12):
        samples = [backoff_delay(interval, failures, rng) for _ in range(200)]
        nominal = min(interval * 2**failures, BACKOFF_CAP)
        assert all(s <= BACKOFF_CAP for s in samples)
        assert all(s >= interval for s in samples)
        if interval * 2**failures * 1.2 < BACKOFF_CAP:
            # Jitter spreads retries (+-20 %) around interval x 2^failures.
            assert min(samples) >= nominal * 0.8 and max(samples) <= nominal * 1.2
            assert max(samples) - min(samples) > nominal * 0.2
        else:
            assert max(samples) == BACKOFF_CAP
    assert backoff_delay(interval, 2, random.Random(1)) > backoff_delay(
        interval, 1, random.Random(1)
    )


def test_backoff_never_shorter_than_the_interval_nor_longer_than_the_cap():
    assert backoff_delay(7 * 86400, 1, random.Random(0)) == BACKOFF_CAP
    assert backoff_delay(60, 50, random.Random(0)) == BACKOFF_CAP
