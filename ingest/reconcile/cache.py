"""What reconciliation keeps of a story between calls, so a growing story costs its new
articles and not its length."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from factwatch.ingest.models import ClaimRecord
from factwatch.ingest.params import DEFAULT, Params
from factwatch.ingest.reconcile.align import Link
from factwatch.ingest.reconcile.mentions import ClaimFeatures, Mention, Nearness


@dataclass
class FactCache:
    """What `group_facts` worked out for one story, kept between calls: each article's
    mentions and the links between each pair of articles. Both depend only on the articles
    concerned, so when a story grows by k articles only the pairs with those k are scored
    (linear in the story's size, not quadratic); the result is the same as without it."""

    # the parameters everything below was worked out with (another set starts afresh)
    params: Params = DEFAULT
    # by article: its claim ids, mentions, their nearness map and the article's profile
    mentions: dict[int, tuple[tuple[int, ...], list[Mention], Nearness, np.ndarray | None]] = field(
        default_factory=dict
    )
    links: dict[tuple[int, int], list[Link]] = field(default_factory=dict)
    # the earlier articles each article is compared with (`partners`), valid while the
    # story only grows by newer articles
    partners: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # the judged facts of the last call by claim ids (`factwatch.ingest.reconcile.reconcile`)
    judged: dict[tuple[int, ...], Any] = field(default_factory=dict)
    # what the caller read for each article (its claim ids, records and their features),
    # so that a growing story is read from storage by its new articles only
    records: dict[int, tuple[tuple[int, ...], list[ClaimRecord], dict[int, ClaimFeatures]]] = field(
        default_factory=dict
    )

    @property
    def articles(self) -> int:
        return len(self.mentions)

    def use(self, params: Params) -> None:
        """Start afresh when the parameters differ from those the cache was filled with."""
        if params != self.params:
            self.mentions.clear()
            self.links.clear()
            self.partners.clear()
            self.judged.clear()
            self.params = params

    def keep_only(self, articles: set[int]) -> None:
        """Forget articles no longer reconciled (out of the story's window)."""
        gone = [a for a in self.mentions if a not in articles]
        if not gone:
            return  # the usual case: the story only grew (no scan of its pair links)
        for a in gone:
            del self.mentions[a]
        for key in [k for k in self.links if k[0] not in articles or k[1] not in articles]:
            del self.links[key]
        self.partners.clear()  # an article's best partners may have gone
