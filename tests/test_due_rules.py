"""The due rules of `notices.due_reminders(today)`, day by day: which deadline reminders,
deadline-passed notices and digests a day makes due, for whom, and which it does not."""

import datetime

import pytest
from django.utils import timezone

from monitoring import notices, services
from monitoring.models import Message
from programmes.models import Programme
from tests.mail_helpers import give_addresses, second_coordinator, submit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _open(people, days: int, reminder_days=(14, 3)):
    give_addresses(people)
    return services.round_open(
        programme=Programme.objects.get(slug="zemgale"),
        year=2015,
        deadline=TODAY + days * DAY,
        by=people.zemgale_coordinator,
        reminder_days=reminder_days,
    )


def _due(day, username="dienests-jelgava") -> list[tuple[str, str]]:
    """(kind, what names the occasion) of each message `day` wrote for the person."""
    written = notices.due_reminders(day)
    return [
        (m.kind, m.key.split(":", 2)[2].rsplit(":", 1)[0])
        for m in written
        if m.recipient.username == username
    ]


def test_each_reminder_comes_once_in_its_window(people):
    reporting_round = _open(people, 30)
    deadline = reporting_round.deadline
    by_day = {offset: _due(deadline + offset * DAY) for offset in range(-16, 10)}
    d = deadline.isoformat()
    assert {offset: due for offset, due in by_day.items() if due} == {
        -14: [("deadline_soon", f"{d}:14")],
        -3: [("deadline_soon", f"{d}:3")],
        1: [("overdue", d)],
    }


def test_a_day_missed_is_caught_up_but_a_reminder_overtaken_is_dropped(people):
    reporting_round = _open(people, 30)
    deadline, d = reporting_round.deadline, reporting_round.deadline.isoformat()
    assert _due(deadline - 12 * DAY) == [("deadline_soon", f"{d}:14")]
    # No run from 12 days before until the day before: only the last reminder is due.
    assert _due(deadline - DAY) == [("deadline_soon", f"{d}:3")]
    # Nor until a week after the deadline: the notice still goes; later, no more.
    assert _due(deadline + 7 * DAY) == [("overdue", d)]


def test_the_deadline_passed_is_not_told_more_than_a_week_late(people):
    reporting_round = _open(people, 30)
    assert _due(reporting_round.deadline + 8 * DAY) == []


def test_no_reminder_for_a_day_before_the_year_opened(people):
    reporting_round = _open(people, 10)  # opened after the 14-day reminder's day
    d = reporting_round.deadline.isoformat()
    assert _due(TODAY) == []
    assert _due(reporting_round.deadline - 3 * DAY) == [("deadline_soon", f"{d}:3")]


def test_nor_on_the_day_the_year_opened(people):
    reporting_round = _open(people, 14)
    assert _due(TODAY) == []
    assert _due(reporting_round.deadline - 3 * DAY)[0][0] == "deadline_soon"


def test_the_rounds_own_reminder_days_count(people):
    reporting_round = _open(people, 30, reminder_days=(21, 0))
    d = reporting_round.deadline.isoformat()
    assert _due(reporting_round.deadline - 21 * DAY) == [("deadline_soon", f"{d}:21")]
    assert _due(reporting_round.deadline - 3 * DAY) == []
    assert _due(reporting_round.deadline) == [("deadline_soon", f"{d}:0")]


def test_a_report_handed_in_gets_no_reminder(people):
    reporting_round = _open(people, 30)
    submit(reporting_round.submissions.get(municipality=people.jelgava), people.jelgava_staff)
    for offset in (-14, -3, 1):
        assert _due(reporting_round.deadline + offset * DAY) == []
    dobele = Message.objects.filter(recipient=people.dobele_staff)
    kinds = sorted(dobele.values_list("kind", flat=True))
    assert kinds == ["deadline_soon", "deadline_soon", "overdue", "round_opened"]


def test_a_reopening_brings_reminders_for_its_new_date(people):
    reporting_round = _open(people, 30)
    jelgava = submit(
        reporting_round.submissions.get(municipality=people.jelgava), people.jelgava_staff
    )
    approved = services.submission_approve(submission=jelgava, by=people.zemgale_coordinator)
    assert _due(reporting_round.deadline - 14 * DAY) == []
    until = TODAY + 20 * DAY
    services.submission_reopen(
        submission=approved, by=people.zemgale_coordinator, reason="Jāprecizē.", until=until
    )
    assert _due(until - 14 * DAY) == [("deadline_soon", f"{until.isoformat()}:14")]
    assert _due(until - 3 * DAY) == [("deadline_soon", f"{until.isoformat()}:3")]
    assert _due(until + DAY) == [("overdue", until.isoformat())]


def test_a_reopening_close_to_its_date_skips_the_reminders_before_it(people):
    reporting_round = _open(people, 30)
    jelgava = submit(
        reporting_round.submissions.get(municipality=people.jelgava), people.jelgava_staff
    )
    approved = services.submission_approve(submission=jelgava, by=people.zemgale_coordinator)
    until = TODAY + 10 * DAY
    services.submission_reopen(
        submission=approved, by=people.zemgale_coordinator, reason="Jāprecizē.", until=until
    )
    assert _due(TODAY + DAY) == []
    assert _due(until - 3 * DAY) == [("deadline_soon", f"{until.isoformat()}:3")]


def test_the_digest_comes_daily_while_reports_are_not_all_approved(people):
    reporting_round = _open(people, 10)
    second_coordinator(reporting_round.programme.region, digest=False)
    coordinator = "koordinators-zemgale"
    for offset in (1, 2, 10, 40):
        assert _due(TODAY + offset * DAY, coordinator) == [
            ("digest", (TODAY + offset * DAY).isoformat())
        ]
    # 30 days after the deadline it stops, approved or not.
    assert _due(reporting_round.deadline + 31 * DAY, coordinator) == []
    reporting_round.submissions.update(state="approved")
    assert _due(TODAY + 3 * DAY, coordinator) == []
    assert not Message.objects.filter(
        kind="digest", recipient__username__startswith="koordinatore-2"
    ).exists()


def test_writing_the_same_day_twice_writes_nothing_the_second_time(people):
    reporting_round = _open(people, 30)
    day = reporting_round.deadline - 14 * DAY
    first = notices.due_reminders(day)
    assert len(first) == 3  # Jelgava's and Dobele's staff, the coordinator's digest
    assert notices.due_reminders(day) == []
    assert Message.objects.filter(kind__in=["deadline_soon", "digest"]).count() == 3
