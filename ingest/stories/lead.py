"""The text a story is matched on: headline and lead, and the short label a story shows."""

from __future__ import annotations

from factwatch.ingest.params import DEFAULT, StoryParams
from factwatch.ingest.text import cjk_pattern

CJK = cjk_pattern(ext_a=True, compat=True, kana=True)


def is_cjk_key(key: str) -> bool:
    return bool(CJK.search(key))


def headline_and_lead(title: str, text: str, params: StoryParams = DEFAULT.stories) -> str:
    """Headline plus the opening paragraphs, the text to embed and to take names from.

    The lead names the event; the rest of an article drifts into background that other
    stories share. Short lines before the first paragraph (section, byline, timestamp) are
    skipped. CJK text is ~2.5x denser per character, so its budget is smaller.
    """
    title = (title or "").strip()
    body = (text or "").strip()
    if title and body.startswith(title):
        body = body[len(title) :]
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    opening = " ".join(lines[:3])
    dense = bool(lines) and len(CJK.findall(opening)) > len(opening) / params.cjk_dense_one_in
    budget = int(params.lead_chars * (params.cjk_lead_share if dense else 1.0))
    min_line = params.lead_min_line * (params.cjk_lead_share if dense else 1.0)
    picked: list[str] = []
    size = 0
    for line in lines:
        if not picked and len(line) < min_line:
            continue
        picked.append(line)
        size += len(line)
        if size >= budget:
            break
    lead = "\n".join(picked)
    if len(lead) > budget:
        cut = max(lead.rfind(". ", 0, budget), lead.rfind("。", 0, budget))
        lead = lead[: cut + 1] if cut >= budget // 2 else lead[:budget]
    return f"{title}\n{lead}".strip()


def short_label(title: str, max_chars: int = DEFAULT.stories.label_chars) -> str:
    """A headline shortened at a word boundary (site names after " | " dropped)."""
    text = " ".join((title or "").split())
    if " | " in text:
        text = text.split(" | ")[0]
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars)
    if cut < max_chars // 2:  # no spaces (zh) or one long word
        cut = max_chars - 1
    return text[:cut].rstrip(" ,;:-–—") + "…"
