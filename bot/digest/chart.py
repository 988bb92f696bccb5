"""One small PNG per conflict: what each outlet reported, against its publication date.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no global figure state), so it
is safe in the service's worker thread. Money is drawn in one currency; figures stated in
another currency are converted at their publication day's ECB rate and drawn hollow; for a
`currency_conversion` verdict the base amount converted day by day is the line the points sit on.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from factwatch.ingest.reconcile.verdicts import format_number

VERDICT_COLOURS = {
    "genuine": "#b42318",
    "currency_conversion": "#175cd3",
    "date_conflict": "#b54708",
    "rounding_or_bound": "#667085",
    "updated": "#475467",
}
QUALIFIER_MARKERS = {
    None: "o",
    "about": "D",
    "more_than": "^",
    "at_least": "^",
    "less_than": "v",
    "up_to": "v",
}
WIDTH_PX = 560  # width the mail shows the image at; drawn at 2x for sharp screens
SIZE_INCHES = (5.6, 2.5)
DPI = 150
# Colour-blind-safe palette (Okabe-Ito), one colour per outlet.
OUTLET_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#000000", "#56B4E9", "#D55E00")


@dataclass(frozen=True)
class ChartPoint:
    outlet: str
    published: date | None
    value: float | None  # in the chart's unit (converted when `converted`)
    date_value: date | None  # for date conflicts: the day the outlet reports
    stated: str  # as the outlet wrote it: "about 4.9 bn EUR"
    converted: bool
    qualifier: str | None


@dataclass(frozen=True)
class ChartData:
    conflict_id: int
    kind: str
    verdict: str
    unit: str | None
    points: tuple[ChartPoint, ...]
    base_line: tuple[tuple[date, float], ...] = ()
    base_label: str | None = None

    @property
    def placed(self) -> tuple[ChartPoint, ...]:
        """The points that have a place on the chart: a publication day and a value."""
        return tuple(
            p
            for p in self.points
            if p.published is not None and (p.value is not None or p.date_value is not None)
        )

    @property
    def drawable(self) -> bool:
        return bool(self.placed)

    @property
    def alt(self) -> str:
        if self.kind == "date":
            return "Chart: the date each outlet reports, against its publication date"
        text = "Chart: the figure each outlet reports, against its publication date"
        if self.unit:
            text += f", in {self.unit}"
        if self.base_label:
            text += f"; line: {self.base_label}"
        return text


@lru_cache(maxsize=1)
def _font_families() -> list[str]:
    """DejaVu Sans, then a CJK font when one is installed (outlet names may be Chinese)."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    families = ["DejaVu Sans"]
    for cjk in ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Droid Sans Fallback"):
        if cjk in names:
            families.append(cjk)
            break
    return families


def render_chart(data: ChartData) -> bytes | None:
    """The chart as PNG bytes, or None when there is nothing to draw."""
    points = data.placed
    if not points:
        return None
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import dates as mdates
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter
    from matplotlib.transforms import offset_copy

    colour = VERDICT_COLOURS.get(data.verdict, "#344054")
    with (
        rc_context({"font.family": _font_families(), "font.size": 7.5, "svg.fonttype": "none"}),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # missing glyphs when no CJK font is installed
        fig = Figure(figsize=SIZE_INCHES, dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.spines["left"].set_color("#98a2b3")
        ax.spines["bottom"].set_color("#98a2b3")
        ax.tick_params(colors="#475467", labelsize=7)
        ax.grid(axis="y", color="#eaecf0", linewidth=0.6)
        ax.set_axisbelow(True)

        if data.base_line:
            xs = [d for d, _ in data.base_line]
            ys = [v for _, v in data.base_line]
            ax.plot(xs, ys, color=colour, alpha=0.45, linewidth=1.4, zorder=2)

        outlets = list(dict.fromkeys(p.outlet for p in points))
        colours = {o: OUTLET_COLOURS[i % len(OUTLET_COLOURS)] for i, o in enumerate(outlets)}
        stacked: dict[tuple, int] = {}
        for p in sorted(points, key=lambda p: (p.published or date.min, p.outlet)):
            y = p.date_value if data.kind == "date" else p.value
            k = stacked.get((p.published, y), 0)
            stacked[(p.published, y)] = k + 1
            c = colours[p.outlet]
            ax.scatter(
                [p.published],
                [y],
                s=30,
                marker=QUALIFIER_MARKERS.get(p.qualifier, "o"),
                facecolors="white" if p.converted else c,
                edgecolors=c,
                linewidths=1.3,
                zorder=4 if p.converted else 3,  # hollow on top: both show
                # Same day and value from several outlets: shift sideways so each shows.
                transform=offset_copy(ax.transData, fig=fig, x=4.5 * k, units="points"),
            )
        # Scatters with an offset transform do not grow the data limits: add them here.
        ax.update_datalim(
            [
                (
                    mdates.date2num(p.published),
                    mdates.date2num(p.date_value) if data.kind == "date" else p.value,
                )
                for p in points
            ]
        )
        ax.autoscale_view()
        handles = [
            Line2D(
                [], [], marker="o", linestyle="", color=colours[o], markersize=5, label=_short(o)
            )
            for o in outlets
        ]
        if any(p.converted for p in points) and data.unit:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markerfacecolor="white",
                    markeredgecolor="#475467",
                    markersize=5,
                    label=f"hollow: converted to {data.unit}",
                )
            )
        if data.base_line and data.base_label:
            handles.append(
                Line2D(
                    [],
                    [],
                    color=colour,
                    alpha=0.5,
                    linewidth=1.6,
                    label=textwrap.fill(data.base_label, 24),
                )
            )
        qualifiers = {p.qualifier for p in points} - {None}
        for q in sorted(qualifiers):
            handles.append(
                Line2D(
                    [],
                    [],
                    marker=QUALIFIER_MARKERS[q],
                    linestyle="",
                    color="#475467",
                    markersize=5,
                    label=q.replace("_", " "),
                )
            )
        ax.legend(
            handles=handles,
            fontsize=6.5,
            frameon=False,
            loc="center left",
            bbox_to_anchor=(1.01, 0.5),
            handletextpad=0.3,
            borderaxespad=0.2,
        )

        _date_axis(ax.xaxis, [p.published for p in points if p.published])
        if data.kind == "date":
            _date_axis(ax.yaxis, [p.date_value for p in points if p.date_value])
            ax.set_ylabel("date reported", color="#475467")
        else:
            values = [p.value for p in points if p.value is not None]
            values += [v for _, v in data.base_line]
            if values and min(values) > 0 and max(values) / min(values) > 50:
                ax.set_yscale("log")  # 48 EUR vs 60 m EUR: both must show
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v)))
            if data.unit:
                ax.set_ylabel(data.unit, color="#475467")
        ax.set_xlabel("publication date", color="#475467")
        ax.margins(x=0.12, y=0.3)
        # Fixed margins (not tight_layout, which draws the figure twice): room for date
        # ticks on the left and the outlet legend on the right.
        fig.subplots_adjust(left=0.13, right=0.68, bottom=0.2, top=0.96)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return _small_png(buf.getvalue())


def _small_png(png: bytes) -> bytes:
    """A palette PNG: a chart has few colours, and mail size matters (about 3x smaller)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        small = im.convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _date_axis(axis, days: list[date]) -> None:
    """Whole days on a date axis: a span of a few days otherwise gets hourly ticks."""
    from matplotlib import dates as mdates

    span = (max(days) - min(days)).days if days else 0
    if span <= 6:
        axis.set_major_locator(mdates.DayLocator())
    else:
        axis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=6))
    axis.set_major_formatter(mdates.DateFormatter("%-d %b %Y"))


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
