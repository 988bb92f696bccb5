"""Local folders and files of articles (.txt, .md, .html), with an optional manifest.json.

A folder is read recursively in sorted order so runs are reproducible. The manifest gives
what plain text cannot carry (language, publication day, title, outlet, original URL). Bad
files never stop the folder: each becomes a SourceProblem naming the file, and text in a
legacy encoding is decoded (and reported) rather than dropped.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from factwatch.ingest.language import detect_language, normalize_language_tag
from factwatch.ingest.models import ArticleInput
from factwatch.ingest.sources.base import Level, SourceProblem, plausible_date
from factwatch.ingest.sources.encoding import guess_decode
from factwatch.ingest.sources.feeds import FeedEntry
from factwatch.ingest.sources.pages import ExtractError, extract_page
from factwatch.ingest.text import split_sentences

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MANIFEST_NAME = "manifest.json"
MAX_FILE_BYTES = 10 * 1024 * 1024
# Share of control characters above which a decoded file is not text.
_MAX_CONTROL_SHARE = 0.05

Problems = list[SourceProblem]


class _Skip(Exception):
    def __init__(self, message: str, level: Level = "error") -> None:
        super().__init__(message)
        self.level = level


def read_local(
    path: str | os.PathLike[str], *, source: str | None = None
) -> tuple[list[ArticleInput], list[SourceProblem]]:
    """Articles from a folder (recursively) or a single file, and the problems met.

    `source` labels the articles and problems (defaults to `path` as given). A file's
    metadata comes from the manifest.json of its folder, when there is one.
    """
    label = source if source is not None else os.fspath(path)
    target = Path(path).expanduser()
    problems: Problems = []
    if not target.exists():
        return [], [SourceProblem(label, f"{label}: no such file or folder", "error")]
    if target.is_dir():
        base = target
        files, links = _walk(target)
        problems.extend(
            SourceProblem(label, f"{link}: a symbolic link, not followed", "warning")
            for link in links
        )
    else:
        base = target.parent
        if target.suffix.lower() not in SUPPORTED_SUFFIXES:
            message = f"{label}: unsupported file type (expected .txt, .md, .html or .htm)"
            return [], [SourceProblem(label, message, "error")]
        files = [target]
    manifest = _load_manifest(base, label, problems, warn_missing=target.is_dir())
    articles: list[ArticleInput] = []
    for file in files:
        relative = file.relative_to(base).as_posix()
        shown = relative if target.is_dir() else label
        try:
            meta = {**manifest.get("", {}), **manifest.get(relative, {})}
            article, warning = _read_file(file, meta, label)
        except _Skip as skip:
            problems.append(SourceProblem(label, f"{shown}: {skip}", skip.level))
            continue
        if warning:
            problems.append(SourceProblem(label, f"{shown}: {warning}", "warning"))
        articles.append(article)
    return articles, problems


def _walk(folder: Path) -> tuple[list[Path], list[str]]:
    """Supported files under `folder`, sorted, skipping hidden entries; and the symbolic
    links met (relative names). Links are never followed: a link in a shared folder could
    make any file the process can read (/etc/hostname, a key) an article."""
    found: list[Path] = []
    links: list[str] = []
    for directory, subdirs, names in os.walk(folder, followlinks=False):
        for name in subdirs:
            if not name.startswith(".") and Path(directory, name).is_symlink():
                links.append(Path(directory, name).relative_to(folder).as_posix())
        subdirs[:] = sorted(name for name in subdirs if not name.startswith("."))
        for name in names:
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            path = Path(directory, name)
            if path.is_symlink():
                links.append(path.relative_to(folder).as_posix())
                continue
            found.append(path)
    return sorted(found, key=lambda file: file.relative_to(folder).as_posix()), sorted(links)


def _load_manifest(
    base: Path, label: str, problems: Problems, *, warn_missing: bool
) -> dict[str, dict[str, Any]]:
    path = base / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except RecursionError:
        problems.append(
            SourceProblem(label, f"{MANIFEST_NAME}: nested too deeply to read, ignored", "warning")
        )
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problems.append(
            SourceProblem(label, f"{MANIFEST_NAME}: unreadable ({exc}), ignored", "warning")
        )
        return {}
    entries = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        problems.append(
            SourceProblem(label, f"{MANIFEST_NAME}: no 'articles' list, ignored", "warning")
        )
        return {}
    defaults = {
        key: data[key]
        for key in ("outlet", "lang")
        if isinstance(data, dict) and isinstance(data.get(key), str)
    }
    # Top-level "outlet"/"lang" apply to every file of the folder (under the key "").
    manifest: dict[str, dict[str, Any]] = {"": defaults}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            problems.append(
                SourceProblem(
                    label, f"{MANIFEST_NAME}: an entry without a 'file' name, ignored", "warning"
                )
            )
            continue
        relative = Path(entry["file"]).as_posix().removeprefix("./")
        if warn_missing and not (base / relative).is_file():
            problems.append(
                SourceProblem(
                    label, f"{MANIFEST_NAME}: lists {relative}, which does not exist", "warning"
                )
            )
        manifest[relative] = entry
    return manifest


def _read_file(file: Path, meta: dict[str, Any], label: str) -> tuple[ArticleInput, str | None]:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Skip(f"larger than {MAX_FILE_BYTES} bytes, skipped")
        data = file.read_bytes()
    except OSError as exc:
        raise _Skip(f"cannot read ({exc.strerror or exc}), skipped") from None
    text, warning = decode_text(data)
    published, date_warning = _manifest_date(meta.get("published"))
    warning = "; ".join(part for part in (warning, date_warning) if part) or None
    url = _manifest_url(meta.get("url")) or file.resolve().as_uri()
    if file.suffix.lower() in HTML_SUFFIXES:
        hint = FeedEntry(
            link=url,
            title=_str(meta.get("title")),
            published=published,
            lang=normalize_language_tag(_str(meta.get("lang"))),
            outlet=_str(meta.get("outlet")),
            author=_str(meta.get("author")),
        )
        try:
            page = extract_page(text, url, hint=hint, source=label)
        except ExtractError:
            raise _Skip("no article text found in the HTML, skipped") from None
        # The manifest is the user's word: it wins over what the page says about itself.
        article = ArticleInput(
            url=url,
            title=hint.title or page.title,
            text=page.text,
            source=label,
            lang=hint.lang or page.lang,
            published=published or page.published,
            outlet=hint.outlet or page.outlet,
            summary=_str(meta.get("summary")) or page.summary,
            author=hint.author or page.author,
        )
        return article, warning
    body = markdown_to_text(text) if file.suffix.lower() != ".txt" else text
    title, body = _title_and_body(body, _str(meta.get("title")))
    if not body and not title:
        raise _Skip("empty file, skipped", "warning")
    # A title taken from the lead is already the start of the body: don't repeat it.
    full = (
        body
        if body and body.startswith(title.rstrip("…"))
        else (f"{title}\n\n{body}" if body else title)
    )
    lang = normalize_language_tag(_str(meta.get("lang")))
    article = ArticleInput(
        url=url,
        title=title,
        text=full,
        source=label,
        lang=lang if lang else detect_language(full),
        published=published,
        outlet=_str(meta.get("outlet")),
        summary=_str(meta.get("summary")),
        author=_str(meta.get("author")),
    )
    return article, warning


def decode_text(data: bytes) -> tuple[str, str | None]:
    """(text, warning) for a file's bytes; raises _Skip for empty, binary or undecodable.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are read silently; anything else
    is decoded with charset-normalizer's best guess and reported, so the user can check it.
    """
    if not data.strip():
        raise _Skip("empty file, skipped", "warning")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), None
            except UnicodeDecodeError:
                raise _Skip(f"not valid {encoding} despite its byte-order mark, skipped") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _Skip("binary file, skipped")
        text, encoding = utf16
        return _checked(text), f"no byte-order mark; decoded as {encoding}"
    try:
        return _checked(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    if _byte_control_share(data) > _MAX_CONTROL_SHARE:
        raise _Skip("binary file, skipped")
    guess = guess_decode(data)
    if guess is None:
        raise _Skip("not UTF-8 and no text encoding fits, skipped")
    text, encoding = guess
    return _checked(text), f"not UTF-8; decoded as {encoding}"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: most ASCII-range characters leave a zero
    byte at every other position (odd positions little-endian, even ones big-endian)."""
    if len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.3 * half and other <= 0.02 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if _control_share(text) <= _MAX_CONTROL_SHARE:
                return text, encoding.upper()
    return None


def _checked(text: str) -> str:
    if not text.strip():
        raise _Skip("empty file, skipped", "warning")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise _Skip("binary file, skipped")
    return text


_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1a\x1b")


def _byte_control_share(data: bytes) -> float:
    """Share of C0 control bytes: no text encoding we read uses them for letters."""
    sample = data[:20000]
    bad = sum(1 for byte in sample if (byte < 0x20 or byte == 0x7F) and byte not in _TEXT_CONTROLS)
    return bad / len(sample)


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(
        1
        for ch in sample
        if ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    return bad / len(sample)


_BLANK_RUN = re.compile(r"\n{3,}")
# Files whose lines never exceed this are taken as hard-wrapped: single newlines then do
# not end paragraphs.
_HARD_WRAP = 100


_HEADLINE_MAX = 160
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s")


def _headline_from_lead(lead: str) -> str:
    """The lead's first sentence, cut at a word boundary if still long."""
    first = split_sentences(lead, boundary=_SENTENCE_END, trim=False, limit=1)
    sentence = lead[: first[0][1]] if first else lead
    if len(sentence) <= _HEADLINE_MAX:
        return sentence
    return sentence[: _HEADLINE_MAX - 1].rsplit(" ", 1)[0] + "…"


def _title_and_body(text: str, title: str | None) -> tuple[str, str]:
    """Headline and body paragraphs (blank-line separated) of a plain text.

    In a file written with long lines (the usual for copied articles) every line break
    ends a paragraph; in a hard-wrapped file only blank lines do.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not any(line.strip() for line in lines):
        return (title or "", "")
    if max(len(line) for line in lines) > _HARD_WRAP or all(line.strip() for line in lines):
        # Not hard-wrapped (or no blank lines at all): every line is a paragraph.
        body = "\n\n".join(line.strip() for line in lines if line.strip())
    else:
        body = _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()
    first, _, rest = body.partition("\n\n")
    if title is None:
        first_line, _, remainder = body.partition("\n")
        if len(first_line) > _HEADLINE_MAX:
            # A lead paragraph, not a headline: title it with its first sentence and keep
            # the paragraph in the body.
            return _headline_from_lead(first_line.strip()), body
        return first_line.strip(), remainder.strip()
    if first.strip() == title.strip():
        return title, rest.strip()
    return title, body


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1"),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", re.M), ""),
)


def markdown_to_text(text: str) -> str:
    """Markdown reduced to its visible text (headings, links, emphasis, quotes, rules)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def _manifest_date(value: Any) -> tuple[datetime | None, str | None]:
    """ "YYYY-MM-DD" -> midnight UTC; full ISO timestamps keep their offset (naive = UTC)."""
    if value in (None, ""):
        return None, None
    if not isinstance(value, str):
        return None, f"manifest date {value!r} is not a string, ignored"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            day = date.fromisoformat(value.strip())
            if not plausible_date(day):
                return None, f"manifest date {value!r} cannot be a publication date, ignored"
            return datetime(day.year, day.month, day.day, tzinfo=UTC), None
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None, f"manifest date {value!r} is not an ISO date, ignored"
    if not plausible_date(parsed):
        return None, f"manifest date {value!r} cannot be a publication date, ignored"
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)), None


def _manifest_url(value: Any) -> str | None:
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None
