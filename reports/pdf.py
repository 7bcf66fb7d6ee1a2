"""The review as a PDF: the same template as the page, laid out by WeasyPrint; a final
version's PDF with the council's approval stamped on it."""

import datetime
import gc
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from reports.models import ReviewVersion
from reports.review import Review

# "2026. gada 15. decembrī": Latvian dates a meeting with the month in the locative, which
# Django's formats do not give (they say "15. decembris").
LV_MONTHS_LOCATIVE = (
    "janvārī februārī martā aprīlī maijā jūnijā jūlijā augustā septembrī oktobrī novembrī decembrī"
).split()

# One A4 page holding only the approval line, in the top margin of the review's pages
# (static/css/review.css: 2.2cm, the running header centred in it, about 26-36pt from the
# top edge): the line sits between the header and the text, two lines at most, indented
# like the text (the page margin and the body's default 8px).
STAMP_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0 }}
body {{ margin: 0; font-family: "DejaVu Sans", sans-serif; }}
p {{ position: absolute; top: 40pt; left: 1.6cm; right: 1.6cm; margin: 0; padding: 0 8px;
     font-size: 7.5pt; line-height: 1.2; font-weight: bold; color: #1b1f24; }}
</style></head><body><p>{line}</p></body></html>"""


def review_html(review: Review) -> str:
    """The standalone HTML the PDF is made from (links to static/css/review.css)."""
    return render_to_string("reports/review_pdf.html", {"review": review})


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint's PDF of `html`, with Python's cycle collector paused while it works.

    Laying out a long review makes millions of short-lived objects, and each of the collector's
    full passes walks every object the process holds: in the worker, with Django and the review
    loaded, Latgale 2014's PDF took 10-20 % longer with the collector on (docs/benchmarks.md).
    Reference counting still frees almost everything at once; what is left for the collector
    waits until the PDF is made (about 8 MiB more at the peak). A second thread making a PDF
    meanwhile finds the collector paused and leaves it alone; the first turns it back on.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    finally:
        if paused:
            gc.enable()


def review_pdf(review: Review) -> bytes:
    return html_to_pdf(review_html(review))


def _long_date(day: datetime.date) -> str:
    if get_language() == "lv":
        return f"{day.year}. gada {day.day}. {LV_MONTHS_LOCATIVE[day.month - 1]}"
    return date_format(day, "DATE_FORMAT")


def _genitive(region_name: str) -> str:
    """The region's name as the council's owner in Latvian: "Zemgales plānošanas reģions" →
    "… reģiona" (every planning region's name ends in "reģions")."""
    if get_language() == "lv" and region_name.endswith("s"):
        return region_name[:-1] + "a"
    return region_name


def approval_line(version: ReviewVersion) -> str:
    """The line stamped on the version's PDF, in Latvian "Apstiprināts Zemgales plānošanas
    reģiona attīstības padomes sēdē 2026. gada 15. decembrī, lēmums Nr. 12", and the
    decision's wording when given."""
    line = _(
        "Approved at the meeting of the development council of %(region)s on %(date)s, "
        "decision No. %(number)s"
    ) % {
        "region": _genitive(version.programme.region.name),
        "date": _long_date(version.decision_date),
        "number": version.decision_number,
    }
    if version.decision_wording:
        line = _("%(line)s: “%(wording)s”") % {"line": line, "wording": version.decision_wording}
    return line


def version_pdf(version: ReviewVersion) -> bytes:
    """The version's PDF as served: the frozen bytes, and with a decision recorded the same
    bytes followed by an incremental update that stamps the approval line on page 1.

    Made in the request: the stamp is one small page and pypdf rewrites only page 1, about
    0.2 s on the longest version (Latgale 2014, 94 pages), so nothing is kept that could drift
    from the decision recorded. Writing incrementally keeps the frozen PDF as the file's
    first len(pdf) bytes, so its SHA-256 can still be checked against the version's.
    """
    frozen = bytes(version.pdf)
    if not version.has_decision:
        return frozen
    stamp = HTML(string=STAMP_HTML.format(line=escape(approval_line(version)))).write_pdf()
    writer = PdfWriter(io.BytesIO(frozen), incremental=True)
    writer.pages[0].merge_page(PdfReader(io.BytesIO(stamp)).pages[0])
    stamped = io.BytesIO()
    writer.write(stamped)
    return stamped.getvalue()
