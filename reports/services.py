"""Writing the coordinator's part of a review, asking for its PDF and freezing a final version.

The PDF itself is laid out by the background worker (reports/tasks.py)."""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils.timezone import now

from monitoring import access
from programmes.models import Programme
from reports.models import PolicyResultVerdict, ReviewPdf, ReviewText, ReviewVersion
from reports.pdf import review_html
from reports.review import annual_review
from reports.tasks import make_review_pdf


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
    make_review_pdf.enqueue(row.pk)
    return rows.get(pk=row.pk)  # a backend that runs tasks at once has finished it already


def review_pdf_retry(row: ReviewPdf) -> None:
    """Ask the worker again for a PDF whose making failed."""
    if not row.finished_at:
        ReviewPdf.objects.filter(pk=row.pk).update(error="", requested_at=now())
        make_review_pdf.enqueue(row.pk)


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
            return row.keep_as_version(by_id=by.pk), row
        row.finalise_by = by
        row.save(update_fields=["finalise_by"])
        return None, row
