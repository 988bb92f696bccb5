"""Telegram HTML: escaping, links, and splitting long messages.

Telegram's HTML mode accepts a few tags (b, i, u, s, a, code, pre, blockquote, ...) and needs
`<`, `>` and `&` escaped everywhere else; a message holds at most 4096 characters, counted in
UTF-16 code units (an emoji outside the BMP counts twice). `split_message` cuts on line
boundaries, then on spaces, never inside a tag or an entity, and closes the tags still open at
a cut and reopens them in the next part, so every part is valid on its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

MAX_MESSAGE = 4096
# Room kept in each part of a long line for the tags closed and reopened around a cut.
_TAG_ROOM = 512


def escape(text: object) -> str:
    """Text for Telegram HTML: `<`, `>` and `&` escaped (the entities Telegram knows)."""
    return html.escape(str(text), quote=False)


def link(url: str | None, text: str) -> str:
    """An `<a>` element for http(s) URLs; other schemes (file:, javascript:) as plain text."""
    if url and url.lower().startswith(("http://", "https://")):
        href = escape(url).replace('"', "&quot;")
        return f'<a href="{href}">{escape(text)}</a>'
    return escape(text)


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


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
