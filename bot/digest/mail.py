"""The digest as an e-mail: Jinja2 templates rendered into a MIME message.

Structure (what mail clients expect for HTML with inline images):

    multipart/alternative
      text/plain                     the plain-text digest
      multipart/related
        text/html                    the HTML digest, images as <img src="cid:...">
        image/png  (one per chart)   Content-ID referenced by the HTML

`List-Unsubscribe` carries a mailto: (to the sender, with the subscriber's token) and, when
FACTWATCH_PUBLIC_URL is set, a URL; `List-Unsubscribe-Post` (RFC 8058 one-click) is added only
for an https URL, as the RFC requires.
"""

from __future__ import annotations

import base64
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from functools import lru_cache
from urllib.parse import quote

from factwatch.config import Settings
from factwatch.digest.chart import VERDICT_COLOURS, render_chart
from factwatch.digest.compose import ConflictItem, Digest, StoryItem
from factwatch.ingest.alerts import FACT_MARKS, VERDICT_LABELS
from factwatch.ingest.reconcile.verdicts import format_day

TEXT_WIDTH = 76

STORY_LABELS = {"new": "New story", "growing": "Growing story", "updated": "Updated conflicts"}
STORY_COLOURS = {"new": "#067647", "growing": "#175cd3", "updated": "#475467"}
FACT_COLOURS = {
    "agree": "#067647",
    "single": "#98a2b3",
    "rounding_or_bound": "#667085",
    "updated": "#667085",
}


class MailError(ValueError):
    """The mail cannot be built as configured (e.g. no usable sender address)."""


@dataclass(frozen=True)
class Recipient:
    """Who a digest is for: address, schedule and List-Unsubscribe token."""

    email: str | None
    tz: str = "UTC"
    hour: int = 7
    token: str | None = None


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    text: str
    html: str


class ChartCache:
    """PNG per conflict version, drawn once per run however many subscribers get it."""

    def __init__(self) -> None:
        self._png: dict[tuple[int, int], bytes | None] = {}

    def get(self, conflict: ConflictItem) -> bytes | None:
        key = (conflict.conflict_id, conflict.version)
        if key not in self._png:
            try:
                self._png[key] = render_chart(conflict.chart)
            except Exception:  # a chart must never cost the subscriber the digest
                import logging

                logging.getLogger(__name__).exception(
                    "chart for conflict %s failed", conflict.conflict_id
                )
                self._png[key] = None
        return self._png[key]

    def for_digest(self, digest: Digest) -> dict[int, bytes]:
        out = {}
        for c in digest.conflicts:
            png = self.get(c)
            if png:
                out[c.conflict_id] = png
        return out


# ---------------------------------------------------------------- rendering


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("factwatch.digest", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["wrap"] = _wrap
    return env


def _wrap(text: str, indent: str = "", subsequent: str | None = None) -> str:
    return textwrap.fill(
        " ".join(str(text).split()),
        TEXT_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def subject_of(digest: Digest) -> str:
    day = format_day(digest.local_date)
    if digest.quiet:
        return f"factwatch digest, {day}: a quiet day"
    n = len(digest.alert_conflicts)
    stories = _plural(len(digest.stories), "story", "stories")
    if n:
        return f"factwatch digest, {day}: {_plural(n, 'conflict', 'conflicts')} in {stories}"
    return f"factwatch digest, {day}: {stories}, no conflicts"


def _period_text(digest: Digest) -> str:
    start, end = digest.local(digest.period_start), digest.local(digest.period_end)
    fmt = "%-d %b %Y %H:%M"
    return f"News from {start.strftime(fmt)} to {end.strftime(fmt)} ({digest.tz})"


def _story_span(story: StoryItem) -> str:
    if story.first_seen is None:
        return ""
    first = story.first_seen.date()
    last = story.last_seen.date() if story.last_seen else first
    return format_day(first) if first == last else f"{format_day(first)} – {format_day(last)}"


def _day(d: date | None) -> str:
    return format_day(d) if d else "undated"


def unsubscribe_links(settings: Settings, token: str | None) -> tuple[str | None, str | None]:
    """(https-or-http URL, mailto:) for List-Unsubscribe; either may be None."""
    if not token:
        return None, None
    url = None
    if settings.public_url:
        url = f"{settings.public_url.rstrip('/')}/digest/unsubscribe?token={quote(token)}"
    mailto = None
    sender = sender_address(settings, required=False)
    if sender:
        mailto = f"mailto:{sender}?subject={quote('unsubscribe ' + token)}"
    return url, mailto


def sender_address(settings: Settings, required: bool = True) -> str | None:
    """The bare address of FACTWATCH_MAIL_FROM ("Desk <d@x.org>" → "d@x.org")."""
    _, addr = parseaddr(settings.smtp.mail_from or "")
    if "@" not in addr:
        if required:
            raise MailError(
                f"FACTWATCH_MAIL_FROM must be an e-mail address such as "
                f"'factwatch <digest@example.org>', not {settings.smtp.mail_from!r}"
            )
        return None
    return addr


def render(
    digest: Digest,
    recipient: Recipient,
    settings: Settings,
    chart_src: dict[int, str],
) -> RenderedDigest:
    """Subject, plain text and HTML of one digest; `chart_src` maps conflict id → img src."""
    env = _environment()
    subject = subject_of(digest)
    url, mailto = unsubscribe_links(settings, recipient.token)
    alerts = len(digest.alert_conflicts)
    rounding = len(digest.conflicts) - alerts
    overview = [
        (len(digest.stories), "stories" if len(digest.stories) != 1 else "story"),
        (digest.n_new_articles, "new articles" if digest.n_new_articles != 1 else "new article"),
        (alerts, "conflicts" if alerts != 1 else "conflict"),
        (rounding, "rounding/bound"),
    ]
    first = next(iter(digest.alert_conflicts), None)
    preheader = (f"{first.verdict.replace('_', ' ')}: {first.figures}" if first else subject)[:140]
    context = {
        "digest": digest,
        "subject": subject,
        "heading": subject.split(": ", 1)[1].capitalize() + f" · {format_day(digest.local_date)}"
        if not digest.quiet
        else f"A quiet day · {format_day(digest.local_date)}",
        "period_text": _period_text(digest),
        "preheader": preheader,
        "overview": overview,
        "charts": chart_src,
        "verdict_labels": VERDICT_LABELS,
        "verdict_colours": VERDICT_COLOURS,
        "story_labels": STORY_LABELS,
        "story_colours": STORY_COLOURS,
        "fact_marks": FACT_MARKS,
        "fact_colours": FACT_COLOURS,
        "story_span": _story_span,
        "day": _day,
        "recipient": recipient.email,
        "hour_text": f"{recipient.hour:02d}:00 ({recipient.tz})",
        "unsubscribe_url": url,
        "unsubscribe_mailto": mailto,
        "public_url": settings.public_url,
    }
    text = env.get_template("digest.txt.j2").render(context)
    html = env.get_template("digest.html.j2").render(context)
    return RenderedDigest(subject=subject, text=_tidy(text), html=_compact(html))


def _compact(html: str) -> str:
    """Template indentation removed: Gmail clips HTML bodies past about 100 kB."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"


def _tidy(text: str) -> str:
    """At most one blank line in a row (the templates' blocks leave some)."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


def preview_html(
    digest: Digest, recipient: Recipient, settings: Settings, charts: ChartCache
) -> str:
    """The same HTML as the mail, with charts as data: URIs so a browser shows it alone."""
    pngs = charts.for_digest(digest)
    src = {
        cid: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        for cid, png in pngs.items()
    }
    return render(digest, recipient, settings, src).html


def preview_text(digest: Digest, recipient: Recipient, settings: Settings) -> str:
    src = {c.conflict_id: "chart" for c in digest.conflicts if c.chart.drawable}
    return render(digest, recipient, settings, src).text


# ---------------------------------------------------------------- the message


def build_message(
    digest: Digest,
    recipient: Recipient,
    settings: Settings,
    charts: ChartCache,
    now: datetime | None = None,
    msgid: Callable[..., str] = make_msgid,
) -> EmailMessage:
    """The complete message for one subscriber, ready for `smtplib.SMTP.send_message`."""
    if not recipient.email:
        raise MailError("a digest message needs a recipient address")
    sender = sender_address(settings)
    domain = sender.rsplit("@", 1)[1]
    pngs = charts.for_digest(digest)
    cids = {cid: msgid(idstring=f"chart{cid}", domain=domain) for cid in pngs}
    rendered = render(
        digest, recipient, settings, {cid: "cid:" + m.strip("<>") for cid, m in cids.items()}
    )
    msg = EmailMessage()
    msg["From"] = settings.smtp.mail_from
    msg["To"] = recipient.email
    msg["Subject"] = rendered.subject
    msg["Date"] = format_datetime(now or datetime.now(UTC))
    msg["Message-ID"] = msgid(idstring="digest", domain=domain)
    msg["List-Id"] = f"factwatch daily digest <digest.{domain}>"
    msg["Auto-Submitted"] = "auto-generated"
    url, mailto = unsubscribe_links(settings, recipient.token)
    links = [f"<{x}>" for x in (mailto, url) if x]
    if links:
        msg["List-Unsubscribe"] = ", ".join(links)
    if url and url.startswith("https://"):
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(rendered.text, subtype="plain", charset="utf-8")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8")
    if pngs:
        html_part = msg.get_payload()[1]
        for cid, png in pngs.items():
            html_part.add_related(
                png,
                maintype="image",
                subtype="png",
                cid=cids[cid],
                filename=f"conflict-{cid}.png",
                disposition="inline",
            )
    return msg
