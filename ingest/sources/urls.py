"""One canonical form per web address, so the same page is never two articles.

The same story reaches us as `…/story?utm_source=rss`, `HTTP://Outlet.COM:80/story/` and
`…/story#comments`; stored as three articles, its claims joined the facts three times and
every follower got "(updated)" alerts naming the outlet twice. courlan (maintained with
trafilatura) knows the tracking parameters; we add what it leaves: the fragment, a trailing
slash, and an empty path.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url


def canonical(url: str, *, keep_trailing_slash: bool = False) -> str:
    """`url` in canonical form: scheme and host in lower case, no default port, no tracking
    parameters (utm_*, fbclid, …), remaining query parameters sorted, no fragment, no
    trailing slash except the root's (kept with `keep_trailing_slash`: a feed address is
    fetched as written, and some servers answer `/feed/` only). Anything not http(s), or
    unparsable, is returned as is.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url
    try:
        normal = normalize_url(url.strip(), trailing_slash=False)
    except ValueError:
        return url
    scheme, netloc, path, query, _fragment = urlsplit(normal)
    if not keep_trailing_slash:
        path = path.rstrip("/")
    elif url.split("?", 1)[0].split("#", 1)[0].endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit((scheme, netloc, path or "/", query, ""))
