"""Getting articles in: RSS/Atom feeds, web pages and local folders -> `ArticleInput`.

`collect` is the one-call entry point; `fetch`, `parse_feed`, `extract_page` and
`read_local` are the pieces a scheduler uses to poll feeds itself (conditional GET).
"""

from factwatch.ingest.sources.base import CollectResult, SourceProblem
from factwatch.ingest.sources.collector import (
    FeedCollector,
    FeedPoll,
    collect,
    collect_feed,
    collect_sync,
)
from factwatch.ingest.sources.feeds import FeedEntry, FeedError, ParsedFeed, parse_feed
from factwatch.ingest.sources.httpfetch import (
    FetchConfig,
    FetchError,
    FetchResult,
    fetch,
    is_public_address,
    make_client,
    redact_url,
)
from factwatch.ingest.sources.local import read_local
from factwatch.ingest.sources.pages import ExtractError, decode_html, extract_page

__all__ = [
    "CollectResult",
    "ExtractError",
    "FeedCollector",
    "FeedEntry",
    "FeedError",
    "FeedPoll",
    "FetchConfig",
    "FetchError",
    "FetchResult",
    "ParsedFeed",
    "SourceProblem",
    "collect",
    "collect_feed",
    "collect_sync",
    "decode_html",
    "extract_page",
    "fetch",
    "is_public_address",
    "make_client",
    "parse_feed",
    "read_local",
    "redact_url",
]
