"""Who is told what, and when: every e-mail of the reporting round is decided here.

The transitions (monitoring/services.py) call the event notices inside their transaction, so a
message exists exactly when the change was committed (an outbox); after the commit the
background worker sends it (monitoring/tasks.py). `due_reminders(today)`, run daily by
`manage.py send_reminders`, writes what the calendar makes due. A message's key names its
occasion, so nothing is written twice however often, and on however many machines, this runs
(monitoring/mail.py).

Who: the staff of a municipality (active users with an e-mail address and a staff role there)
are told the year opened, a deadline coming while their report is not handed in, the deadline
passed, their report returned (with the comment), approved (with the note) or reopened (with
the reason and the new date); the coordinators of the round's region, that a report was
submitted, and the daily digest unless they turned it off (UserSettings.daily_digest). Nobody is
told what they did themselves.

When, on `today`, for a report not handed in whose deadline is D (its reopening's date, else
the round's):
- the reminder of N days (the round's first and last reminder days) is due while
  N >= days left > the next smaller number of days (-1 after the last one), unless the
  deadline was set (the year opened, the report reopened) on or after the reminder's day D - N:
  that message gave the date already. Keys name D, so a reopening brings new reminders.
- the deadline passed: once per deadline, in the OVERDUE_DAYS days after it (a run missed for
  a few days still tells; a first run on an old year does not mail about it).
- the digest: once a day per round and coordinator, from the day after the year opened while
  any report is not approved, until DIGEST_DAYS_AFTER days after the latest deadline.
A reminder not delivered whose report has since been handed in is withdrawn: it is no longer
true (a report handed in never gets one).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from monitoring import access, mail
from monitoring.models import Membership, Message, ReportingRound, Submission, UserSettings
from monitoring.tasks import deliver_messages
from municipalities.models import municipality_order

Kind = Message.Kind
State = Submission.State
Role = Membership.Role

OVERDUE_DAYS = 7
DIGEST_DAYS_AFTER = 30
REMINDER_KINDS = (Kind.DEADLINE_SOON, Kind.OVERDUE)
# What a municipality's staff are told about their report (the rest go to coordinators).
STAFF_KINDS = (
    Kind.ROUND_OPENED,
    Kind.DEADLINE_SOON,
    Kind.OVERDUE,
    Kind.RETURNED,
    Kind.APPROVED,
    Kind.REOPENED,
)


@dataclass
class _Occasion:
    kind: str
    key: str
    user: object
    reporting_round: ReportingRound
    submission: Submission | None = None
    context: dict = field(default_factory=dict)


def _members(role: str, scope: str, ids: Iterable[int]) -> dict[int, list]:
    """Active users with an e-mail address holding `role` in each of `ids` (municipality or
    region ids, as `scope` says), their settings joined."""
    rows = (
        Membership.objects.filter(role=role, user__is_active=True, **{f"{scope}_id__in": ids})
        .exclude(user__email="")
        .select_related("user__settings")
        .order_by("user__username")
    )
    members = defaultdict(list)
    for row in rows:
        members[getattr(row, f"{scope}_id")].append(row.user)
    return members


def _wants_digest(user) -> bool:
    try:
        return user.settings.daily_digest
    except UserSettings.DoesNotExist:
        return True


def _link(kind: str, reporting_round: ReportingRound, submission: Submission | None) -> str:
    if kind == Kind.DIGEST:
        return mail.absolute(reporting_round.get_absolute_url())
    if kind == Kind.SUBMITTED:
        return mail.absolute(reverse("monitoring:review", args=[submission.pk]))
    return mail.absolute(submission.get_absolute_url())


def _write(occasion: _Occasion) -> Message | None:
    reporting_round, submission = occasion.reporting_round, occasion.submission
    context = {
        "round": reporting_round,
        "region": reporting_round.programme.region,
        "submission": submission,
        "link": _link(occasion.kind, reporting_round, submission),
        **occasion.context,
    }
    return mail.message_queue(
        kind=occasion.kind,
        key=occasion.key,
        recipient=occasion.user,
        template=occasion.kind,
        context=context,
        region=reporting_round.programme.region,
        round=reporting_round,
        submission=submission,
        language=mail.language_of(occasion.user),
    )


def _write_new(occasions: list[_Occasion]) -> list[Message]:
    """Write the occasions' messages not written before (one query finds those); returns the
    ones this call wrote (another sender at the same moment may have written some)."""
    keys = [occasion.key for occasion in occasions]
    existing = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        existing |= set(Message.objects.filter(key__in=chunk).values_list("key", flat=True))
    written = [_write(o) for o in occasions if o.key not in existing]
    return [message for message in written if message is not None and message.written_now]


def _send_after_commit(messages: list) -> None:
    """The event's messages go as soon as its transaction commits (a queue that fails leaves
    them due for `send_reminders`)."""
    if any(messages):
        transaction.on_commit(deliver_messages.enqueue, robust=True)


# --- events, called by the transitions inside their transaction ---------------------------


def round_opened(reporting_round: ReportingRound, *, by) -> None:
    submissions = list(reporting_round.submissions.select_related("municipality"))
    staff = _members(Role.STAFF, "municipality", [s.municipality_id for s in submissions])
    occasions = [
        _Occasion(Kind.ROUND_OPENED, f"round_opened:{s.pk}:{user.pk}", user, reporting_round, s)
        for s in submissions
        for user in staff[s.municipality_id]
        if user != by
    ]
    _send_after_commit([_write(occasion) for occasion in occasions])


def _report_notice(submission: Submission, kind: str, by, **context) -> None:
    """Tell the municipality's staff (the region's coordinators, of a report submitted) what
    happened to the report in its present version."""
    submission = Submission.objects.with_context().get(pk=submission.pk)
    reporting_round = submission.round
    if kind == Kind.SUBMITTED:
        region_id = reporting_round.programme.region_id
        people = _members(Role.COORDINATOR, "region", [region_id])[region_id]
    else:
        people = _members(Role.STAFF, "municipality", [submission.municipality_id])[
            submission.municipality_id
        ]
    key = f"{kind}:{submission.pk}:{submission.version}"
    occasions = [
        _Occasion(kind, f"{key}:{user.pk}", user, reporting_round, submission, context)
        for user in people
        if user != by
    ]
    _send_after_commit([_write(occasion) for occasion in occasions])


def report_submitted(submission: Submission, *, by) -> None:
    # Reminders of the report not delivered yet would no longer be true.
    Message.objects.filter(
        submission=submission, kind__in=REMINDER_KINDS, sent_at__isnull=True
    ).delete()
    _report_notice(submission, Kind.SUBMITTED, by)


def report_returned(submission: Submission, *, by) -> None:
    _report_notice(submission, Kind.RETURNED, by, comment=submission.return_comment)


def _reason(submission: Submission) -> str:
    """The reason the transition just made gave (its history record keeps it)."""
    latest = submission.history.order_by("-history_date", "-history_id").first()
    return (latest.history_change_reason or "") if latest else ""


def report_approved(submission: Submission, *, by) -> None:
    _report_notice(submission, Kind.APPROVED, by, note=_reason(submission))


def report_reopened(submission: Submission, *, by) -> None:
    _report_notice(
        submission, Kind.REOPENED, by, reason=_reason(submission), until=submission.extended_until
    )


# --- what the calendar makes due ----------------------------------------------------------


def due_reminders(today: datetime.date) -> list[Message]:
    """Write the deadline reminders, the deadline-passed notices and the coordinators'
    digests due on `today` and not written before; returns the messages written."""
    written = [*_write_new(_deadline_occasions(today)), *_write_new(_digest_occasions(today))]
    # A report handed in while its reminder waited to be sent (or just now, while the
    # reminders were written) is not reminded.
    Message.objects.filter(
        kind__in=REMINDER_KINDS, sent_at__isnull=True, submission__state__in=Submission.HANDED_IN
    ).delete()
    return written


def _reopened_at():
    """When the report was last reopened: submission_reopen is the only transition that
    leaves a draft with a reason (services.is_reopening)."""
    return Subquery(
        Submission.history.filter(id=OuterRef("pk"), state=State.DRAFT)
        .exclude(history_change_reason__isnull=True)
        .exclude(history_change_reason="")
        .order_by("-history_date")
        .values("history_date")[:1]
    )


def _deadline_occasions(today: datetime.date) -> list[_Occasion]:
    submissions = list(
        Submission.objects.exclude(state__in=Submission.HANDED_IN)
        .annotate(due_on=Coalesce("extended_until", "round__deadline"), reopened_at=_reopened_at())
        .filter(due_on__gte=today - datetime.timedelta(days=OVERDUE_DAYS))
        .select_related("round__programme__region", "municipality")
        .order_by("pk")
    )
    staff = _members(Role.STAFF, "municipality", {s.municipality_id for s in submissions})
    occasions = []
    for submission in submissions:
        due = _deadline_notice(submission, today)
        if due is None:
            continue
        kind, occasion, context = due
        occasions += [
            _Occasion(
                kind,
                f"{kind}:{submission.pk}:{occasion}:{user.pk}",
                user,
                submission.round,
                submission,
                context,
            )
            for user in staff[submission.municipality_id]
        ]
    return occasions


def _deadline_notice(submission: Submission, today: datetime.date):
    """(kind, what names the occasion, context) of the deadline notice due, or None."""
    deadline = submission.due_on
    days_left = (deadline - today).days
    context = {"deadline": deadline, "days_left": days_left, "days_late": -days_left}
    if days_left < 0:
        return Kind.OVERDUE, deadline.isoformat(), context
    reporting_round = submission.round
    set_at = reporting_round.opened_at
    if submission.extended_until and submission.reopened_at:
        set_at = submission.reopened_at
    set_on = timezone.localdate(set_at)
    days = [reporting_round.first_reminder, reporting_round.last_reminder, -1]
    for before, next_one in zip(days, days[1:], strict=False):
        if next_one < days_left <= before:
            if set_on >= deadline - datetime.timedelta(days=before):
                return None
            return Kind.DEADLINE_SOON, f"{deadline.isoformat()}:{before}", context
    return None


def _digest_due(reporting_round: ReportingRound, today: datetime.date) -> bool:
    latest = max(reporting_round.deadline, reporting_round.latest_extension or datetime.date.min)
    return bool(reporting_round.not_approved) and (
        today <= latest + datetime.timedelta(days=DIGEST_DAYS_AFTER)
    )


def _digest_occasions(today: datetime.date) -> list[_Occasion]:
    candidates = (
        ReportingRound.objects.filter(opened_at__date__lt=today)
        .annotate(
            latest_extension=Max("submissions__extended_until"),
            not_approved=Count("submissions", filter=~Q(submissions__state=State.APPROVED)),
        )
        .select_related("programme__region")
        .order_by("pk")
    )
    rounds = [r for r in candidates if _digest_due(r, today)]
    if not rounds:
        return []
    by_round = defaultdict(list)
    submissions = Submission.objects.filter(round__in=rounds).select_related("municipality")
    for submission in submissions.order_by(*municipality_order("municipality")):
        by_round[submission.round_id].append(submission)
    coordinators = _members(Role.COORDINATOR, "region", {r.programme.region_id for r in rounds})
    occasions = []
    for reporting_round in rounds:
        context = _digest(reporting_round, by_round[reporting_round.pk], today)
        occasions += [
            _Occasion(
                Kind.DIGEST,
                f"digest:{reporting_round.pk}:{today.isoformat()}:{user.pk}",
                user,
                reporting_round,
                context=context,
            )
            for user in coordinators[reporting_round.programme.region_id]
            if _wants_digest(user)
        ]
    return occasions


def _digest(reporting_round: ReportingRound, submissions: list, today: datetime.date) -> dict:
    """What the coordinator reads of the round on `today`, in the municipalities' order."""
    for submission in submissions:
        submission.round = reporting_round
    late = [s for s in submissions if s.is_overdue(today)]
    on_time = [s for s in submissions if not s.is_overdue(today)]
    return {
        "today": today,
        "days_left": (reporting_round.deadline - today).days,
        "submitted": [s for s in submissions if s.is_submitted],
        "late": late,
        "not_started": [s for s in on_time if not s.has_started],
        "in_progress": [s for s in on_time if s.has_started and s.is_draft],
        "approved": sum(s.is_approved for s in submissions),
        "total": len(submissions),
        "settings_link": _settings_link(),
    }


def _settings_link() -> str:
    """Where the digest is turned off: the person's settings (monitoring/accounts.py)."""
    try:
        return mail.absolute(reverse("accounts:settings"))
    except NoReverseMatch:
        return ""


# --- what was told: the round's page -------------------------------------------------------


def with_last_messages(submissions: QuerySet) -> QuerySet:
    """The reports, each with the last e-mail sent to its municipality's staff about it
    (`last_message_kind`, `last_message_at`) and the last deadline reminder or deadline-passed
    notice among them (`last_reminder_kind`, `last_reminder_at`); None where there is none."""
    sent = Message.objects.filter(
        submission=OuterRef("pk"), kind__in=STAFF_KINDS, sent_at__isnull=False
    ).order_by("-sent_at", "-pk")
    reminders = sent.filter(kind__in=REMINDER_KINDS)
    return submissions.annotate(
        last_message_kind=Subquery(sent.values("kind")[:1]),
        last_message_at=Subquery(sent.values("sent_at")[:1]),
        last_reminder_kind=Subquery(reminders.values("kind")[:1]),
        last_reminder_at=Subquery(reminders.values("sent_at")[:1]),
    )


# --- the round's reminder days, set by its coordinator ------------------------------------


@transaction.atomic
def round_reminders_set(*, reporting_round: ReportingRound, by, first: int, last: int) -> None:
    """Change how many days before the deadline the round's two reminders go."""
    access.require(access.can_coordinate(by, reporting_round.programme.region_id))
    reporting_round.first_reminder, reporting_round.last_reminder = first, last
    reporting_round._history_user = by
    reporting_round.save(update_fields=["first_reminder", "last_reminder"])
