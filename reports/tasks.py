"""Work done by the background worker (`manage.py db_worker`), not in a request."""

import datetime

from django.db import transaction
from django.utils.timezone import now
from django_tasks import task

from reports.models import ReviewPdf
from reports.pdf import html_to_pdf

# PDFs of a review asked for more than a day before a newer one is made describe data that
# has changed since (or at least another day): nobody needs them any more.
KEEP_PDFS_FOR = datetime.timedelta(days=1)


@task()
def make_review_pdf(pdf_id: int) -> None:
    """Lay out a requested review PDF (half a minute for the longest reviews) and keep it;
    store it as a final version if that was asked meanwhile."""
    row = ReviewPdf.objects.defer("pdf").filter(pk=pdf_id).first()
    if row is None or row.finished_at:
        return  # made already, or replaced by a newer one
    try:
        pdf = html_to_pdf(row.html)
    except Exception as error:
        ReviewPdf.objects.filter(pk=pdf_id).update(error=f"{type(error).__name__}: {error}")
        raise
    with transaction.atomic():
        row = ReviewPdf.objects.select_for_update().defer("html").get(pk=pdf_id)
        row.pdf, row.html, row.error, row.finished_at = pdf, "", "", now()
        if row.finalise_by_id:
            row.keep_as_version(by_id=row.finalise_by_id)
            row.finalise_by = None
        row.save()
        ReviewPdf.objects.filter(
            programme_id=row.programme_id, year=row.year, requested_at__lt=now() - KEEP_PDFS_FOR
        ).exclude(pk=row.pk).delete()
