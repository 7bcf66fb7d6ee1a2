"""Each kind of e-mail of the reporting round (monitoring/notices.py): who gets it, what it says
in Latvian, and that its link, followed by the person who got it, opens the page to act on.
The e-mail goes through the real SMTP server on loopback (tests/smtp.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring import mail, notices, services
from monitoring.models import Message
from programmes.models import Programme
from tests.mail_helpers import (
    SITE_URL,
    address,
    body,
    complete,
    follow,
    give_addresses,
    second_coordinator,
    subject,
    subjects,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def addressed(people):
    give_addresses(people)
    return people


@pytest.fixture
def opened(addressed, smtp_server, django_capture_on_commit_callbacks):
    """Zemgale's year 2015 opened (due in 30 days) with the opening e-mail sent, then the inbox
    emptied."""
    programme = Programme.objects.get(slug="zemgale")
    with django_capture_on_commit_callbacks(execute=True):
        reporting_round = services.round_open(
            programme=programme,
            year=2015,
            deadline=timezone.localdate() + datetime.timedelta(days=30),
            by=addressed.zemgale_coordinator,
        )
    opening = list(smtp_server.messages)
    smtp_server.messages.clear()
    return reporting_round, opening


def _jelgava(reporting_round, people):
    return reporting_round.submissions.get(municipality=people.jelgava)


def _date(day) -> str:
    return day.strftime("%d.%m.%Y")


def test_opening_a_year_tells_the_staff_of_each_municipality(opened, addressed, client):
    reporting_round, opening = opened
    deadline = _date(reporting_round.deadline)
    assert sorted(m["X-Envelope-To"] for m in opening) == sorted(
        [address("jelgava_staff"), address("dobele_staff")]
    )
    jelgava = next(m for m in opening if m["X-Envelope-To"] == address("jelgava_staff"))
    assert subject(jelgava) == f"Jelgava: atvērts 2015. pārskata gads, termiņš {deadline}"
    text = jelgava.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "Zemgale: plānošanas reģiona koordinators ir atvēris 2015. pārskata gadu." in text
    assert f"Aizpildiet un iesniedziet pašvaldības „Jelgava” pārskatu līdz {deadline}." in text
    response = follow(client, addressed.jelgava_staff, text)
    assert response.status_code == 200
    assert response.context["submission"] == _jelgava(reporting_round, addressed)


def test_the_html_part_is_latvian_and_links_to_the_same_page(opened, addressed):
    _reporting_round, opening = opened
    html = opening[0].get_body(("html",)).get_content()
    text = opening[0].get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert '<html lang="lv">' in html
    assert f'<a href="{SITE_URL}/' in html and "Atvērt pārskatu</a>" in html
    path = text.split(SITE_URL, 1)[1].split()[0]
    assert f'href="{SITE_URL}{path}"' in html


def test_submitting_tells_the_regions_coordinators(
    opened, addressed, smtp_server, client, django_capture_on_commit_callbacks
):
    reporting_round, _ = opened
    other = second_coordinator(reporting_round.programme.region)
    with django_capture_on_commit_callbacks(execute=True):
        submit(_jelgava(reporting_round, addressed), addressed.jelgava_staff)
    assert sorted(m["X-Envelope-To"] for m in smtp_server.messages) == sorted(
        [address("zemgale_coordinator"), other.email]
    )
    message = smtp_server.to(address("zemgale_coordinator"))[0]
    assert subject(message) == "Jelgava: iesniegts 2015. gada pārskats"
    text = body(message)
    assert "Pašvaldība „Jelgava” ir iesniegusi 2015. gada pārskatu (Zemgale)." in text
    response = follow(client, addressed.zemgale_coordinator, text)
    assert response.status_code == 200
    assert response.templates[0].name == "monitoring/review.html"


def test_nobody_is_told_what_they_did_themselves(
    opened, addressed, smtp_server, django_capture_on_commit_callbacks
):
    reporting_round, _ = opened
    with django_capture_on_commit_callbacks(execute=True):
        # The coordinator hands the report in on the municipality's behalf.
        submit(_jelgava(reporting_round, addressed), addressed.zemgale_coordinator)
    assert smtp_server.messages == []


def _reviewed(opened, people, django_capture_on_commit_callbacks, action, **arguments):
    reporting_round, _ = opened
    submitted = submit(_jelgava(reporting_round, people), people.jelgava_staff)
    with django_capture_on_commit_callbacks(execute=True):
        return action(submission=submitted, by=people.zemgale_coordinator, **arguments)


def _only_jelgava_staff(inbox):
    assert [m["X-Envelope-To"] for m in inbox.messages] == [address("jelgava_staff")]
    return inbox.messages[0]


def test_returning_tells_the_staff_with_the_comment(
    opened, addressed, smtp_server, client, django_capture_on_commit_callbacks
):
    smtp_server.messages.clear()
    returned = _reviewed(
        opened,
        addressed,
        django_capture_on_commit_callbacks,
        services.submission_return,
        comment="Papildiniet 1.2. uzdevumu.\nNorādiet skaitu.",
    )
    smtp_server.messages[:] = [
        m for m in smtp_server.messages if m["X-Envelope-To"] != address("zemgale_coordinator")
    ]
    message = _only_jelgava_staff(smtp_server)
    assert subject(message) == "Jelgava: koordinators atgrieza 2015. gada pārskatu"
    text = body(message)
    assert "Koordinatora komentārs:\nPapildiniet 1.2. uzdevumu.\nNorādiet skaitu." in text
    assert f"iesniedziet to vēlreiz līdz {_date(returned.deadline)}." in text
    assert "Papildiniet 1.2. uzdevumu.<br>Norādiet skaitu." in smtp_server.html(message)
    assert follow(client, addressed.jelgava_staff, text).status_code == 200


def test_approving_tells_the_staff_with_the_note(
    opened, addressed, smtp_server, client, django_capture_on_commit_callbacks
):
    _reviewed(
        opened,
        addressed,
        django_capture_on_commit_callbacks,
        services.submission_approve,
        comment="Paldies par rūpību.",
    )
    smtp_server.messages[:] = [
        m for m in smtp_server.messages if m["X-Envelope-To"] != address("zemgale_coordinator")
    ]
    message = _only_jelgava_staff(smtp_server)
    assert subject(message) == "Jelgava: 2015. gada pārskats apstiprināts"
    text = body(message)
    assert "apstiprināja pašvaldības „Jelgava” 2015. gada pārskatu" in text
    assert "Koordinatora piezīme:\nPaldies par rūpību." in text
    assert follow(client, addressed.jelgava_staff, text).status_code == 200


def test_reopening_tells_the_staff_the_reason_and_the_date(
    opened, addressed, smtp_server, client, django_capture_on_commit_callbacks
):
    approved = _reviewed(
        opened, addressed, django_capture_on_commit_callbacks, services.submission_approve
    )
    smtp_server.messages.clear()
    until = timezone.localdate() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_reopen(
            submission=approved,
            by=addressed.zemgale_coordinator,
            reason="Jāprecizē budžets.",
            until=until,
        )
    message = _only_jelgava_staff(smtp_server)
    assert (
        subject(message) == f"Jelgava: 2015. gada pārskats atvērts labojumiem līdz {_date(until)}"
    )
    text = body(message)
    assert f"to var labot un iesniegt vēlreiz līdz {_date(until)}." in text
    assert "Iemesls:\nJāprecizē budžets." in text
    response = follow(client, addressed.jelgava_staff, text)
    assert response.status_code == 200 and response.context["submission"].is_editable()


def _send_due(day):
    notices.due_reminders(day)
    return mail.deliver_due()


def test_a_deadline_reminder_goes_to_the_staff_of_reports_not_handed_in(
    opened, addressed, smtp_server, client
):
    reporting_round, _ = opened
    submit(reporting_round.submissions.get(municipality=addressed.dobele), addressed.dobele_staff)
    smtp_server.messages.clear()
    deadline = reporting_round.deadline
    _send_due(deadline - datetime.timedelta(days=14))
    reminders = [m for m in smtp_server.messages if "termiņš pēc" in subject(m)]
    assert [m["X-Envelope-To"] for m in reminders] == [address("jelgava_staff")]
    assert subject(reminders[0]) == f"Jelgava: pārskata termiņš pēc 14 dienām, {_date(deadline)}"
    text = body(reminders[0])
    assert "Pašvaldības „Jelgava” 2015. gada pārskats vēl nav iesniegts." in text
    assert "Pašreizējais stāvoklis: nav sākts." in text
    assert follow(client, addressed.jelgava_staff, text).status_code == 200


def test_the_last_reminder_on_the_day_of_the_deadline_says_today(opened, addressed, smtp_server):
    reporting_round, _ = opened
    reporting_round.last_reminder = 0
    reporting_round.save()
    _send_due(reporting_round.deadline)
    assert f"Jelgava: pārskata termiņš ir šodien, {_date(reporting_round.deadline)}" in subjects(
        smtp_server, "jelgava_staff"
    )


def test_the_staff_are_told_once_the_deadline_has_passed(opened, addressed, smtp_server, client):
    reporting_round, _ = opened
    deadline = reporting_round.deadline
    _send_due(deadline + datetime.timedelta(days=1))
    expected = f"Jelgava: pārskata termiņš {_date(deadline)} ir pagājis"
    assert subjects(smtp_server, "jelgava_staff") == [expected]
    text = body(smtp_server.to(address("jelgava_staff"))[0])
    assert f"bija jāiesniedz līdz {_date(deadline)}, bet tas nav iesniegts." in text
    assert follow(client, addressed.jelgava_staff, text).status_code == 200


def test_the_daily_digest_tells_the_coordinator_who_is_where(
    opened, addressed, smtp_server, client
):
    reporting_round, _ = opened
    region = reporting_round.programme.region
    second_coordinator(region, digest=False)
    submit(_jelgava(reporting_round, addressed), addressed.jelgava_staff)
    complete(reporting_round.submissions.get(municipality=addressed.dobele), addressed.dobele_staff)
    mail.deliver_due()  # the report submitted, told to the coordinators
    smtp_server.messages.clear()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    _send_due(tomorrow)
    assert [m["X-Envelope-To"] for m in smtp_server.messages] == [address("zemgale_coordinator")]
    message = smtp_server.messages[0]
    assert subject(message) == f"Zemgale 2015: dienas kopsavilkums, {_date(tomorrow)}"
    text = body(message)
    assert (
        f"Iesniegti, gaida jūsu izskatīšanu (1):\n- Jelgava ({_date(timezone.localdate())})" in text
    )
    assert "Tiek aizpildīti vai laboti (1):\n- Dobeles novads (melnraksts)" in text
    assert "Nav sākti (20):" in text
    assert "Apstiprināti: 0 no 22." in text
    assert f"to var izslēgt savos iestatījumos. {SITE_URL}{reverse('accounts:settings')}" in text
    response = follow(client, addressed.zemgale_coordinator, text)
    assert response.status_code == 200 and response.context["round"] == reporting_round


def test_no_digest_on_the_day_the_year_opened_nor_once_every_report_is_approved(
    opened, addressed, smtp_server
):
    reporting_round, _ = opened
    _send_due(timezone.localdate())
    assert smtp_server.messages == []
    reporting_round.submissions.update(state="approved")
    _send_due(timezone.localdate() + datetime.timedelta(days=1))
    assert smtp_server.messages == []


def test_people_without_an_address_or_deactivated_get_nothing(opened, addressed, smtp_server):
    reporting_round, _ = opened
    addressed.jelgava_staff.is_active = False
    addressed.jelgava_staff.save()
    addressed.dobele_staff.email = ""
    addressed.dobele_staff.save()
    _send_due(reporting_round.deadline - datetime.timedelta(days=3))
    assert subjects(smtp_server, "jelgava_staff") == subjects(smtp_server, "dobele_staff") == []


def test_each_message_is_kept_with_its_round_region_and_report(opened, addressed):
    reporting_round, _ = opened
    kept = Message.objects.get(recipient=addressed.jelgava_staff)
    assert (kept.kind, kept.round, kept.region) == (
        Message.Kind.ROUND_OPENED,
        reporting_round,
        reporting_round.programme.region,
    )
    assert kept.submission == _jelgava(reporting_round, addressed)
    assert kept.is_sent and kept.language == "lv"
