"""The whole pipeline for a batch of articles: dedupe, detect language, extract claims, embed,
cluster into stories, store, reconcile the stories that changed.

Each article commits in its own transaction with its claims and story update, so a crash
loses at most the article in flight and a rerun picks up where it stopped (already stored
URLs are skipped). Reconciliation of the touched stories then runs in one transaction each.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from factwatch.ingest import alerts, dedup
from factwatch.ingest.analysis import (
    Analysed,
    analyse,
    cached_countries_in,
    embed_batch,
    fingerprint_of,
)
from factwatch.ingest.embed import Embedder
from factwatch.ingest.models import ArticleInput, ClaimRecord
from factwatch.ingest.params import DEFAULT, Params
from factwatch.ingest.reconcile import ClaimFeatures, FactCache, reconcile
from factwatch.ingest.reconcile.context import years_in
from factwatch.ingest.stories import (
    ArticleSignals,
    StoryIndex,
    StoryState,
    assign_story,
    figure_keys,
    merge_into,
    merge_stories,
)
from factwatch.store import repository as repo
from factwatch.store.db import Database
from factwatch.store.feeds import unreconciled_stories
from factwatch.store.locks import pipeline_lock
from factwatch.store.models import Article, Story
from factwatch.store.outbox import enqueue_alerts

log = logging.getLogger(__name__)

# Story rows written by another worker are picked up when their updated_at is at most this
# much older than the previous look (a transaction in flight when we looked).
SYNC_MARGIN = timedelta(minutes=2)
# Shingle fingerprints of the most recently stored articles, which are most of the
# near-duplicate candidates (about 10 KB each).
SHINGLE_CACHE = 8192
# Syndicated copies of a text are looked for among articles published this long before the
# earliest article of a chunk, or later (exact copies at any age, by their hash): the
# buckets of boilerplate grow with the database, a scan of the recent ones does not.
COPY_WINDOW = timedelta(days=30)
# Fact caches (each story's mentions and pair links, `FactCache`) are kept for the most
# recently reconciled stories up to this many articles in all (~50 KB an article).
FACT_CACHE_ARTICLES = 10_000


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    duplicates: int = 0
    claims: int = 0
    new_stories: int = 0
    merged_stories: int = 0  # stories folded into another: an article showed them to be one
    stories_touched: set[int] = field(default_factory=set)
    conflicts_changed: int = 0
    problems: list[str] = field(default_factory=list)
    # True when `should_stop` ended the run early: the remaining articles were not stored (the
    # stored ones are reconciled all the same, so a clean shutdown leaves no claim unmatched).
    stopped: bool = False


class Pipeline:
    """Stores analysed articles and keeps stories, facts and conflicts up to date."""

    def __init__(
        self,
        db: Database,
        embedder: Embedder,
        params: Params = DEFAULT,
        reconcile_articles: int = 300,
    ) -> None:
        self.db = db
        self.embedder = embedder
        self.params = params
        # A story is reconciled over its newest `reconcile_articles` articles: a new article
        # is compared with each of them (`FactCache` keeps the pairs already scored).
        self.reconcile_articles = reconcile_articles
        # Candidate stories come from an in-memory index of the stories in the window, kept
        # across batches and synced with the database (other workers) before each chunk:
        # loading every recent story for every article grew with the database.
        self._stories = StoryIndex(params.stories)
        self._window_start: datetime | None = None
        self._synced_at: datetime | None = None
        self._shingles: OrderedDict[int, np.ndarray] = OrderedDict()
        self._fact_caches: OrderedDict[int, FactCache] = OrderedDict()
        self._copy_floor = 0  # smallest article id a near-copy is looked for from
        self._locked = False  # this pipeline holds the database's pipeline lock
        self._repaired = False  # a killed run's leftovers have been reconciled

    def ingest(
        self,
        articles: Sequence[ArticleInput],
        feed_id: int | None = None,
        batch: int = 32,
        should_stop: Callable[[], bool] | None = None,
    ) -> IngestReport:
        """Store `articles` (one transaction each), then reconcile the stories they touched.

        `should_stop` is asked before each article is stored, so a shutdown waits for one
        article, not the whole batch; facts and conflicts are then updated once per call, so a
        feed poll raises one alert per changed conflict, not one per article.
        """
        with self._exclusive():
            return self._ingest(articles, feed_id, batch, should_stop)

    @contextmanager
    def _exclusive(self, repair: bool = True) -> Iterator[None]:
        """The database's pipeline lock (store/locks.py), taken once however deep the calls.

        The first time this pipeline holds it, it `repair`s what a killed run left behind."""
        if self._locked:
            yield
            return
        with pipeline_lock(self.db):
            self._locked = True
            try:
                if repair and not self._repaired:
                    self._repair()
                yield
            finally:
                self._locked = False

    def repair(self) -> int:
        """Reconcile the stories a killed run left with claims but no facts (which also
        queues the alerts it never queued); the number of such stories."""
        with self._exclusive(repair=False):
            return self._repair()

    def _repair(self) -> int:
        self._repaired = True
        left = unreconciled_stories(self.db)
        if left:
            log.warning("reconciling %d story(ies) an interrupted ingest left behind", len(left))
            self._reconcile(left)
        return len(left)

    def _ingest(
        self,
        articles: Sequence[ArticleInput],
        feed_id: int | None,
        batch: int,
        should_stop: Callable[[], bool] | None,
    ) -> IngestReport:
        report = IngestReport()
        with self.db.session() as s:
            known = repo.known_urls(s, (a.url for a in articles))
        fresh: dict[str, ArticleInput] = {}
        for a in articles:
            if a.url in known or a.url in fresh:
                report.skipped += 1
            else:
                fresh[a.url] = a
        ordered = sorted(
            fresh.values(),
            key=lambda a: (a.published or datetime.max.replace(tzinfo=UTC), a.url),
        )
        for i in range(0, len(ordered), batch):
            if should_stop is not None and should_stop():
                report.stopped = True
                break
            chunk = ordered[i : i + batch]
            earliest = repo.to_utc_naive(chunk[0].published) or repo.utcnow()
            self._sync_stories(earliest)
            with self.db.session() as s:
                self._copy_floor = repo.first_article_id_since(s, earliest - COPY_WINDOW)
            analysed = []
            for a in chunk:
                try:
                    analysed.append(analyse(a, self.params))
                except Exception as exc:  # a bug on one article must not stop the run
                    log.exception("analysis failed for %s", a.url)
                    report.problems.append(f"{a.url}: analysis failed ({exc})")
            embed_batch(self.embedder, analysed, self.params)
            for item in analysed:
                if should_stop is not None and should_stop():
                    report.stopped = True
                    break
                self._store(item, feed_id, report)
            if report.stopped:
                break
        self.reconcile(report.stories_touched, report)
        return report

    # ------------------------------------------------------------ one article

    def _store(self, item: Analysed, feed_id: int | None, report: IngestReport) -> None:
        a = item.article
        published = repo.to_utc_naive(a.published)
        now = repo.utcnow()
        story: Story | None = None
        with self.db.session() as s:
            original = self._find_original(s, item)
            if original is not None:
                story_id = original.story_id
                report.duplicates += 1
            else:
                story = self._assign(s, item, published or now, report)
                story_id = story.id
            row = Article(
                url=a.url,
                title=a.title,
                text=a.text,
                summary=a.summary,
                author=a.author,
                outlet=a.outlet or _outlet_from_url(a.url),
                lang=item.lang,
                published_at=published,
                ingested_at=now,
                source=a.source,
                feed_id=feed_id,
                content_hash=item.digest,
                story_id=story_id,
                duplicate_of=original.id if original is not None else None,
                embedding=repo.vector_to_bytes(item.lead_vector),
                entities=sorted(item.entities),
            )
            s.add(row)
            s.flush()
            repo.add_bands(s, row.id, item.bands)
            repo.add_claims(s, row.id, item.claims, item.contexts, item.claim_vectors)
            if original is not None and story_id is not None:
                story = s.get(Story, story_id)
                if story is not None:
                    story.n_articles += 1
                    story.last_seen = max(story.last_seen, published or now)
                    story.langs = _merge_langs(story.langs, item.lang)
                    story.updated_at = now
        if story is not None:  # committed: the index now matches the row
            self._stories.put(_state_of(story), version=story.updated_at)
        self._remember_shingles(row.id, fingerprint_of(item))
        report.added += 1
        report.claims += len(item.claims)
        if story_id is not None:
            report.stories_touched.add(story_id)

    def _find_original(self, s, item: Analysed) -> Article | None:
        """The article this one is a syndicated copy of, if any."""
        exact = repo.article_by_hash(s, item.digest)
        if exact is not None:
            # A second copy of a syndicated text points at the original, not the first copy.
            if exact.duplicate_of is not None:
                return s.get(Article, exact.duplicate_of) or exact
            return exact
        # A copy (Jaccard >= 0.6) shares at most one of the 20 buckets 5 % of the time (0.3 %
        # at 0.7): a candidate sharing one is checked only when its fingerprint is at hand
        # (recent articles, where copies are), not by re-reading the text of an old one.
        ids = [
            i
            for i, shared in repo.band_candidates(s, item.bands, self._copy_floor)
            if shared > 1 or i in self._shingles
        ]
        for cand in repo.dedup_candidates(s, ids):
            if cand.duplicate_of is not None:
                continue
            # Most candidates share a few phrases and little else: their fingerprints (kept
            # for recent articles) rule them out without rebuilding their shingle sets.
            theirs = self._shingles.get(cand.id)
            if theirs is None:
                cand_shingles = dedup.shingles(cand.text)
                theirs = dedup.fingerprint(cand_shingles)
                self._remember_shingles(cand.id, theirs)
            else:
                cand_shingles = None
            overlap = dedup.fingerprint_jaccard(fingerprint_of(item), theirs)
            if overlap < dedup.NEAR_DUPLICATE - 0.01:
                continue
            if cand_shingles is None:
                cand_shingles = dedup.shingles(cand.text)
            if dedup.jaccard(item.shingles, cand_shingles) >= dedup.NEAR_DUPLICATE:
                return cand
        return None

    def _remember_shingles(self, article_id: int, fingerprint: np.ndarray) -> None:
        self._shingles[article_id] = fingerprint
        self._shingles.move_to_end(article_id)
        while len(self._shingles) > SHINGLE_CACHE:
            self._shingles.popitem(last=False)

    def _assign(self, s, item: Analysed, when: datetime, report: IngestReport) -> Story:
        """The story row the article joins or starts, updated (not yet committed)."""
        signals = ArticleSignals(
            embedding=item.lead_vector,
            entities=item.entities,
            figures=figure_keys(item.claims, self.params.stories),
            published=when,
            lang=item.lang,
            title=item.article.title,
            lead_companies=item.lead_companies,
        )
        stories = self.params.stories
        window = timedelta(days=stories.window_days)
        candidates, name_df = self._stories.candidates(signals, when - window)
        decision = assign_story(signals, candidates, stories, name_df=name_df)
        chosen = candidates[decision.index] if decision.index is not None else None
        row = s.get(Story, chosen.story_id) if chosen is not None else None
        if chosen is None or row is None:
            state = merge_into(None, signals, stories)
            row = Story(created_at=repo.utcnow())
            s.add(row)
            report.new_stories += 1
        else:
            if row.updated_at != self._stories.version(row.id):
                chosen = _state_of(row)  # another worker changed it since we looked
            others = [s.get(Story, candidates[f.index].story_id) for f in decision.merge]
            if any(o is not None for o in others):
                row, chosen = self._merge(s, [row, *(o for o in others if o)], report)
            state = merge_into(chosen, signals, stories)
        _write_state(row, state)
        s.flush()
        return row

    def _merge(self, s, rows: list[Story], report: IngestReport) -> tuple[Story, StoryState]:
        """Fold stories an article showed to be one into the oldest (`merge_story`); its row
        and merged state (written by the caller). The others leave the index and caches."""
        rows = sorted(rows, key=lambda r: r.id)
        keep, state = rows[0], _state_of(rows[0])
        for other in rows[1:]:
            state = merge_stories(state, _state_of(other), self.params.stories)
            log.info("story %d merged into story %d", other.id, keep.id)
            repo.merge_story(s, keep.id, other.id)
            self._stories.remove(other.id)
            self._fact_caches.pop(other.id, None)
            report.stories_touched.discard(other.id)
            report.merged_stories += 1
        return keep, state

    def _sync_stories(self, earliest: datetime) -> None:
        """Make the story index hold every story in the window of an article published at
        `earliest` or later, as the database has it now (other workers write stories too)."""
        since = earliest - timedelta(days=self.params.stories.window_days)
        started = repo.utcnow()
        with self.db.session() as s:
            rows: list[Story] = []
            if self._window_start is None or since < self._window_start:
                rows.extend(repo.stories_seen_since(s, since, before=self._window_start))
                self._window_start = since
            elif since - self._window_start > timedelta(days=self.params.stories.evict_step_days):
                self._stories.evict_before(since)
                self._window_start = since
            if self._synced_at is not None:
                rows.extend(
                    repo.stories_changed_since(
                        s, self._synced_at - SYNC_MARGIN, self._window_start, self._stories.version
                    )
                )
            for row in rows:
                self._stories.put(_state_of(row), version=row.updated_at)
        self._synced_at = started

    # ------------------------------------------------------------ reconciliation

    def reconcile(self, story_ids, report: IngestReport | None = None) -> int:
        with self._exclusive():
            return self._reconcile(story_ids, report)

    def _reconcile(self, story_ids, report: IngestReport | None = None) -> int:
        changed = 0
        for story_id in sorted(story_ids):
            with self.db.session() as s:
                window = repo.story_claim_ids(s, story_id, self.reconcile_articles)
                cache = self._fact_cache(story_id)
                records, feats = self._window_records(s, window, cache)
                facts = reconcile(records, feats, cache, self.params)
                stored = {cid: fid for claims in window.values() for cid, fid in claims}
                changed_conflicts = repo.save_facts(s, story_id, facts, stored)
                # Alerts commit with the conflicts they announce (store/outbox.py).
                enqueue_alerts(s, changed_conflicts, alerts.route)
                changed += len(changed_conflicts)
        if report is not None:
            report.conflicts_changed += changed
        return changed

    def _window_records(
        self, s, window: dict[int, list[tuple[int, int | None]]], cache: FactCache
    ) -> tuple[list[ClaimRecord], dict[int, ClaimFeatures]]:
        """The claim records and features of a story's window: read from the database for
        the articles new (or changed) since the story was last reconciled, from `cache`
        for the others, so that a long story costs its new articles, not its length."""
        stale = [
            a
            for a, claims in window.items()
            if (held := cache.records.get(a)) is None or held[0] != tuple(c for c, _ in claims)
        ]
        for a in [a for a in cache.records if a not in window]:
            del cache.records[a]
        fresh: dict[int, tuple[list[ClaimRecord], dict[int, ClaimFeatures]]] = {
            a: ([], {}) for a in stale
        }
        records_read, rows = repo.claim_records(s, stale)
        for rec, row in zip(records_read, rows, strict=True):
            recs, feats = fresh[rec.article_id]
            recs.append(rec)
            feats[rec.claim_id] = ClaimFeatures(
                vector=repo.bytes_to_vector(row.context_embedding),
                years=years_in(row.context),
                link_group=row.link_group,
                segment=row.context,
                countries=cached_countries_in(row.sentence),
            )
        for a, (recs, feats) in fresh.items():
            cache.records[a] = (tuple(r.claim_id for r in recs), recs, feats)
        records: list[ClaimRecord] = []
        features: dict[int, ClaimFeatures] = {}
        for a in window:
            _, recs, feats = cache.records[a]
            records.extend(recs)
            features.update(feats)
        records.sort(key=lambda r: r.claim_id)
        return records, features

    def _fact_cache(self, story_id: int) -> FactCache:
        """The story's fact cache (most recently used last); the oldest are dropped when the
        caches hold more than FACT_CACHE_ARTICLES articles."""
        cache = self._fact_caches.pop(story_id, None) or FactCache()
        self._fact_caches[story_id] = cache
        total = sum(c.articles for c in self._fact_caches.values())
        while total > FACT_CACHE_ARTICLES and len(self._fact_caches) > 1:
            _, dropped = self._fact_caches.popitem(last=False)
            total -= dropped.articles
        return cache

    def reconcile_all(self) -> int:
        with self.db.session() as s:
            ids = repo.story_ids(s)
        return self.reconcile(ids)


def _merge_langs(langs: str, lang: str | None) -> str:
    items = [x for x in langs.split(",") if x]
    if lang and lang not in items:
        items.append(lang)
    return ",".join(sorted(items))


def _outlet_from_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "file":
        return parts.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return parts.netloc or url


def _state_of(row: Story) -> StoryState:
    return StoryState.from_record(
        story_id=row.id,
        centroid=repo.bytes_to_vector(row.centroid),
        n_articles=row.n_articles,
        entities=row.entities or [],
        figures=row.figures or [],
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        label=row.label,
        langs=[x for x in row.langs.split(",") if x],
    )


def _write_state(row: Story, state: StoryState) -> None:
    rec = state.to_record()
    row.label = rec["label"][:500]
    row.centroid = repo.vector_to_bytes(rec["centroid"])
    row.n_articles = rec["n_articles"]
    row.entities = rec["entities"]
    row.figures = rec["figures"]
    row.first_seen = repo.to_utc_naive(rec["first_seen"])
    row.last_seen = repo.to_utc_naive(rec["last_seen"])
    row.langs = ",".join(sorted(rec["langs"]))
    row.updated_at = repo.utcnow()
