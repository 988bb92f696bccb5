"""Telegram HTML: escaping, links, bounding untrusted text, fitting lists in one message, and
splitting long messages.

Telegram's HTML mode accepts a few tags (b, i, u, s, a, code, pre, blockquote, ...) and needs
`<`, `>` and `&` escaped everywhere else; a message holds at most 4096 characters, counted in
UTF-16 code units (an emoji outside the BMP counts twice). `split_message` cuts on line
boundaries, then on spaces, never inside a tag or an entity, and closes the tags still open at
a cut and reopens them in the next part, so every part is valid on its own.

Titles, outlet names, story labels and claim texts come from the web: each is shown on one
line and cut to its `MAX_*` length as *plain* text before it is escaped (`clip`), so a cut never
falls inside an entity or a tag. A list that would not fit in one message is cut by `fit`, which
says how many items were left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

MAX_MESSAGE = 4096
# The longest shown form of each untrusted field, in characters before escaping.
MAX_TITLE = 200  # article titles
MAX_OUTLET = 80  # outlet names
MAX_LABEL = 200  # story labels
MAX_CLAIM = 300  # fact labels, claim texts
MAX_FIGURE = 80  # a reading's figure (its unit comes from the article)
MAX_URL = 2048  # longer URLs are shown as their text, not linked
# Room kept in each part of a long line for the tags closed and reopened around a cut.
_TAG_ROOM = 512


def escape(text: object) -> str:
    """Text for Telegram HTML: `<`, `>` and `&` escaped (the entities Telegram knows)."""
    return html.escape(str(text), quote=False)


def one_line(text: object, limit: int) -> str:
    """Plain text on one line (runs of whitespace, newlines included, become one space), cut
    to at most `limit` characters with an ellipsis."""
    return truncate(" ".join(str(text).split()), limit)


def clip(text: object, limit: int) -> str:
    """Untrusted text for Telegram HTML: on one line, cut to `limit`, then escaped."""
    return escape(one_line(text, limit))


def link(url: str | None, text: str, limit: int = MAX_TITLE) -> str:
    """An `<a>` element for http(s) URLs (its text clipped to `limit`); other schemes (file:,
    javascript:) and overlong URLs as plain text."""
    shown = clip(text, limit)
    if url and len(url) <= MAX_URL and url.lower().startswith(("http://", "https://")):
        href = escape(url).replace('"', "&quot;")
        return f'<a href="{href}">{shown}</a>'
    return shown


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _fitting(items: Sequence[str], room: int) -> int:
    """How many of `items`, from the first, fit in `room` UTF-16 units (a newline each)."""
    n = 0
    for item in items:
        room -= tg_len(item) + 1
        if room < 0:
            break
        n += 1
    return n


def page_bounds(
    head: Sequence[str],
    items: Sequence[str],
    tail: Sequence[str] = (),
    more: Callable[[int], str] = lambda n: f"… and {n} more",
    limit: int = MAX_MESSAGE,
) -> list[tuple[int, int]]:
    """How `fit` deals `items` out to pages: (start, end) of each page's items, each page
    `head`, its items, the `more` line unless it is the last, and `tail`. At least one page."""
    frame = tg_len("\n".join([*head, *tail]))
    room = limit - frame - tg_len(more(len(items))) - 1  # kept for the `more` line
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(items):
        rest = items[start:]
        if _fitting(rest, limit - frame) == len(rest):  # the last page needs no `more` line
            n = len(rest)
        else:
            n = max(1, _fitting(rest, room))  # an item too long alone is cut by `fit`
        bounds.append((start, start + n))
        start += n
    return bounds or [(0, 0)]


def fit(
    head: Sequence[str],
    items: Sequence[str],
    tail: Sequence[str] = (),
    more: Callable[[int], str] = lambda n: f"… and {n} more",
    limit: int = MAX_MESSAGE,
    page: int = 1,
    bounds: Sequence[tuple[int, int]] | None = None,
) -> str:
    """`head`, `items` and `tail` joined by newlines in one message of at most `limit` UTF-16
    units: the items that do not fit are left for the next `page` and replaced by the line
    `more(n)`. (An item may span lines: a group header travels with its first entry.)
    A page past the last is the last. `bounds`: the pages `page_bounds` made for a head at
    least as long (so the pages do not shift when the heading names the page)."""
    bounds = bounds or page_bounds(head, items, tail, more, limit)
    start, end = bounds[min(max(page, 1), len(bounds)) - 1]
    lines = [*head, *items[start:end]]
    if end < len(items):
        lines.append(more(len(items) - end))
    text = "\n".join([*lines, *tail])
    if tg_len(text) > limit:  # one item, the head or the tail too long: still one message
        text = split_message(text, limit)[0]
    return text


# ------------------------------------------------------------------ splitting

_ATOM = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;|\s+|[^<&\s]+|[<&]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")


def _tag_effect(atom: str) -> tuple[str, str] | None:
    """('open'|'close', name) for a tag atom, None for text."""
    m = _TAG.fullmatch(atom)
    if not m or m.group(3):
        return None
    return ("close" if m.group(1) else "open", m.group(2).lower())


def _advance(stack: list[tuple[str, str]], text: str) -> None:
    """Update the stack of open tags (name, opening tag) after `text`."""
    for atom in _ATOM.findall(text):
        effect = _tag_effect(atom)
        if effect is None:
            continue
        kind, name = effect
        if kind == "open":
            stack.append((name, atom))
        else:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break


def _closing(stack: Sequence[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _opening(stack: Sequence[tuple[str, str]]) -> str:
    return "".join(tag for _, tag in stack)


def _cut_line(line: str, budget: int) -> list[str]:
    """A line longer than `budget` in pieces: at spaces, else (a word longer than the budget)
    between its tags, entities and characters. The spaces at the cuts are dropped."""
    words: list[tuple[str, list[str]]] = []  # (space before, atoms of the word)
    space = ""
    for atom in _ATOM.findall(line):
        if atom.isspace():
            space += atom
            continue
        if space or not words:
            words.append((space, [atom]))
            space = ""
        else:
            words[-1][1].append(atom)
    pieces: list[str] = []
    current = ""
    for space, atoms in words:
        word = "".join(atoms)
        candidate = current + space + word if current else word
        if tg_len(candidate) <= budget:
            current = candidate
            continue
        if current:
            pieces.append(current)
            current = ""
        if tg_len(word) <= budget:
            current = word
            continue
        for atom in atoms:  # a word longer than the budget: cut it hard
            while atom:
                if tg_len(current + atom) <= budget:
                    current += atom
                    break
                if current:
                    pieces.append(current)
                    current = ""
                    continue
                cut = min(len(atom), budget)
                while cut > 1 and tg_len(atom[:cut]) > budget:
                    cut -= 1
                pieces.append(atom[:cut])
                atom = atom[cut:]
    if current:
        pieces.append(current)
    return pieces


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """`text` (Telegram HTML) in parts of at most `limit` UTF-16 units, cut between lines
    where possible; tags open at a cut are closed and reopened. Blank parts are dropped."""
    text = text.strip("\n")
    if not text.strip():
        return []
    if tg_len(text) <= limit:
        return [text]
    budget = max(limit - _TAG_ROOM, limit // 2)
    parts: list[str] = []
    stack: list[tuple[str, str]] = []
    body = ""  # the current part without its reopening prefix
    prefix = ""
    for line in text.split("\n"):
        pieces = [line] if tg_len(line) <= budget else _cut_line(line, budget)
        for n, piece in enumerate(pieces):
            sep = ("\n" if n == 0 else " ") if body else ""
            after = list(stack)
            _advance(after, piece)
            if body and tg_len(prefix + body + sep + piece + _closing(after)) > limit:
                parts.append(prefix + body + _closing(stack))
                prefix, body, sep = _opening(stack), "", ""
            body += sep + piece
            stack = after
    if body.strip():
        parts.append(prefix + body + _closing(stack))
    return [p for p in parts if _visible(p)]


def _visible(part: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", part).strip())


def truncate(text: str, limit: int) -> str:
    """Plain text cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    if cut < limit // 2:
        cut = limit - 1
    return text[:cut].rstrip(" ,;:") + "…"
