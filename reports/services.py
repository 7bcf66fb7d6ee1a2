"""Writing the coordinator's part of a review, asking for its PDF and freezing a final version.

The PDF itself is laid out by the background worker (reports/tasks.py), or for a short review
in the request that asks for it."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import localdate, now
from django.utils.translation import gettext_lazy as _

from monitoring import access
from programmes.models import Programme
from reports.models import PolicyResultVerdict, ReviewPdf, ReviewText, ReviewVersion
from reports.pdf import review_html
from reports.review import Review, annual_review
from reports.tasks import make_review_pdf

logger = logging.getLogger(__name__)

FINALISE_UNCONFIRMED = _(
    "The review was not finalised: some municipalities' reports are missing or not approved. "
    "Confirm below that the final version is to be made without them."
)
DECISION_BEFORE_FINALISED = _(
    "The council cannot have decided on the version before it was finalised: give a meeting "
    "date on or after the day the version was finalised."
)
DECISION_IN_FUTURE = _(
    "The meeting date is in the future: record the decision once the council has met."
)
DECISION_NUMBER_MISSING = _("Give the number of the decision.")
DECISION_RECORDED_ALREADY = _(
    "The council's decision on this version is recorded already and is not changed."
)


@transaction.atomic
def review_text_save(
    *,
    programme: Programme,
    year: int,
    by,
    conclusions: str,
    next_steps: str,
    verdicts: dict,
    assessment: str = "",
    introduction: str = "",
) -> None:
    """Store the introduction, the assessment, the conclusions and the verdicts; only what
    changed is written (and enters the history), and an emptied verdict is deleted."""
    access.require(access.can_coordinate(by, programme.region_id))
    text = ReviewText.objects.filter(programme=programme, year=year).first() or ReviewText(
        programme=programme, year=year
    )
    fields = ("introduction", "assessment", "conclusions", "next_steps")
    wanted = tuple(v.strip() for v in (introduction, assessment, conclusions, next_steps))
    if text.pk is None or tuple(getattr(text, f) for f in fields) != wanted:
        for name, value in zip(fields, wanted, strict=True):
            setattr(text, name, value)
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
    stopped mid-way) is asked for again. A short review (HTML of at most
    REVIEW_PDF_AT_ONCE_MAX_BYTES, about two seconds of layout) is made here and now instead, so
    its reader gets the file without the waiting page.
    """
    return _pdf_request(annual_review(programme, year))


def _pdf_request(review: Review) -> ReviewPdf:
    html = review_html(review)
    encoded = html.encode()
    rows = ReviewPdf.objects.defer("html", "pdf")
    row, created = rows.get_or_create(
        html_sha256=hashlib.sha256(encoded).hexdigest(),
        defaults={
            "programme": review.programme,
            "year": review.year,
            "html": html,
            "requested_at": now(),
            "not_approved": not_approved_list(review) if review.is_finalised_incomplete else "",
        },
    )
    stale = now() - settings.REVIEW_PDF_RETRY_AFTER
    if not created and (row.finished_at or row.error or row.requested_at >= stale):
        return row
    if not created:
        rows.filter(pk=row.pk).update(requested_at=now())
    if len(encoded) > settings.REVIEW_PDF_AT_ONCE_MAX_BYTES:
        make_review_pdf.enqueue(row.pk)
    else:
        try:
            make_review_pdf.call(row.pk)
        except Exception:
            # Recorded on the row (`error`): the waiting page says so and offers to try again.
            logger.exception("Review PDF %s could not be made in the request", row.pk)
    return rows.get(pk=row.pk)  # made here, or by a backend that runs tasks at once


def review_pdf_retry(row: ReviewPdf) -> None:
    """Ask the worker again for a PDF whose making failed."""
    if not row.finished_at:
        ReviewPdf.objects.filter(pk=row.pk).update(error="", requested_at=now())
        make_review_pdf.enqueue(row.pk)


def not_approved_list(review: Review) -> str:
    """The municipalities whose reports are not approved, one a line with its state."""
    return "\n".join(
        f"{line.municipality.name}: {line.label or _('no report')}" for line in review.not_approved
    )


def review_finalise(
    *, programme: Programme, year: int, by, incomplete_confirmed: bool = False
) -> tuple[ReviewVersion | None, ReviewPdf]:
    """Keep the review's PDF as it reads now as a dated version that later edits do not change.

    While any municipality's report is missing or not approved, only with
    `incomplete_confirmed` (else ValidationError(FINALISE_UNCONFIRMED), nothing stored); the
    version's cover then says so instead of "draft", and the version records the list.
    When the PDF is ready the version is stored at once; otherwise the worker stores it as soon
    as it has made the PDF, and the version is None here.
    """
    access.require(access.can_coordinate(by, programme.region_id))
    review = annual_review(programme, year)
    if review.is_incomplete and not incomplete_confirmed:
        raise ValidationError(FINALISE_UNCONFIRMED, code="incomplete")
    review.for_version = True
    requested = _pdf_request(review)
    with transaction.atomic():
        row = ReviewPdf.objects.select_for_update().defer("html").get(pk=requested.pk)
        if row.finished_at:
            return row.keep_as_version(by_id=by.pk), row
        row.finalise_by = by
        row.save(update_fields=["finalise_by"])
        return None, row


@transaction.atomic
def review_version_decision_record(
    *, version: ReviewVersion, by, date: datetime.date, number: str, wording: str = ""
) -> ReviewVersion:
    """Record the development council's decision on a final version: the meeting's date, the
    decision's number and, if given, its wording. The frozen PDF is not touched; the PDF
    served carries the decision stamped on its first page (reports/pdf.py `version_pdf`).

    A decision is recorded once (else DECISION_RECORDED_ALREADY): what the council approved
    at a meeting is a fact like the frozen PDF itself. A date before the day the version was
    finalised or after today is refused; each refusal is a ValidationError keyed by field
    and stores nothing.
    """
    locked = (
        ReviewVersion.objects.select_for_update()
        .select_related("programme")
        .defer("pdf")
        .get(pk=version.pk)
    )
    access.require(access.can_coordinate(by, locked.programme.region_id))
    if locked.has_decision:
        raise ValidationError(DECISION_RECORDED_ALREADY, code="recorded")
    number, wording = number.strip(), wording.strip()
    if not number:
        raise ValidationError({"number": ValidationError(DECISION_NUMBER_MISSING, code="number")})
    if date < localdate(locked.created_at):
        raise ValidationError({"date": ValidationError(DECISION_BEFORE_FINALISED, code="early")})
    if date > localdate():
        raise ValidationError({"date": ValidationError(DECISION_IN_FUTURE, code="future")})
    locked.decision_date, locked.decision_number, locked.decision_wording = date, number, wording
    locked.decision_recorded_by, locked.decision_recorded_at = by, now()
    locked.save(
        update_fields=[
            "decision_date",
            "decision_number",
            "decision_wording",
            "decision_recorded_by",
            "decision_recorded_at",
        ]
    )
    return locked
