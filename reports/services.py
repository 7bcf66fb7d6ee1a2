"""Writing the coordinator's part of a review and freezing a final version."""

import hashlib

from django.db import transaction

from monitoring import access
from programmes.models import Programme
from reports.models import PolicyResultVerdict, ReviewText, ReviewVersion
from reports.pdf import review_pdf
from reports.review import annual_review


@transaction.atomic
def review_text_save(
    *, programme: Programme, year: int, by, conclusions: str, next_steps: str, verdicts: dict
) -> None:
    access.require(access.can_coordinate(by, programme.region_id))
    text = ReviewText.objects.filter(programme=programme, year=year).first() or ReviewText(
        programme=programme, year=year
    )
    text.conclusions, text.next_steps = conclusions.strip(), next_steps.strip()
    text._history_user = by
    text.save()
    for policy_result_id, verdict in verdicts.items():
        verdict = verdict.strip()
        existing = PolicyResultVerdict.objects.filter(
            policy_result_id=policy_result_id, year=year, policy_result__programme=programme
        ).first()
        if not verdict:
            if existing:
                existing._history_user = by
                existing.delete()
            continue
        existing = existing or PolicyResultVerdict(policy_result_id=policy_result_id, year=year)
        existing.text = verdict
        existing._history_user = by
        existing.save()


@transaction.atomic
def review_finalise(*, programme: Programme, year: int, by) -> ReviewVersion:
    """Store today's PDF of the review as a dated version that later edits do not change."""
    access.require(access.can_coordinate(by, programme.region_id))
    pdf = review_pdf(annual_review(programme, year))
    return ReviewVersion.objects.create(
        programme=programme,
        year=year,
        created_by=by,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
