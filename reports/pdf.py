"""The review as a PDF: the same template as the page, laid out by WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from reports.review import Review


def review_html(review: Review) -> str:
    """The standalone HTML the PDF is made from (links to static/css/review.css)."""
    return render_to_string("reports/review_pdf.html", {"review": review})


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def review_pdf(review: Review) -> bytes:
    return html_to_pdf(review_html(review))
