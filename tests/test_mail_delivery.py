"""Delivery of the e-mail (monitoring/mail.py, `manage.py send_reminders`): a mail server that
refuses leaves every message due and the next run sends it; running twice sends nothing
twice; a person who chose English gets English; an event's e-mail goes through the background
worker's queue as soon as the change is committed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from monitoring import services
from monitoring.models import Message, UserSettings
from programmes.models import Programme
from tests.mail_helpers import address, body, complete, give_addresses, subject, subjects, submit
from tests.pdf import run_worker

pytestmark = pytest.mark.django_db

DEADLINE = timezone.localdate() + datetime.timedelta(days=20)


def _run(day: datetime.date) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


def _open(people):
    give_addresses(people)
    return services.round_open(
        programme=Programme.objects.get(slug="zemgale"),
        year=2015,
        deadline=DEADLINE,
        by=people.zemgale_coordinator,
    )


def test_a_refusing_server_leaves_the_messages_due_and_the_next_run_sends_them(people, smtp_server):
    _open(people)
    smtp_server.refuse = True
    day = DEADLINE - datetime.timedelta(days=14)
    out = _run(day)
    # The opening e-mail of both municipalities, the two 14-day reminders, the digest.
    assert "Nosūtītas: 0. Nav nosūtītas, tiks mēģināts vēlreiz: 5." in out
    assert smtp_server.messages == []
    refused = Message.objects.filter(recipient=people.jelgava_staff)
    assert refused.count() == 2
    assert all(not m.is_sent and m.attempts == 1 and "451" in m.last_error for m in refused)

    smtp_server.refuse = False
    out = _run(day + datetime.timedelta(days=1))
    # The reminders were written once, the day before; the digest is the new day's.
    assert "sagatavota 1 vēstule" in out
    assert "Nosūtītas: 6. Nav nosūtītas, tiks mēģināts vēlreiz: 0." in out
    assert sorted(subjects(smtp_server, "jelgava_staff")) == sorted(
        [
            f"Jelgava: atvērts 2015. pārskata gads, termiņš {DEADLINE:%d.%m.%Y}",
            f"Jelgava: pārskata termiņš pēc 14 dienām, {DEADLINE:%d.%m.%Y}",
        ]
    )
    sent = Message.objects.get(recipient=people.jelgava_staff, kind="deadline_soon")
    assert sent.is_sent and sent.attempts == 2 and sent.last_error == ""


def test_an_events_e_mail_refused_at_once_goes_with_the_next_run(
    people, smtp_server, django_capture_on_commit_callbacks
):
    reporting_round = _open(people)
    _run(timezone.localdate())
    smtp_server.refuse = True
    with django_capture_on_commit_callbacks(execute=True):
        submit(reporting_round.submissions.get(municipality=people.jelgava), people.jelgava_staff)
    told = Message.objects.get(kind="submitted")
    assert not told.is_sent and told.attempts == 1
    smtp_server.refuse = False
    _run(timezone.localdate())
    assert subjects(smtp_server, "zemgale_coordinator") == [
        "Jelgava: iesniegts 2015. gada pārskats"
    ]


def test_a_reminder_left_due_is_withdrawn_once_the_report_is_handed_in(people, smtp_server):
    reporting_round = _open(people)
    smtp_server.refuse = True
    _run(DEADLINE - datetime.timedelta(days=14))
    dobele = reporting_round.submissions.get(municipality=people.dobele)
    submit(dobele, people.dobele_staff)
    smtp_server.refuse = False
    _run(DEADLINE - datetime.timedelta(days=13))
    assert [s for s in subjects(smtp_server, "dobele_staff") if "pēc 14" in s] == []
    assert not Message.objects.filter(submission=dobele, kind="deadline_soon").exists()
    assert len([s for s in subjects(smtp_server, "jelgava_staff") if "pēc 14" in s]) == 1


def test_running_twice_sends_nothing_twice(people, smtp_server):
    reporting_round = _open(people)
    complete(reporting_round.submissions.get(municipality=people.dobele), people.dobele_staff)
    day = DEADLINE - datetime.timedelta(days=3)
    first = _run(day)
    received = len(smtp_server.messages)
    assert received == 2 + 2 + 1  # opened ×2, 3-day reminders ×2, the digest
    assert "sagatavotas 3 vēstules" in first
    second = _run(day)
    assert "sagatavots 0 vēstuļu" in second and "Nosūtītas: 0." in second
    assert len(smtp_server.messages) == received
    assert Message.objects.count() == received


def test_a_person_who_chose_english_gets_english(people, smtp_server):
    give_addresses(people)
    UserSettings.objects.create(user=people.jelgava_staff, language="en")
    reporting_round = _open(people)
    _run(DEADLINE - datetime.timedelta(days=14))
    opened, reminder = smtp_server.to(address("jelgava_staff"))
    assert subject(opened) == (f"Jelgava: the reporting year 2015 is open, due {DEADLINE:%d.%m.%Y}")
    assert subject(reminder) == f"Jelgava: the report is due in 14 days, by {DEADLINE:%d.%m.%Y}"
    assert "The report of “Jelgava” for 2015 is not handed in yet." in body(reminder)
    assert "Its state now: not started." in body(reminder)
    assert '<html lang="en">' in reminder.get_body(("html",)).get_content()
    # The others keep Latvian.
    assert subjects(smtp_server, "dobele_staff")[0].startswith("Dobeles novads: atvērts")
    assert (
        Message.objects.get(
            pk=reporting_round.messages.filter(recipient=people.jelgava_staff).first().pk
        ).language
        == "en"
    )


def test_the_command_refuses_a_date_it_cannot_read():
    with pytest.raises(Exception, match="GGGG-MM-DD"):
        call_command("send_reminders", "--date", "1.3.2015")


@pytest.mark.usefixtures("published_data", "task_queue")
@pytest.mark.django_db(transaction=True)
def test_an_events_e_mail_goes_through_the_background_workers_queue(people, smtp_server):
    """As in production: the commit queues the delivery, `db_worker` sends it."""
    from django_tasks_db.models import DBTaskResult

    reporting_round = _open(people)
    assert smtp_server.messages == []
    assert DBTaskResult.objects.filter(task_path="monitoring.tasks.deliver_messages").count() == 1
    run_worker()
    assert len(smtp_server.messages) == 2
    submit(reporting_round.submissions.get(municipality=people.jelgava), people.jelgava_staff)
    run_worker()
    assert subjects(smtp_server, "zemgale_coordinator") == [
        "Jelgava: iesniegts 2015. gada pārskats"
    ]
