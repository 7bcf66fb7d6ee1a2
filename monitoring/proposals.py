"""Proposals to a programme: a municipality's staff submit one, the region's coordinator
records the decision on it with the reason.

Each function is one transaction, checks who may do it (monitoring/access.py) and leaves a
history record naming the person.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring import access
from municipalities.models import Municipality
from programmes.models import Programme, ProgrammeNode, Proposal
from programmes.models.changes import PLACE_REQUIRED, REASON_REQUIRED

Decision = Proposal.Decision

PROPOSAL_EMPTY = _("Write the proposal.")
NODE_OF_OTHER_PROGRAMME = _("Choose a task or action of this programme.")
MUNICIPALITY_OF_OTHER_REGION = _("The municipality is not in the programme's planning region.")
DECIDED_IN_FUTURE = _("The date of the decision cannot be in the future.")
UNKNOWN_DECISION = _("Choose a decision.")


def _save(proposal: Proposal, by) -> None:
    # The related rows come from the caller, already read; the rules of the constraints are
    # checked above with their own messages, and the database keeps them anyway.
    relations = [f.name for f in Proposal._meta.fields if f.is_relation]
    proposal.full_clean(exclude=relations, validate_constraints=False)
    proposal._history_user = by
    proposal.save()


@transaction.atomic
def proposal_submit(
    *,
    programme: Programme,
    municipality: Municipality,
    text: str,
    node: ProgrammeNode | None = None,
    by,
) -> Proposal:
    """A proposal of the municipality to the programme, dated today, not decided yet."""
    access.require(access.can_propose(by, municipality))
    errors = {}
    if municipality.region_id != programme.region_id:
        errors["municipality"] = MUNICIPALITY_OF_OTHER_REGION
    text = text.strip()
    if not text:
        errors["text"] = PROPOSAL_EMPTY
    if node is not None and node.programme_id != programme.pk:
        errors["node"] = NODE_OF_OTHER_PROGRAMME
    if errors:
        raise ValidationError(errors)
    proposal = Proposal(
        programme=programme,
        municipality=municipality,
        text=text,
        node=node,
        submitted_on=timezone.localdate(),
        submitted_by=by,
    )
    _save(proposal, by)
    return proposal


@transaction.atomic
def proposal_decide(
    *,
    proposal: Proposal,
    by,
    decision: str,
    reason: str,
    included_in: ProgrammeNode | None = None,
    decided_on: datetime.date | None = None,
    decided_how: str = "",
) -> Proposal:
    """Record the region's decision on the proposal: the reason is required for every decision
    but "not decided yet" (which takes the decision back), the place in the programme for one
    included under another action. The day defaults to today."""
    access.require(access.can_coordinate(by, proposal.programme.region_id))
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    reason = reason.strip()
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = UNKNOWN_DECISION
    elif decision != Decision.PENDING and not reason:
        errors["reason"] = REASON_REQUIRED
    if decision == Decision.INCLUDED_ELSEWHERE and included_in is None:
        errors["included_in"] = PLACE_REQUIRED
    elif included_in is not None and included_in.programme_id != locked.programme_id:
        errors["included_in"] = NODE_OF_OTHER_PROGRAMME
    today = timezone.localdate()
    if decided_on is not None and decided_on > today:
        errors["decided_on"] = DECIDED_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    decided = decision != Decision.PENDING
    locked.decision = decision
    locked.reason = reason
    locked.included_in = included_in if decision in Proposal.PLACED else None
    locked.decided_on = (decided_on or today) if decided else None
    locked.decided_how = decided_how.strip() if decided else ""
    locked.decided_by = by if decided else None
    _save(locked, by)
    return locked
