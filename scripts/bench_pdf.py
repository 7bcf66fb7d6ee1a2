"""The review PDF against its floor: WeasyPrint on the review's HTML, and on the same words as
plain paragraphs (issue #17: at most 1.5× the floor).

The floor keeps what costs in any PDF of these words (the same font and size, A4 and the same
page margins, every visible word shaped, broken into lines and drawn) and drops what the
review's layout adds: tables, charts, the contents' page numbers, the running header.
"""

import gc
import re
import time
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from reports.pdf import html_to_pdf

PDF_TARGET = 1.5

# Elements that end a paragraph of the plain version: a table cell, a list item, a heading...
BLOCKS = frozenset(
    "address article aside blockquote br caption dd div dl dt figcaption figure footer h1 h2 "
    "h3 h4 h5 h6 header li nav ol p section table tbody td tfoot th thead tr ul".split()
)
# Text nobody sees on the page: the head, and a chart's <title> and <desc> (for screen readers).
HIDDEN = frozenset("head script style title desc".split())
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

PLAIN_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 2.2cm 1.6cm 2cm 1.6cm; }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 9pt; line-height: 1.35; }}
</style></head><body>
{paragraphs}
</body></html>"""


class _Words(HTMLParser):
    """The visible text of a page in reading order, one string per block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._words: list[str] = []
        self._hidden = 0

    def _end_paragraph(self):
        text = re.sub(r"\s+", " ", "".join(self._words)).strip()
        if text:
            self.paragraphs.append(text)
        self._words = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self._hidden += 1
        elif tag in BLOCKS:
            self._end_paragraph()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self._end_paragraph()

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in BLOCKS and tag not in VOID:
            self._end_paragraph()

    def handle_data(self, data):
        if not self._hidden:
            self._words.append(data)

    def close(self):
        super().close()
        self._end_paragraph()


def plain_paragraphs(html: str) -> str:
    """The same words as `html`, as plain <p> paragraphs on an A4 page with the review's
    font, size and margins (static/css/review.css)."""
    parser = _Words()
    parser.feed(html)
    parser.close()
    paragraphs = "\n".join(f"<p>{escape(text)}</p>" for text in parser.paragraphs)
    return PLAIN_PAGE.format(paragraphs=paragraphs)


def word_count(html: str) -> int:
    parser = _Words()
    parser.feed(html)
    parser.close()
    return sum(len(text.split()) for text in parser.paragraphs)


@dataclass
class PdfFloor:
    """Best times of WeasyPrint on the review and on its plain version, taken in turns."""

    label: str
    review_seconds: float
    plain_seconds: float
    runs: int
    words: int
    review_kib: float
    plain_kib: float

    @property
    def ratio(self) -> float:
        return self.review_seconds / self.plain_seconds

    @property
    def meets_target(self) -> bool:
        return self.ratio <= PDF_TARGET


def _timed(html: str) -> tuple[float, bytes]:
    gc.collect()
    start = time.perf_counter()
    pdf = html_to_pdf(html)
    return time.perf_counter() - start, pdf


def pdf_floor(label: str, html: str, runs: int) -> PdfFloor:
    """Lay out the review and its plain version `runs` times each, alternating, so that a busy
    moment on the machine favours neither; keep each one's best."""
    plain = plain_paragraphs(html)
    review_times, plain_times = [], []
    for _ in range(runs):
        seconds, review_pdf = _timed(html)
        review_times.append(seconds)
        seconds, plain_pdf = _timed(plain)
        plain_times.append(seconds)
    return PdfFloor(
        label=label,
        review_seconds=min(review_times),
        plain_seconds=min(plain_times),
        runs=runs,
        words=word_count(html),
        review_kib=len(review_pdf) / 1024,
        plain_kib=len(plain_pdf) / 1024,
    )


def floor_table(floors: list[PdfFloor]) -> str:
    lines = [
        f"Review PDF against the same words as plain paragraphs (WeasyPrint alone, best of "
        f"{floors[0].runs}, taken in turns; target ≤ {PDF_TARGET}×):",
        "",
        "| Programme | Words | Review PDF | Plain paragraphs | Ratio | Target |",
        "|---|---|---|---|---|---|",
    ]
    for f in floors:
        lines.append(
            f"| {f.label} | {f.words:,} | {f.review_seconds * 1000:,.0f} ms · "
            f"{f.review_kib:,.0f} KiB | {f.plain_seconds * 1000:,.0f} ms · {f.plain_kib:,.0f} KiB "
            f"| {f.ratio:.2f}× | {'met' if f.meets_target else 'missed'} (≤ {PDF_TARGET}×) |"
        )
    return "\n".join(lines)
