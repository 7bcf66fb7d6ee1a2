"""A reporting year walked through in time, the e-mail going through the real SMTP server on
loopback: the year opened, 14 days before the deadline, a report returned, 3 days before, the
report approved, the day after the deadline. `send_reminders --date` decides each day; each
person receives exactly the e-mail listed, and no report handed in gets a deadline reminder."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from monitoring import services
from monitoring.models import Message
from tests.mail_helpers import (
    NAMED,
    address,
    body,
    complete,
    follow,
    give_addresses,
    second_coordinator,
    subject,
    submit,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DEADLINE = TODAY + datetime.timedelta(days=20)


def _d(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


class Walk:
    """The inbox read person by person, step by step."""

    def __init__(self, inbox, people, second):
        self.inbox, self.people, self.second = inbox, people, second
        self.seen = 0

    def new(self) -> dict[str, list[str]]:
        """Who received what since the last look, by the tests' names."""
        names = {address(name): name for name in NAMED} | {self.second.email: "second"}
        received: dict[str, list[str]] = {}
        for message in self.inbox.messages[self.seen :]:
            received.setdefault(names[message["X-Envelope-To"]], []).append(subject(message))
        self.seen = len(self.inbox.messages)
        return received

    def run(self, day: datetime.date) -> str:
        out = io.StringIO()
        call_command("send_reminders", "--date", day.isoformat(), stdout=out)
        return out.getvalue()


@pytest.fixture
def walk(people, smtp_server, settings):
    settings.SITE_URL = "https://uzraudziba.example.lv"
    give_addresses(people)
    from programmes.models import Programme

    second = second_coordinator(Programme.objects.get(slug="zemgale").region, digest=False)
    return Walk(smtp_server, people, second)


def test_a_year_in_time(walk, people, client, django_capture_on_commit_callbacks):
    coordinator = people.zemgale_coordinator
    digest = "Zemgale 2015: dienas kopsavilkums, {}"

    # The year opened, through the form, with the default reminder days.
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("monitoring:round-open", args=["zemgale"]),
            {"year": "2015", "deadline": DEADLINE.isoformat()},
        )
    assert response.status_code == 302
    reporting_round = coordinator.memberships.get().region.programmes.get().rounds.get()
    assert (reporting_round.first_reminder, reporting_round.last_reminder) == (14, 3)
    opened = f"atvērts 2015. pārskata gads, termiņš {_d(DEADLINE)}"
    assert walk.new() == {
        "jelgava_staff": [f"Jelgava: {opened}"],
        "dobele_staff": [f"Dobeles novads: {opened}"],
    }
    # Nothing else is due on the day it opened: no digest yet, the deadline 20 days away.
    out = walk.run(TODAY)
    assert f"{_d(TODAY)}: sagatavots 0 vēstuļu." in out
    assert walk.new() == {}

    jelgava = reporting_round.submissions.get(municipality=people.jelgava)
    dobele = reporting_round.submissions.get(municipality=people.dobele)
    with django_capture_on_commit_callbacks(execute=True):
        jelgava = submit(jelgava, people.jelgava_staff)
    submitted = "Jelgava: iesniegts 2015. gada pārskats"
    assert walk.new() == {"zemgale_coordinator": [submitted], "second": [submitted]}
    complete(dobele, people.dobele_staff)

    # 14 days before: Dobele's draft is reminded; Jelgava's, handed in, is not.
    day = DEADLINE - datetime.timedelta(days=14)
    out = walk.run(day)
    assert f"{_d(day)}: sagatavotas 2 vēstules." in out
    assert "Nosūtītas: 2. Nav nosūtītas, tiks mēģināts vēlreiz: 0." in out
    assert walk.new() == {
        "dobele_staff": [f"Dobeles novads: pārskata termiņš pēc 14 dienām, {_d(DEADLINE)}"],
        "zemgale_coordinator": [digest.format(_d(day))],
    }
    assert "sagatavots 0 vēstuļu" in walk.run(day)  # the same day again: nothing twice
    assert walk.new() == {}

    # The coordinator returns Jelgava's report: it is not handed in any more.
    with django_capture_on_commit_callbacks(execute=True):
        jelgava = services.submission_return(
            submission=jelgava, by=coordinator, comment="Papildiniet 1.2."
        )
    assert walk.new() == {"jelgava_staff": ["Jelgava: koordinators atgrieza 2015. gada pārskatu"]}

    # 3 days before: both reports not handed in are reminded.
    day = DEADLINE - datetime.timedelta(days=3)
    walk.run(day)
    soon = f"pārskata termiņš pēc 3 dienām, {_d(DEADLINE)}"
    assert walk.new() == {
        "jelgava_staff": [f"Jelgava: {soon}"],
        "dobele_staff": [f"Dobeles novads: {soon}"],
        "zemgale_coordinator": [digest.format(_d(day))],
    }

    # Jelgava hands it in again; the coordinator approves it.
    with django_capture_on_commit_callbacks(execute=True):
        jelgava = submit(jelgava, people.jelgava_staff)
    assert walk.new() == {"zemgale_coordinator": [submitted], "second": [submitted]}
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_approve(submission=jelgava, by=coordinator)
    assert walk.new() == {"jelgava_staff": ["Jelgava: 2015. gada pārskats apstiprināts"]}

    # The day after the deadline: Dobele is told it passed; Jelgava, approved, is not.
    day = DEADLINE + datetime.timedelta(days=1)
    walk.run(day)
    received = walk.new()
    assert received == {
        "dobele_staff": [f"Dobeles novads: pārskata termiņš {_d(DEADLINE)} ir pagājis"],
        "zemgale_coordinator": [digest.format(_d(day))],
    }
    overdue = walk.inbox.to(address("dobele_staff"))[-1]
    assert "Pārskats tagad ir slēgts" in body(overdue)
    assert follow(client, people.dobele_staff, body(overdue)).status_code == 200
    late = body(walk.inbox.to(address("zemgale_coordinator"))[-1])
    assert "Nokavēti — nav iesniegti līdz termiņam (21):\n- Aizkraukles novads" in late
    assert "Apstiprināti: 1 no 22." in late

    # Over the whole year, exactly these.
    everything = {}
    for message in walk.inbox.messages:
        everything.setdefault(message["X-Envelope-To"], []).append(subject(message))
    assert {to: len(subjects) for to, subjects in everything.items()} == {
        address("jelgava_staff"): 4,  # opened, returned, 3 days, approved
        address("dobele_staff"): 4,  # opened, 14 days, 3 days, deadline passed
        address("zemgale_coordinator"): 5,  # submitted twice, three digests
        walk.second.email: 2,  # submitted twice; she turned the digest off
    }
    reminded = Message.objects.filter(kind__in=["deadline_soon", "overdue"])
    assert (
        not reminded.filter(submission__state__in=["submitted", "approved"])
        .exclude(submission=jelgava, kind="deadline_soon", sent_at__isnull=False)
        .exists()
    )
    assert all(m.is_sent for m in Message.objects.all())
