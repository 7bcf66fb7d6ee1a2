"""The yearly reporting round: opening a year, saving, submitting, reviewing, reopening.

Every function here is one transaction, checks who may do it, refuses a transition the current
state does not allow, and leaves a history record (django-simple-history, with the reason where
there is one).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from monitoring import access, notices, rules
from monitoring.catalogue import CatalogueData, catalogue_write
from monitoring.models import ProgressEntry, Project, ReportingRound, Submission
from municipalities.models import Municipality, YearlyFigures
from programmes.models import IndicatorValue, Programme, ProgrammeNode

State = Submission.State

ENTRY_FIELDS = ("status", "narrative", "quantity", "planned_quantity")
PROJECT_TEXT_FIELDS = ("title", "funding_source", "currency", "start", "end")
PROJECT_FIELDS = ("title", "funding_source", "budget", "currency", "start", "end", "continued")


class InvalidTransition(Exception):
    """The submission's state does not allow what was asked."""


class SubmissionConflict(Exception):
    """Someone saved the submission after the form was loaded."""

    def __init__(self, submission: Submission):
        super().__init__(_("Someone else saved this submission after you opened it."))
        self.submission = submission


class IncompleteSubmission(Exception):
    """Tasks without a status; `nodes` lists them in code order."""

    def __init__(self, nodes: list[ProgrammeNode]):
        self.nodes = nodes
        super().__init__(
            ngettext(
                "%(count)d task has no status: %(codes)s.",
                "%(count)d tasks have no status: %(codes)s.",
                len(nodes),
            )
            % {"count": len(nodes), "codes": ", ".join(node.code for node in nodes)}
        )


@dataclass
class SubmissionData:
    """What the entry form (or an uploaded workbook) holds for one submission.

    `entries` maps node ids to entry fields; `indicator_values` maps indicator ids to
    {"value", "text"}; `figures` holds YearlyFigures fields or is None when the form has none;
    `projects` lists project fields with an optional "id" and "delete"; `catalogue` holds the
    service catalogue's section (monitoring/catalogue.py) or is None when the form has none.
    """

    entries: dict[int, dict[str, Any]] = field(default_factory=dict)
    indicator_values: dict[int, dict[str, Any]] = field(default_factory=dict)
    figures: dict[str, Any] | None = None
    projects: list[dict[str, Any]] = field(default_factory=list)
    catalogue: CatalogueData | None = None


def reportable_nodes(programme: Programme) -> list[ProgrammeNode]:
    """The tasks and actions a municipality reports on, in natural code order."""
    return list(programme.nodes.for_municipalities().order_by("sort_key"))


@transaction.atomic
def round_open(
    *, programme: Programme, year: int, deadline: datetime.date, by, reminder_days=(14, 3)
) -> ReportingRound:
    """Open a reporting year: one not-started submission per municipality of the region, its
    staff told; deadline reminders go `reminder_days` (first, last) days before the deadline."""
    access.require(access.can_coordinate(by, programme.region_id))
    if year not in programme.years:
        raise ValidationError(
            _("The year must be within the programme (%(first)d–%(last)d).")
            % {"first": programme.period_start, "last": programme.years[-1]}
        )
    if ReportingRound.objects.filter(programme=programme, year=year).exists():
        raise ValidationError(_("The year %(year)d is already open.") % {"year": year})
    reporting_round = ReportingRound(
        programme=programme, year=year, deadline=deadline, opened_by=by
    )
    reporting_round.first_reminder, reporting_round.last_reminder = reminder_days
    _save(reporting_round, by)
    municipalities = Municipality.objects.filter(region=programme.region).active_in_year(year)
    bulk_create_with_history(
        [Submission(round=reporting_round, municipality=m, updated_by=by) for m in municipalities],
        Submission,
        default_user=by,
    )
    notices.round_opened(reporting_round, by=by)
    return reporting_round


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _save(obj, by, reason: str = "") -> None:
    """Save with the history record naming the person (and the reason, if any)."""
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.save()


def _set_state(submission: Submission, state: str, by, reason: str = "") -> None:
    submission.state = state
    submission.updated_by = by
    _save(submission, by, reason)


def _differs(obj, values: dict[str, Any]) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def _entries_upsert(
    *,
    municipality: Municipality | None,
    year: int,
    entries: dict[int, dict[str, Any]],
    by,
    reason: str = "",
) -> int:
    """Write the entries that are new or differ (an empty new one is skipped); returns how
    many were written. Unchanged entries are not saved, so history shows only real edits;
    each written one's history record keeps the `reason`, if any."""
    existing = {
        e.node_id: e
        for e in ProgressEntry.objects.filter(
            municipality=municipality, year=year, node_id__in=entries
        )
    }
    written = 0
    for node_id, given in entries.items():
        # Only the fields the form or workbook holds: one without a planned number for a
        # task must not blank the one saved.
        values = {name: given.get(name) for name in ENTRY_FIELDS if name in given}
        for name in ("status", "narrative"):
            if name in values:
                values[name] = values[name] or ""
        entry = existing.get(node_id)
        if entry is None:
            if not (values.get("status") or values.get("narrative")) and (
                values.get("quantity") is None and values.get("planned_quantity") is None
            ):
                continue
            entry = ProgressEntry(node_id=node_id, municipality=municipality, year=year)
        elif not _differs(entry, values):
            continue
        for name, value in values.items():
            setattr(entry, name, value)
        _save(entry, by, reason)
        written += 1
    return written


@transaction.atomic
def submission_save(
    *, submission: Submission, by, version: int, data: SubmissionData, reason: str = ""
) -> Submission:
    """Save the staff member's draft. Raises SubmissionConflict if the version is stale.

    A `reason` (an import says where the values came from) is kept on the history of the
    entries written, not on the submission's own record: there a reason marks a reopening
    (`is_reopening`)."""
    access.require(access.can_edit(by, submission))
    current = _locked(submission)
    if current.version != version:
        raise SubmissionConflict(current)
    year, municipality = current.round.year, current.municipality

    _entries_upsert(
        municipality=municipality, year=year, entries=data.entries, by=by, reason=reason
    )

    values_by_indicator = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            municipality=municipality, year=year, indicator_id__in=data.indicator_values
        )
    }
    for indicator_id, values in data.indicator_values.items():
        row = values_by_indicator.get(indicator_id)
        empty = values.get("value") is None and not values.get("text")
        if row is None and empty:
            continue
        if row is not None and empty:
            row._history_user = by
            row.delete()
            continue
        row = row or IndicatorValue(indicator_id=indicator_id, municipality=municipality, year=year)
        if row.pk is None or _differs(row, values):
            for name, value in values.items():
                setattr(row, name, value)
            _save(row, by)

    if data.figures is not None:
        figures = YearlyFigures.objects.filter(municipality=municipality, year=year).first()
        if figures is None:
            figures = YearlyFigures(municipality=municipality, year=year)
        if figures.pk is None or _differs(figures, data.figures):
            for name, value in data.figures.items():
                setattr(figures, name, value)
            figures.full_clean()
            _save(figures, by)

    own_projects = {p.pk: p for p in Project.objects.filter(municipality=municipality, year=year)}
    for values in data.projects:
        project = own_projects.get(values.get("id")) if values.get("id") else None
        if values.get("delete"):
            if project is not None:
                project._history_user = by
                project.delete()
            continue
        fields = {name: values.get(name) for name in PROJECT_FIELDS}
        fields.update({name: fields[name] or "" for name in PROJECT_TEXT_FIELDS})
        if project is None:
            project = Project(
                region_id=municipality.region_id, municipality=municipality, year=year
            )
        elif not _differs(project, fields):
            continue
        for name, value in fields.items():
            setattr(project, name, value)
        project.full_clean()
        _save(project, by)

    if data.catalogue is not None:
        catalogue_write(municipality=municipality, year=year, data=data.catalogue, by=by)

    current.version += 1
    if current.state in (State.NOT_STARTED, State.RETURNED):
        current.state = State.DRAFT
    current.updated_by = by
    _save(current, by)
    return current


class SubmissionsConflict(Exception):
    """Submissions saved by someone after the given versions: `submissions` lists them."""

    def __init__(self, submissions: list[Submission]):
        super().__init__(_("Someone else saved these submissions after you opened them."))
        self.submissions = submissions


@transaction.atomic
def submissions_save(
    *, saves: list[tuple[Submission, int, SubmissionData]], by, reason: str = ""
) -> list[Submission]:
    """Save several submissions, each (submission, version, data) as submission_save() does,
    all or none: when any was saved since its version, SubmissionsConflict names every such
    one and none is saved."""
    versions = dict(
        Submission.objects.select_for_update()
        .filter(pk__in=[submission.pk for submission, _version, _data in saves])
        .values_list("pk", "version")
    )
    stale = [
        submission for submission, version, _data in saves if versions.get(submission.pk) != version
    ]
    if stale:
        raise SubmissionsConflict(stale)
    return [
        submission_save(submission=submission, by=by, version=version, data=data, reason=reason)
        for submission, version, data in saves
    ]


def missing_statuses(submission: Submission) -> list[ProgrammeNode]:
    """The tasks of the submission that have no status yet, in code order."""
    answered = set(
        ProgressEntry.objects.filter(
            municipality=submission.municipality, year=submission.round.year
        )
        .exclude(status="")
        .values_list("node_id", flat=True)
    )
    return [n for n in reportable_nodes(submission.round.programme) if n.pk not in answered]


@transaction.atomic
def submission_submit(*, submission: Submission, by) -> Submission:
    """Hand the submission in; refused with the list of tasks still without a status."""
    access.require(access.can_edit(by, submission))
    current = _locked(submission)
    if not current.is_draft:
        raise InvalidTransition(_("Only a draft can be submitted."))
    missing = missing_statuses(current)
    if missing:
        raise IncompleteSubmission(missing)
    current.submitted_at = timezone.now()
    current.version += 1
    _set_state(current, State.SUBMITTED, by)
    notices.report_submitted(current, by=by)
    return current


@transaction.atomic
def submission_approve(*, submission: Submission, by, comment: str = "") -> Submission:
    """Approve a submitted report; a comment, if any, is kept as the history record's reason."""
    access.require(access.can_review(by, submission))
    current = _locked(submission)
    if not current.is_submitted:
        raise InvalidTransition(_("Only a submitted report can be approved."))
    current.approved_at = timezone.now()
    current.return_comment = ""
    current.version += 1
    _set_state(current, State.APPROVED, by, reason=comment.strip())
    notices.report_approved(current, by=by)
    return current


def submissions_approve(
    *, submissions: list[Submission], by
) -> tuple[list[Submission], list[tuple[Submission, str]]]:
    """Approve several reports, each in its own transaction: one that is no longer submitted
    (returned or approved by someone meanwhile) is left as it is and does not hold the others
    back. Returns (approved, [(left alone, why)])."""
    approved, refused = [], []
    for submission in submissions:
        try:
            approved.append(submission_approve(submission=submission, by=by))
        except InvalidTransition as exc:
            refused.append((submission, str(exc)))
    return approved, refused


@transaction.atomic
def submission_return(*, submission: Submission, by, comment: str) -> Submission:
    """Send the submission back to the municipality with the coordinator's comment."""
    access.require(access.can_review(by, submission))
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Say what has to be corrected."))
    current = _locked(submission)
    if not current.is_submitted:
        raise InvalidTransition(_("Only a submitted report can be returned."))
    current.return_comment = comment
    current.version += 1
    _set_state(current, State.RETURNED, by, reason=comment)
    notices.report_returned(current, by=by)
    return current


def is_reopening(record) -> bool:
    """Whether a submission's history record is a reopening: submission_reopen is the only
    transition that leaves a draft with a reason (saving a draft gives none)."""
    return record.state == State.DRAFT and bool(record.history_change_reason)


def submission_history(records) -> list:
    """A submission history queryset as the pages list it: newest first, with who did it, each
    record told whether it `is_reopening`."""
    history = list(records.select_related("history_user").order_by("-history_date"))
    for record in history:
        record.is_reopening = is_reopening(record)
    return history


@transaction.atomic
def submission_reopen(
    *, submission: Submission, by, reason: str, until: datetime.date
) -> Submission:
    """Open an approved or past-deadline submission for changes again, until a date."""
    access.require(access.can_review(by, submission))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for reopening."))
    if until < timezone.localdate():
        raise ValidationError(str(rules.NEW_DEADLINE_IN_PAST))
    current = _locked(submission)
    if not current.is_locked():
        raise InvalidTransition(_("Only an approved or past-deadline submission can be reopened."))
    current.extended_until = until
    current.approved_at = None
    current.version += 1
    _set_state(current, State.DRAFT, by, reason=reason)
    notices.report_reopened(current, by=by)
    return current


@transaction.atomic
def region_entries_save(
    *, reporting_round: ReportingRound, by, entries: dict[int, dict[str, Any]]
) -> int:
    """The coordinator's region-wide entries for the year; returns how many changed."""
    access.require(access.can_coordinate(by, reporting_round.programme.region_id))
    return _entries_upsert(municipality=None, year=reporting_round.year, entries=entries, by=by)
