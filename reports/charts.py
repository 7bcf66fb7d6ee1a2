"""Charts drawn on the server as SVG, so the same chart serves the page and the PDF.

Each chart carries a <title> and <desc> for screen readers, labels its parts with text (colour
is never the only carrier of meaning), and the pages print a data table beside it.
"""

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape

from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from monitoring.models import Status
from municipalities.templatetags.numerals import num
from reports.summary import SUMMARY_ORDER

# Distinct in hue and lightness; every segment also has its count written on or beside it.
STATUS_COLOURS = {
    Status.IMPLEMENTED: "#1b7837",
    Status.IMPROVED: "#7fbf7b",
    Status.PARTIAL: "#d6b656",
    Status.UNCHANGED: "#9e9ac8",
    Status.NOT_IMPLEMENTED: "#c2410c",
    Status.SUPPORTED: "#2166ac",
    Status.NOT_RELEVANT: "#8c8c8c",
    Status.NO_INFORMATION: "#ffffff",
}


@lru_cache(maxsize=1024)
def _n(number) -> str:
    """A coordinate for SVG: two decimals at most (format_html would escape a float). Kept for
    the coordinates seen lately: a national review's 150 bars write some 3,000, mostly the
    same few (a municipality's share of a bar's width)."""
    return f"{float(number):.2f}".rstrip("0").rstrip(".")


DARK_TEXT_ON = {Status.IMPROVED, Status.PARTIAL, Status.UNCHANGED, Status.NO_INFORMATION}


@lru_cache(maxsize=16)
def _status_names(language: str | None) -> dict[str, str]:
    """Each status's name in the language, escaped for HTML: a bar names every segment, and
    the catalogues are fixed while the app runs."""
    # The standard library's escape: Django's gives the same text, through a lazy wrapper.
    return {status: escape(str(status.label)) for status in Status}


def status_bar(counts: Mapping[str, int], *, title: str, width: int = 360) -> SafeString:
    """One stacked bar of how many municipalities report each status.

    "No information" is drawn as an outlined white segment, so it is visible, never hidden.

    Written with f-strings rather than format_html: a dashboard draws one bar per task (150 at
    national scale) and escaping every coordinate was most of its cost. The texts (the title
    and the status names) are escaped; everything else is a number or a colour of this module.
    """
    width = int(width)
    shown = [(status, counts[status]) for status in SUMMARY_ORDER if counts.get(status)]
    total = sum(count for _, count in shown)
    names = _status_names(get_language())
    labels = {status: f"{names[status]}: {count}" for status, count in shown}
    height = 22
    parts = []
    x = 0.0
    for status, count in shown:
        w = width * count / total
        text = ""
        if w >= 14:
            text_colour = "#1b1f24" if status in DARK_TEXT_ON else "#ffffff"
            text = (
                f'<text x="{_n(x + w / 2)}" y="15" font-size="11" text-anchor="middle" '
                f'fill="{text_colour}">{count}</text>'
            )
        parts.append(
            f'<g><title>{labels[status]}</title><rect x="{_n(x)}" y="0" width="{_n(w)}" '
            f'height="{height}" fill="{STATUS_COLOURS[status]}" stroke="#4d5560" '
            f'stroke-width="0.5"/>{text}</g>'
        )
        x += w
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart status-bar" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{conditional_escape(title)}</title><desc>{', '.join(labels.values())}</desc>"
        f"{''.join(parts)}</svg>"
    )
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703: the texts are escaped above


def status_legend() -> SafeString:
    """The colour key, with the status names written out."""
    return format_html(
        '<ul class="chart-legend">{}</ul>',
        format_html_join(
            "",
            '<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" '
            'fill="{}" stroke="#4d5560"/></svg> {}</li>',
            ((STATUS_COLOURS[s], Status(s).label) for s in SUMMARY_ORDER),
        ),
    )


def progress_bar(
    share: Decimal | None, *, title: str, width: int = 160, height: int = 14
) -> SafeString:
    """How far an indicator has come from its baseline to its target (0–100 %, capped)."""
    if share is None:
        return SafeString("")
    shown = max(Decimal(0), min(Decimal(1), share))
    percent = int((share * 100).quantize(Decimal(1)))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart progress" width="{}" '
        'height="{}" viewBox="0 0 {} {}"><title>{}</title><desc>{} %</desc>'
        '<rect width="{}" height="{}" fill="#f3f4f6" stroke="#4d5560" stroke-width="0.5"/>'
        '<rect width="{}" height="{}" fill="#1a56c4"/></svg>',
        width,
        height,
        width,
        height,
        title,
        percent,
        width,
        height,
        _n(float(shown) * width),
        height,
    )


def values_line(
    points: Sequence[tuple[int, Decimal]],
    *,
    target: Decimal | None,
    title: str,
    width: int = 220,
    height: int = 70,
) -> SafeString:
    """A small line of an indicator's values by year, with the target as a dashed line."""
    if not points:
        return SafeString("")
    values = [v for _, v in points] + ([target] if target is not None else [])
    top = max(values) or Decimal(1)
    pad = 8
    years = [y for y, _ in points]
    span = (max(years) - min(years)) or 1

    def xy(year: int, value: Decimal) -> tuple[float, float]:
        x = pad + (width - 2 * pad) * (year - min(years)) / span
        y = height - pad - (height - 2 * pad) * float(value / top)
        return x, y

    coords = [xy(y, v) for y, v in points]
    path = " ".join(f"{_n(x)},{_n(y)}" for x, y in coords)
    # Each value as the pages write numbers ("132,39" in Latvian), in its dot's tooltip and in
    # the chart's description.
    # The dots written with f-strings, as status_bar's segments: the review and the dashboard
    # draw some 60, and format_html escaped each coordinate. The written values are escaped.
    written = [(year, escape(num(value))) for year, value in points]
    dots = "".join(
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="#1a56c4"><title>{year}: {text}'
        "</title></circle>"
        for (x, y), (year, text) in zip(coords, written, strict=True)
    )
    target_line = ""
    if target is not None:
        ty = xy(years[0], target)[1]
        target_line = format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#8a1538" stroke-dasharray="4 3"/>',
            pad,
            width - pad,
            _n(ty),
            _n(ty),
        )
    description = "; ".join(f"{year}: {value}" for year, value in written)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart line" width="{}" '
        'height="{}" viewBox="0 0 {} {}"><title>{}</title><desc>{}</desc>{}'
        '<polyline points="{}" fill="none" stroke="#1a56c4" stroke-width="2"/>{}</svg>',
        width,
        height,
        width,
        height,
        title,
        mark_safe(description),  # noqa: S308  # nosec B308 B703: its values are escaped above
        target_line,
        path,
        mark_safe(dots),  # noqa: S308  # nosec B308 B703: its texts are escaped above
    )


def _rounded(value, decimals: int) -> str:
    """The value as the active language writes it, rounded (number_format cuts decimals off)."""
    exact = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(exact, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def trend_bars(
    points: Sequence[tuple[int, Decimal | int]],
    *,
    title: str,
    marked: frozenset[int] = frozenset(),
    decimals: int = 0,
    width: int = 320,
    height: int = 150,
) -> SafeString:
    """A bar per year with its value written above it and the year below; the years in
    `marked` (amounts converted from lats) carry a "*" after the year, in text."""
    if not points:
        return SafeString("")
    top = max(v for _, v in points) or 1
    pad, label_h, value_h = 6, 16, 14
    slot = (width - 2 * pad) / len(points)
    bar_w = max(4.0, slot * 0.6)
    chart_h = height - label_h - value_h
    bars = []
    for i, (year, value) in enumerate(points):
        h = chart_h * float(value) / float(top)
        x = pad + i * slot + (slot - bar_w) / 2
        y = value_h + chart_h - h
        shown = _rounded(value, decimals)
        year_label = f"{year}{' *' if year in marked else ''}"
        bars.append(
            format_html(
                '<g><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" '
                'fill="#1a56c4"/><text x="{}" y="{}" font-size="10" text-anchor="middle">{}'
                '</text><text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text></g>',
                year_label,
                shown,
                _n(x),
                _n(y),
                _n(bar_w),
                _n(h),
                _n(x + bar_w / 2),
                _n(y - 3),
                shown,
                _n(x + bar_w / 2),
                height - 4,
                year_label,
            )
        )
    description = "; ".join(
        f"{year}{' *' if year in marked else ''}: {_rounded(value, decimals)}"
        for year, value in points
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart trend" width="{}" '
        'height="{}" viewBox="0 0 {} {}"><title>{}</title><desc>{}</desc>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#4d5560" stroke-width="0.5"/>{}</svg>',
        width,
        height,
        width,
        height,
        title,
        description,
        pad,
        width - pad,
        value_h + chart_h,
        value_h + chart_h,
        format_html_join("", "{}", ((bar,) for bar in bars)),
    )
