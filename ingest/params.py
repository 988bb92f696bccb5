"""Every tuned number of the story and fact stages, in one typed place.

Each parameter is a field of a frozen dataclass declared with `tuned(...)`, which records
why the number exists, the evidence that set it (a corpus or a measurement) and the test
that guards it. `tests/test_params.py` refuses a parameter without them, and
`docs/parameters.md` is generated from them (`python -m factwatch.ingest.params --write`).

All of them can be passed in: `Params(stories=StoryParams(high_similarity=0.72))` goes to
`analyse`/`reconcile` like any other value, which is what tuning and leave-one-corpus-out
evaluation need. `DEFAULT` is what the application uses.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Provenance:
    """Why a tuned number exists, what set it, and which test fails if it drifts."""

    why: str
    evidence: str
    test: str  # "tests/path/test_file.py::test_name"


def tuned(default: Any, *, why: str, evidence: str, test: str) -> Any:
    """A dataclass field holding a tuned number and its provenance."""
    return field(
        default=default,
        metadata={"provenance": Provenance(why=why, evidence=evidence, test=test)},
    )


def provenance(f: dataclasses.Field[Any]) -> Provenance | None:
    return f.metadata.get("provenance")


# --- stories: joining an article to a story ------------------------------------------------


@dataclass(frozen=True)
class StoryParams:
    """Thresholds of the story stage (cosines of L2-normalised headline+lead embeddings)."""


# --- facts: grouping claims into facts -----------------------------------------------------


@dataclass(frozen=True)
class FactParams:
    """Thresholds of the fact stage (clause cosines, bonuses and penalties, blocks)."""

    # -- the decision: a pair of mentions is one fact when its score reaches the bar
    match_threshold: float = tuned(
        0.40,
        why="Score (clause cosine plus bonuses, minus penalties) at which two articles' "
        "mentions that are each other's best match become one fact.",
        evidence="unknown, set by hand in f51fe28 (project skeleton); kept through the "
        "dev corpus and the labelled mini-corpora of 85db384",
        test="tests/reconcile/test_facts.py::test_unrelated_clauses_stay_apart",
    )
    anchor_bonus: float = tuned(
        0.10,
        why="How much lower the bar is for a mutual best match whose neighbouring figures "
        "already match and agree between the same two articles (short clauses embed apart).",
        evidence="85db384 'Fact matching: … dev conflict recall 0.75 -> 1.0; three own mini-"
        "corpora' (tests/reconcile/corpora): '€48 a share, a premium of 33%' pairs of"
        " the dev corpus",
        test="tests/reconcile/test_facts.py::test_figures_reported_beside_an_agreeing_figure_meet_on_weaker_clauses",
    )
    same_value_bonus: float = tuned(
        0.25,
        why="The same value and unit stated by two outlets in one story is strong evidence "
        "of one fact.",
        evidence='55b6603 "Integrate sources and stories; … scorer" (dev corpus)',
        test="tests/reconcile/test_facts.py::test_a_family_noun_does_not_outbid_the_same_figure",
    )
    value_bonus: float = tuned(
        0.12,
        why="A value compatible after rounding or conversion is weaker evidence of one fact "
        "than the same value.",
        evidence="unknown, set by hand in f51fe28 (project skeleton)",
        test="tests/reconcile/test_facts.py::test_a_conversion_at_the_current_exchange_rate_is_one_mention",
    )
    bound_value_bonus: float = tuned(
        0.06,
        why="A value compatible only with a stated bound ('more than 300 million') admits "
        "many amounts: weaker evidence than a rounding.",
        evidence="b60caeb 'Session 6 work: date slips' (blind_e corpus): 'de dettes' / 'ha "
        "fatturato 340' look-alikes of blind_e",
        test="tests/reconcile/test_corpora.py::test_corpus_facts_conflicts_and_look_alikes",
    )
    # -- penalties
    family_penalty: float = tuned(
        0.08,
        why="A different noun within the people-at-work family (jobs / employees) is weak "
        "evidence of a different count.",
        evidence="85db384 'Fact matching: … dev conflict recall 0.75 -> 1.0; three own mini-"
        "corpora' (tests/reconcile/corpora): '2,300 jobs at risk' / '2.300 "
        "trabajadores' of the dev corpus",
        test="tests/reconcile/test_facts.py::test_a_family_noun_does_not_outbid_the_same_figure",
    )
    unknown_noun_penalty: float = tuned(
        0.08,
        why="A counted noun outside the lexicon cannot be compared with another language's "
        "noun: it costs a little similarity instead of blocking.",
        evidence="4afe252 'Facts that hold on unseen corpora' (blind corpora, "
        "bench/fact_links.py): 'pilotes', 'Güterzüge', Chinese classifiers",
        test="tests/reconcile/test_facts.py::test_a_counted_noun_outside_the_lexicon_does_not_block_its_translation",
    )
    place_penalty: float = tuned(
        0.12,
        why="A clause placing its figure in a town the other article never names (or a date "
        "in other countries) is evidence of a part against a whole.",
        evidence="85db384 'Fact matching: … dev conflict recall 0.75 -> 1.0; three own mini-"
        "corpora' (tests/reconcile/corpora): '180 dipendenti' at the Siena plant",
        test="tests/reconcile/test_facts.py::test_a_figure_placed_in_a_town_the_other_article_never_names_stays_apart",
    )
    relative_year_penalty: float = tuned(
        0.10,
        why="Clauses whose years differ only once 'this year' / 'l'an dernier' are read as "
        "years: softer than two years written out (a block).",
        evidence="4afe252 'Facts that hold on unseen corpora' (blind corpora, "
        "bench/fact_links.py): '470 millones este año' / '386 millions en 2025'",
        test="tests/reconcile/test_facts.py::test_this_year_in_one_outlet_is_not_last_years_figure_in_another",
    )
    implausible_penalty: float = tuned(
        0.15,
        why="Disagreeing values too far apart to be a typo or a scale slip are more likely "
        "two quantities.",
        evidence="4afe252 'Facts that hold on unseen corpora' (blind corpora, "
        "bench/fact_links.py): '620 flights a day' / '128 flights', '240 salariés' / "
        "'185 dipendenti'",
        test="tests/reconcile/test_facts.py::test_values_no_typo_explains_need_a_closer_clause_to_be_one_fact",
    )
    # -- dates
    max_date_gap_days: int = tuned(
        45,
        why="Outlets disagreeing on a date misreport the day or the week: dates further "
        "apart are two events (a hard block).",
        evidence="85db384 'Fact matching: … dev conflict recall 0.75 -> 1.0; three own mini-"
        "corpora' (tests/reconcile/corpora): a signing in January, a ground-breaking "
        "in August",
        test="tests/reconcile/test_facts.py::test_dates_months_apart_are_two_events_days_apart_a_conflict",
    )
    date_gap_slope: float = tuned(
        0.02,
        why="Each day two dates are apart beyond date_slip_days costs this much similarity, "
        "so a day off outbids a week off.",
        evidence="b60caeb 'Session 6 work: date slips' (blind_e corpus): 'filed on 3 "
        "September' / 'a buyer by 15 October' of blind_e",
        test="tests/reconcile/test_corpora.py::test_corpus_facts_conflicts_and_look_alikes",
    )
    date_slip_days: int = tuned(
        1,
        why="Dates this many days apart are one event misreported (or read in another time "
        "zone): no gap cost, and eligible for the date-slip pass.",
        evidence="b60caeb 'Session 6 work: date slips' (blind_e corpus): 'priced on 14 "
        "October' / 'on 15 October' of blind_e",
        test="tests/reconcile/test_facts.py::test_a_date_slip_needs_one_day_and_the_agreed_figure_in_both_sentences",
    )
    date_slip_bonus: float = tuned(
        0.20,
        why="How much lower still the bar is for a date a day off in the very sentence of a "
        "figure both articles agree on.",
        evidence="b60caeb 'Session 6 work: date slips' (blind_e corpus): blind_e's bond issue "
        "dates",
        test="tests/reconcile/test_facts.py::test_a_date_a_day_off_in_the_sentence_of_an_agreed_figure_is_one_event",
    )
    # -- misreports: could two disagreeing values be one figure reported wrong?
    misreport_ratio: float = tuned(
        1.5,
        why="Values further apart than this ratio (and not one digit typo apart) are more "
        "likely two quantities than one misreported.",
        evidence="4afe252 'Facts that hold on unseen corpora' (blind corpora, "
        "bench/fact_links.py): '412' / '421', '3,500' / '4,500' against '620' / '128'",
        test="tests/reconcile/test_facts.py::test_values_no_typo_explains_need_a_closer_clause_to_be_one_fact",
    )
    scale_slip_tolerance: float = tuned(
        0.005,
        why="How close to a power of ten (in log10) a ratio must be to read as a scale-word "
        "slip ('48 bn' / '480 bn').",
        evidence="unknown, set by hand in 4afe252",
        test="tests/reconcile/test_facts.py::test_a_scale_word_slip_is_still_one_fact_in_conflict",
    )
    scale_slip_max_power: int = tuned(
        3,
        why="The largest power of ten a scale-word slip spans (thousand / million / billion "
        "confused).",
        evidence="unknown, set by hand in 4afe252",
        test="tests/reconcile/test_facts.py::test_a_scale_word_slip_is_still_one_fact_in_conflict",
    )
    absurd_log_ratio: float = tuned(
        3.2,
        why="Values more than 10**this apart (over a thousandfold) are never one fact.",
        evidence="unknown, set by hand in 4afe252",
        test="tests/reconcile/test_facts.py::test_figures_a_thousandfold_apart_are_never_one_fact",
    )
    # -- nouns and places
    cognate_min_prefix: int = tuned(
        4,
        why="Letters two counted nouns must share at the start to be one noun written alike "
        "across languages ('pilots' / 'pilotes').",
        evidence="4afe252 'Facts that hold on unseen corpora' (blind corpora, "
        "bench/fact_links.py): nouns outside the lexicon on the blind corpora",
        test="tests/reconcile/test_facts.py::test_a_counted_noun_outside_the_lexicon_does_not_block_its_translation",
    )
    cognate_max_tail: int = tuned(
        2,
        why="Letters the shorter noun may have beyond the shared prefix and still be a "
        "cognate ('Piloten').",
        evidence="unknown, set by hand in 4afe252",
        test="tests/reconcile/test_tuned.py::test_cognates_share_a_prefix_and_differ_in_a_short_tail",
    )
    place_min_prefix: int = tuned(
        4,
        why="Letters a place name and a word of the other article must share for the "
        "article to name the place ('Köln' / 'Kölner').",
        evidence="85db384 'Fact matching: … dev conflict recall 0.75 -> 1.0; three own mini-"
        "corpora' (tests/reconcile/corpora): the Siena plant",
        test="tests/reconcile/test_tuned.py::test_a_place_is_named_by_its_inflected_forms_only",
    )
    place_max_tail: int = tuned(
        1,
        why="Letters the shorter of the two may have beyond the shared prefix ('Siena' / "
        "'Sienne').",
        evidence="unknown, set by hand in 85db384",
        test="tests/reconcile/test_tuned.py::test_a_place_is_named_by_its_inflected_forms_only",
    )
    # -- what counts as beside: figures reported together support each other
    next_sentence_chars: int = tuned(
        3,
        why="Characters at most between two sentences for them to be read as side by side "
        "(the anchors of agreeing figures).",
        evidence="unknown, set by hand in 85db384",
        test="tests/reconcile/test_tuned.py::test_sentences_side_by_side_are_at_most_a_few_characters_apart",
    )
    # -- clauses (ingest/reconcile/context.py) and their vectors (ingest/pipeline.py)
    sentence_weight: float = tuned(
        0.3,
        why="How much of its sentence (figures masked) a claim's vector carries beside its "
        "clause: a clause cut between two figures often loses the subject its sentence names.",
        evidence="36a18b2 'Claim vectors mix in their sentence (0.3…)': blind_e's swapped-digit "
        "revenue found; 0.5 linked a fleet of 142 aircraft with a backlog of 1,340 in blind_e",
        test="tests/reconcile/test_blind_corpora.py::test_blind_corpus_meets_the_targets",
    )
    max_apposition_gap: int = tuned(
        40,
        why="Characters at most between a figure and its conversion beside it ('380 bn "
        "yuan (50 bn euros)') for them to be one mention.",
        evidence='55b6603 "Integrate sources and stories; … conversion markers"',
        test="tests/reconcile/test_facts.py::test_bracketed_conversion_is_one_mention_with_a_shared_clause",
    )
    min_content_words: int = tuned(
        2,
        why="Words a clause needs to say what its figure measures; with fewer it shares the "
        "whole sentence.",
        evidence="85db384 'Fact matching: … dev conflict recall 0.75 -> 1.0; three own mini-"
        "corpora' (tests/reconcile/corpora): 'Net profit rose 18% to $720 million'",
        test="tests/reconcile/test_tuned.py::test_a_clause_with_too_few_words_shares_its_sentence",
    )
    # -- bounded work: which earlier articles a new one is compared with
    newest_partners: int = tuned(
        4,
        why="The newest earlier articles every article is compared with: an update restates "
        "what the last reports said.",
        evidence='1d840ca "Bounded work per new article" (bench/scale.py)',
        test="tests/reconcile/test_facts.py::test_a_long_story_is_compared_in_bounded_pairs_and_still_links_a_late_restatement",
    )
    max_partners: int = tuned(
        16,
        why="The most earlier articles an article is compared with, so the work per new "
        "article stays bounded however long the story runs.",
        evidence='1d840ca "Bounded work per new article" (bench/scale.py)',
        test="tests/reconcile/test_facts.py::test_a_long_story_is_compared_in_bounded_pairs_and_still_links_a_late_restatement",
    )


# --- verdicts: comparing values within a fact ----------------------------------------------


# The currency tolerances are all here, each named once: how far a conversion may be off when
# claims are matched (`match_conversion_slack`), within one article (`article_conversion_slack`),
# when a verdict is given (`rate_slack`), and when stories compare figure keys
# (`story_conversion_tolerance`, `story_figure_tolerance`).
@dataclass(frozen=True)
class VerdictParams:
    """Tolerances used when two values of one fact are compared and explained (currencies too)."""

    about_slack: float = tuned(
        0.03,
        why="How far 'about' stretches a figure (relative): journalists round '4,480' to "
        "'about 4,500', rarely further.",
        evidence="unknown, set by hand in f51fe28 (project skeleton)",
        test="tests/reconcile/test_verdicts.py::test_an_approximate_figure_rounds_at_its_last_non_zero_digit",
    )
    about_rounding_cap: float = tuned(
        0.05,
        why="The most an approximate figure's trailing zeros are read to round away "
        "(relative): 'about 50 bn' is not 45 bn.",
        evidence="4afe252 'Facts that hold on unseen corpora' (blind corpora, "
        "bench/fact_links.py): 'rund 1.100 Flüge' for 1,140",
        test="tests/reconcile/test_verdicts.py::test_an_approximate_figure_rounds_at_its_last_non_zero_digit",
    )
    bound_slack: float = tuned(
        0.25,
        why="How far above 'more than X' (or below 'up to X') a true value may plausibly lie.",
        evidence="unknown, set by hand in f51fe28 (project skeleton)",
        test="tests/reconcile/test_verdicts.py::test_more_than_a_lower_figure_is_a_bound_not_a_conflict",
    )
    default_significant_digits: int = tuned(
        2,
        why="Significant digits a figure is read to when its precision is not known.",
        evidence="unknown, set by hand in f51fe28 (project skeleton)",
        test="tests/reconcile/test_verdicts.py::test_intervals_follow_stated_precision",
    )
    rate_slack: float = tuned(
        0.01,
        why="Currency verdicts: a conversion within 1% of the ECB rate of the day is "
        "consistent (outlets often convert with the day before's rate).",
        evidence="DESIGN.md: consistent 'within 1%'; f51fe28",
        test="tests/reconcile/test_verdicts.py::test_fixed_yuan_amount_converted_on_different_days_is_currency_conversion",
    )
    match_conversion_slack: float = tuned(
        0.03,
        why="Fact matching: how far (relative) an amount in another currency may be off the "
        "converted one and still be a compatible value.",
        evidence="the 'about' slack of f51fe28 reused for conversions when they were added "
        "to matching (85db384)",
        test="tests/reconcile/test_facts.py::test_amounts_no_exchange_rate_reconciles_stay_apart",
    )
    article_conversion_slack: float = tuned(
        0.0,
        why="An amount an article also states in another currency in another sentence is "
        "one figure only when the conversion fits its written digits exactly.",
        evidence='4085903 "Facts and stories on blind_d: … an amount an article also states '
        'in another currency in another sentence is one figure"',
        test="tests/reconcile/test_facts.py::test_an_amount_an_article_also_gives_in_another_currency_is_one_figure",
    )
    story_conversion_tolerance: float = tuned(
        0.03,
        why="Story figure keys: an amount in another currency matches when within this of "
        "the converted one (an outlet converts at its own date).",
        evidence='55b6603 "Integrate sources and stories" (dev corpus): the 0.03 of '
        "ingest/stories.py figures_match",
        test="tests/stories/test_stories.py::test_figures_match_rules",
    )
    story_figure_tolerance: float = tuned(
        0.02,
        why="Story figure keys: the same currency or count matches within this (rounding: "
        "'$5.7bn' / '$5.72bn').",
        evidence='55b6603 "Integrate sources and stories" (dev corpus): the 0.02 of '
        "ingest/stories.py figures_match and _distinctive_match",
        test="tests/stories/test_stories.py::test_figures_match_rules",
    )


# --- all of them ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    stories: StoryParams = field(default_factory=StoryParams)
    facts: FactParams = field(default_factory=FactParams)
    verdicts: VerdictParams = field(default_factory=VerdictParams)


DEFAULT = Params()

SECTIONS: tuple[tuple[str, type], ...] = (
    ("stories", StoryParams),
    ("facts", FactParams),
    ("verdicts", VerdictParams),
)


def markdown() -> str:
    """The parameters page: every tuned number, its default, why, evidence and guard."""
    out = [
        "# Parameters",
        "",
        "Generated from `ingest/params.py` by `python -m factwatch.ingest.params --write`;",
        "do not edit by hand. Each number can be passed in through `Params`.",
        "",
    ]
    for name, cls in SECTIONS:
        out += [f"## {name} (`{cls.__name__}`)", "", (cls.__doc__ or "").strip(), ""]
        out += ["| parameter | default | why | evidence | guarded by |", "|---|---|---|---|---|"]
        for f in dataclasses.fields(cls):
            p = provenance(f)
            cells = [f"`{f.name}`", f"`{f.default!r}`"]
            cells += [p.why, p.evidence, f"`{p.test}`"] if p else ["", "", ""]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out)


DOC_PATH = Path("docs/parameters.md")


def main(argv: list[str]) -> int:
    text = markdown()
    if "--write" in argv:
        DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
        DOC_PATH.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
