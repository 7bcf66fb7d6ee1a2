"""Writing the coordinator's part of a review, making its PDF and freezing a final version."""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils.timezone import now

from monitoring import access
from programmes.models import Programme
from reports.models import PolicyResultVerdict, ReviewPdf, ReviewText, ReviewVersion
from reports.pdf import html_to_pdf, review_html
from reports.review import annual_review


@transaction.atomic
def review_text_save(
    *, programme: Programme, year: int, by, conclusions: str, next_steps: str, verdicts: dict
) -> None:
    """Store the conclusions and the verdicts; only what changed is written (and enters the
    history), and an emptied verdict is deleted."""
    access.require(access.can_coordinate(by, programme.region_id))
    text = ReviewText.objects.filter(programme=programme, year=year).first() or ReviewText(
        programme=programme, year=year
    )
    wanted = (conclusions.strip(), next_steps.strip())
    if text.pk is None or (text.conclusions, text.next_steps) != wanted:
        text.conclusions, text.next_steps = wanted
        text._history_user = by
        text.save()
    existing = {
        verdict.policy_result_id: verdict
        for verdict in PolicyResultVerdict.objects.filter(
            policy_result__programme=programme, year=year
        )
    }
    for policy_result_id, verdict in verdicts.items():
        verdict = verdict.strip()
        current = existing.get(policy_result_id)
        if not verdict:
            if current:
                current._history_user = by
                current.delete()
            continue
        if current is not None and current.text == verdict:
            continue
        current = current or PolicyResultVerdict(policy_result_id=policy_result_id, year=year)
        current.text = verdict
        current._history_user = by
        current.save()


def review_pdf_request(*, programme: Programme, year: int) -> ReviewPdf:
    """The PDF of the review as it reads now: ready, or asked of the background worker.

    The returned row has neither its HTML nor its PDF loaded; `finished_at` says whether it is
    ready. Asking again for the same review finds the same row, so a PDF is made once however
    many people ask; a row the worker has not finished after REVIEW_PDF_RETRY_AFTER (a worker
    stopped mid-way) is asked for again.
    """
    html = review_html(annual_review(programme, year))
    rows = ReviewPdf.objects.defer("html", "pdf")
    row, created = rows.get_or_create(
        html_sha256=hashlib.sha256(html.encode()).hexdigest(),
        defaults={"programme": programme, "year": year, "html": html, "requested_at": now()},
    )
    stale = now() - settings.REVIEW_PDF_RETRY_AFTER
    if not created and (row.finished_at or row.error or row.requested_at >= stale):
        return row
    if not created:
        rows.filter(pk=row.pk).update(requested_at=now())
    _enqueue(row.pk)
    return rows.get(pk=row.pk)  # a backend that runs tasks at once has finished it already


def review_pdf_retry(row: ReviewPdf) -> None:
    """Ask the worker again for a PDF whose making failed."""
    if not row.finished_at:
        ReviewPdf.objects.filter(pk=row.pk).update(error="", requested_at=now())
        _enqueue(row.pk)


def _enqueue(pdf_id: int) -> None:
    from reports.tasks import make_review_pdf

    make_review_pdf.enqueue(pdf_id)


def review_pdf_make(pdf_id: int) -> None:
    """Lay out a requested PDF (the worker's part) and keep it; finalise it if that was asked."""
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
            _keep_as_version(row, by_id=row.finalise_by_id)
            row.finalise_by = None
        row.save()
        # PDFs of this review asked for more than a day ago describe data that has changed
        # since (or at least another day): nobody needs them any more.
        ReviewPdf.objects.filter(
            programme_id=row.programme_id, year=row.year, requested_at__lt=now() - KEEP_PDFS_FOR
        ).exclude(pk=row.pk).delete()


KEEP_PDFS_FOR = datetime.timedelta(days=1)


def _keep_as_version(row: ReviewPdf, *, by_id: int) -> ReviewVersion:
    pdf = bytes(row.pdf)
    return ReviewVersion.objects.create(
        programme_id=row.programme_id,
        year=row.year,
        created_by_id=by_id,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )


def review_finalise(
    *, programme: Programme, year: int, by
) -> tuple[ReviewVersion | None, ReviewPdf]:
    """Keep the review's PDF as it reads now as a dated version that later edits do not change.

    When the PDF is ready the version is stored at once; otherwise the worker stores it as soon
    as it has made the PDF, and the version is None here.
    """
    access.require(access.can_coordinate(by, programme.region_id))
    requested = review_pdf_request(programme=programme, year=year)
    with transaction.atomic():
        row = ReviewPdf.objects.select_for_update().defer("html").get(pk=requested.pk)
        if row.finished_at:
            return _keep_as_version(row, by_id=by.pk), row
        row.finalise_by = by
        row.save(update_fields=["finalise_by"])
        return None, row
