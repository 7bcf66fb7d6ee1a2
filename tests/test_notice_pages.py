"""Who was told what, on the pages: the list of e-mail sent (a coordinator's region's, every
region's for a national administrator), the round's page with the last e-mail of each
municipality's staff, and the reminder days the coordinator sets. Their queries are counted
at two sizes."""

import datetime
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring import services
from monitoring.models import Message, ReportingRound
from programmes.models import Programme
from tests.test_submission_queries import SIZES, _setup

pytestmark = pytest.mark.django_db

MESSAGES_URL = reverse("monitoring:messages")
_keys = count()


def _message(submission, user, *, kind="round_opened", sent=True, error="", when=None):
    reporting_round = submission.round
    message = Message.objects.create(
        key=f"test:{next(_keys)}",
        kind=kind,
        recipient=user,
        to=f"{user.username}@example.lv",
        language="lv",
        region=reporting_round.programme.region,
        round=reporting_round,
        submission=submission,
        subject=f"Temats {submission.municipality.name}",
        body="Teksts",
        sent_at=(when or timezone.now()) if sent else None,
        attempts=1 if (sent or error) else 0,
        last_error=error,
    )
    return message


def _latgale_round(people):
    return services.round_open(
        programme=Programme.objects.get(slug="latgale"),
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        by=people.latgale_coordinator,
    )


# --- the list of e-mail sent --------------------------------------------------------------


def test_the_coordinator_sees_her_regions_e_mail_only(client, people, jelgava_submission):
    _message(jelgava_submission, people.jelgava_staff)
    latgale = _latgale_round(people).submissions.first()
    _message(latgale, people.latgale_coordinator, kind="digest")
    client.force_login(people.zemgale_coordinator)
    shown = list(client.get(MESSAGES_URL).context["page"])
    assert [m.submission for m in shown] == [jelgava_submission]
    client.force_login(people.national)
    assert len(client.get(MESSAGES_URL).context["page"]) == 2


@pytest.mark.parametrize("who", ["jelgava_staff", "zemgale_council"])
def test_others_get_404_on_the_list(client, people, who):
    client.force_login(getattr(people, who))
    assert client.get(MESSAGES_URL).status_code == 404


def test_it_says_to_whom_what_when_and_whether_delivered(client, people, jelgava_submission):
    _message(jelgava_submission, people.jelgava_staff, kind="deadline_soon")
    _message(jelgava_submission, people.dobele_staff, sent=False, error="(451, 'vēlāk')")
    _message(jelgava_submission, people.zemgale_council, sent=False)
    client.force_login(people.zemgale_coordinator)
    html = client.get(MESSAGES_URL).content.decode()
    assert "dienests-jelgava@example.lv" in html
    assert "Atgādinājums par termiņu" in html and "Temats Jelgava" in html
    assert "nav nosūtīta: (451, &#x27;vēlāk&#x27;)" in html
    assert "gaida nosūtīšanu" in html


def test_it_shows_one_reporting_year_when_asked(client, people, jelgava_submission):
    _message(jelgava_submission, people.jelgava_staff)
    client.force_login(people.national)
    latgale_round = _latgale_round(people)
    _message(latgale_round.submissions.first(), people.latgale_coordinator)
    response = client.get(MESSAGES_URL, {"round": latgale_round.pk})
    assert response.context["shown_round"] == latgale_round
    assert [m.round for m in response.context["page"]] == [latgale_round]
    # An unknown year shows them all, as no choice does.
    assert len(client.get(MESSAGES_URL, {"round": "x"}).context["page"]) == 2


def test_it_lists_fifty_a_page_newest_first(client, people, jelgava_submission):
    messages = [_message(jelgava_submission, people.jelgava_staff) for _ in range(51)]
    client.force_login(people.zemgale_coordinator)
    first = client.get(MESSAGES_URL).context["page"]
    assert len(first) == 50 and first[0] == messages[-1]
    assert list(client.get(MESSAGES_URL, {"page": 2}).context["page"]) == [messages[0]]


@pytest.mark.parametrize("size", SIZES)
def test_the_list_queries(client, django_assert_num_queries, size):
    reporting_round, submission, staff, coordinator = _setup(*size)
    for s in reporting_round.submissions.all():
        _message(s, staff)
        _message(s, coordinator, kind="submitted", sent=False, error="451")
    client.force_login(coordinator)
    # user, roles, the years to choose from, the count, the page with recipients
    with django_assert_num_queries(5):
        response = client.get(MESSAGES_URL, {"round": reporting_round.pk})
    assert len(response.context["page"]) == 2 * size[-1]


# --- the round's page ---------------------------------------------------------------------


def test_the_round_page_shows_each_municipalitys_last_e_mail(
    client, people, zemgale_round, jelgava_submission
):
    earlier = timezone.now() - datetime.timedelta(days=2)
    _message(jelgava_submission, people.jelgava_staff, kind="deadline_soon", when=earlier)
    _message(jelgava_submission, people.jelgava_staff, kind="returned")
    _message(jelgava_submission, people.zemgale_coordinator, kind="submitted")  # not the staff's
    client.force_login(people.zemgale_coordinator)
    response = client.get(zemgale_round.get_absolute_url())
    jelgava = next(s for s in response.context["submissions"] if s == jelgava_submission)
    assert (jelgava.last_message_kind, jelgava.last_reminder_kind) == ("returned", "deadline_soon")
    html = response.content.decode()
    assert f"Pārskats atgriezts, {timezone.localtime():%d.%m.%Y}" in html
    assert (
        f"pēdējais atgādinājums: atgādinājums par termiņu, {timezone.localtime(earlier):%d.%m.%Y}"
        in html
    )
    assert reverse("monitoring:messages") + f"?round={zemgale_round.pk}" in html


@pytest.mark.parametrize("size", SIZES)
def test_the_round_page_queries_with_e_mail_sent(client, django_assert_num_queries, size):
    reporting_round, _submission, staff, coordinator = _setup(*size)
    for s in reporting_round.submissions.all():
        _message(s, staff, kind="deadline_soon")
        _message(s, staff, kind="returned")
    client.force_login(coordinator)
    # user, roles, round, submissions with their last e-mail (subqueries)
    with django_assert_num_queries(4):
        response = client.get(reporting_round.get_absolute_url())
    assert all(s.last_message_kind == "returned" for s in response.context["submissions"])


# --- the reminder days ---------------------------------------------------------------------


def _reminders(client, reporting_round, first, last):
    url = reverse("monitoring:round-reminders", args=[reporting_round.pk])
    return client.post(url, {"first_reminder": first, "last_reminder": last})


def test_the_coordinator_changes_the_reminder_days(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)
    response = _reminders(client, zemgale_round, "10", "0")
    assert response.status_code == 302
    changed = ReportingRound.objects.get(pk=zemgale_round.pk)
    assert (changed.first_reminder, changed.last_reminder) == (10, 0)
    assert changed.history.latest("history_date").history_user == people.zemgale_coordinator


@pytest.mark.parametrize(
    ("first", "last", "error"),
    [
        ("3", "5", "Pirmajam atgādinājumam jābūt vairāk dienu pirms termiņa nekā pēdējam."),
        ("3", "3", "Pirmajam atgādinājumam jābūt vairāk dienu pirms termiņa nekā pēdējam."),
        ("14", "-1", "Vērtībai jābūt lielākai vai vienādai ar 0."),
        ("", "3", "Šis lauks ir nepieciešams."),
    ],
)
def test_reminder_days_out_of_order_are_refused_in_latvian(
    client, people, zemgale_round, first, last, error
):
    client.force_login(people.zemgale_coordinator)
    response = _reminders(client, zemgale_round, first, last)
    assert response.status_code == 400
    assert error in response.content.decode()
    kept = ReportingRound.objects.get(pk=zemgale_round.pk)
    assert (kept.first_reminder, kept.last_reminder) == (14, 3)


def test_the_year_opens_with_the_reminder_days_chosen(client, people):
    client.force_login(people.zemgale_coordinator)
    deadline = timezone.localdate() + datetime.timedelta(days=40)
    response = client.post(
        reverse("monitoring:round-open", args=["zemgale"]),
        {"year": "2015", "deadline": deadline.isoformat(), "first_reminder": "21"},
    )
    assert response.status_code == 302
    opened = ReportingRound.objects.get()
    assert (opened.first_reminder, opened.last_reminder) == (21, 3)


def test_the_year_is_not_opened_with_reminder_days_out_of_order(client, people):
    client.force_login(people.zemgale_coordinator)
    response = client.post(
        reverse("monitoring:round-open", args=["zemgale"]),
        {
            "year": "2015",
            "deadline": (timezone.localdate() + datetime.timedelta(days=40)).isoformat(),
            "first_reminder": "2",
            "last_reminder": "7",
        },
    )
    assert response.status_code == 400
    assert "Pirmajam atgādinājumam jābūt vairāk dienu" in response.content.decode()
    assert not ReportingRound.objects.exists()
