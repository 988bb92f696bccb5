"""The one score of a pair of mentions, and its explanation, from `PairFeatures`.

The score starts from the cosine of the two clauses and adds signed terms: penalties for
evidence of two different quantities, a bonus for values that agree. Values only break ties,
so genuinely conflicting figures still meet. A blocked pair (or figures over a thousandfold
apart) scores -1 and never links.
"""

from __future__ import annotations

from factwatch.ingest.params import FactParams
from factwatch.ingest.reconcile.features import PairFeatures

NEVER = -1.0


def veto(f: PairFeatures) -> str:
    """Why the pair can never be one fact, or ''."""
    if f.block:
        return f.block
    if not f.agree and f.misreport == "absurd":
        return "values over a thousandfold apart"
    return ""


def terms(f: PairFeatures, params: FactParams) -> list[tuple[str, float]]:
    """The signed terms added to the cosine, in the order they are added."""
    out: list[tuple[str, float]] = []
    if f.noun_relation == "family":
        out.append(("another noun of the family", -params.family_penalty))
    elif f.noun_relation == "unknown":
        out.append(("a noun outside the lexicon", -params.unknown_noun_penalty))
    if f.kind == "date":
        days = max(0, f.date_gap - params.date_slip_days)
        out.append((f"dates {f.date_gap} d apart", -(params.date_gap_slope * days)))
    if f.unnamed_place or f.other_country:
        out.append(("placed elsewhere", -params.place_penalty))
    if f.periods_differ:
        out.append(("other quarters or halves", -params.period_penalty))
    if f.years_differ:
        out.append(("other (relative) years", -params.relative_year_penalty))
    apart = f.position_gap - params.position_gap_free
    if apart > 0 and params.position_gap_slope:
        penalty = params.position_gap_slope * apart
        out.append((f"{f.position_gap:.0%} of the article apart", -penalty))
    late = f.published_gap - params.published_gap_free_days
    if late > 0 and params.published_gap_slope:
        penalty = params.published_gap_slope * late / 365
        out.append((f"reported {f.published_gap} d apart", -penalty))
    if f.same_value:
        out.append(("same value", params.same_value_bonus))
    elif f.compatible:
        bonus = params.bound_value_bonus if f.bounded else params.value_bonus
        out.append(("compatible with a bound" if f.bounded else "compatible value", bonus))
    elif f.misreport == "implausible":
        out.append(("too far apart for a misreport", -params.implausible_penalty))
    return out


def score(f: PairFeatures, params: FactParams) -> float:
    """How strongly two mentions read as one fact (compared with `match_threshold`)."""
    if veto(f):
        return NEVER
    sim = f.cosine
    for _, delta in terms(f, params):
        sim += delta
    return sim


def explain(f: PairFeatures, params: FactParams) -> str:
    """The score's parts, as `score` adds them: "cos=0.52 same value+0.25 = 0.77"."""
    reason = veto(f)
    if reason:
        return f"never one fact: {reason} = {NEVER:.2f}"
    bits = [f"cos={f.cosine:.2f}"]
    bits += [f"{name} {delta:+.2f}" for name, delta in terms(f, params) if delta]
    if f.misreport == "plausible":
        bits.append("(a plausible misreport)")
    return " ".join(bits) + f" = {score(f, params):.2f}"
