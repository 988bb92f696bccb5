"""Country and region names of every supported language, from CLDR (babel): one source for
the two uses the pipeline has, names that say little about an event (entities) and the
country a figure is placed in (reconcile/places)."""

from __future__ import annotations

from functools import cache

from factwatch.ingest.lang import SUPPORTED


@cache
def territory_names(lang: str) -> tuple[tuple[str, str], ...]:
    """(CLDR territory code, name) pairs in `lang`, in CLDR's order; codes are ISO 3166
    letters for countries and digits for world regions ("150" Europe)."""
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}: supported are {', '.join(SUPPORTED)}")
    from babel import Locale

    return tuple(Locale.parse(lang).territories.items())
