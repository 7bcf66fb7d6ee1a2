"""The coordinator's desk: one decision form at the end of the review (a typed comment is
never lost), approving several reports of a year at once after a confirmation, the year's
reports filtered by state, and reopenings named in the history.

New messages are compared through gettext in Latvian, so the tests hold before and after
their translations are added to locale/lv/LC_MESSAGES/django.po."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import ERROR, WARNING, get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from monitoring import services
from monitoring.models import Membership, Submission
from tests.factories import municipality_create, programme_create
from tests.report_posts import _complete, _in_state

pytestmark = pytest.mark.django_db

State = Submission.State


def lv(message: str) -> str:
    with translation.override("lv"):
        return translation.gettext(message)


def _messages(response, level=None) -> list[str]:
    return [
        str(m) for m in get_messages(response.wsgi_request) if level is None or m.level == level
    ]


@pytest.fixture
def coordinator(client, people):
    client.force_login(people.zemgale_coordinator)
    return people.zemgale_coordinator


@pytest.fixture
def submitted(jelgava_submission, people):
    return _in_state(jelgava_submission, State.SUBMITTED, people)


def _decide(client, submission, action, comment=""):
    return client.post(
        reverse("monitoring:decide", args=[submission.pk]), {"action": action, "comment": comment}
    )


# --- the review page -------------------------------------------------------------------


def test_the_decision_comes_after_the_content_with_a_summary_on_top(client, coordinator, submitted):
    html = client.get(reverse("monitoring:review", args=[submitted.pk])).content.decode()
    summary, tasks = html.index('id="summary-title"'), html.index('id="tasks-title"')
    figures, decision = html.index('id="figures-title"'), html.index('id="decision-title"')
    assert summary < tasks < figures < decision
    decide = reverse("monitoring:decide", args=[submitted.pk])
    assert html.count(f'action="{decide}"') == 1
    assert reverse("monitoring:approve", args=[submitted.pk]) not in html
    assert reverse("monitoring:return", args=[submitted.pk]) not in html
    assert 'href="#decision-title"' in html
    tasks_count = len(services.reportable_nodes(submitted.round.programme))
    assert f"Izpildīts: {tasks_count}" in html  # every task "implemented" (tests/report_posts)
    form = html[decision:]
    assert decide in form
    assert 'value="approve"' in form and 'value="return"' in form


def test_it_approves_through_the_decision_form(client, coordinator, submitted):
    response = _decide(client, submitted, "approve")
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:review", args=[submitted.pk])
    after = Submission.objects.get(pk=submitted.pk)
    assert after.state == State.APPROVED
    assert after.history.latest("history_date").history_change_reason in (None, "")


def test_a_comment_typed_with_an_approval_is_kept_in_the_history(client, coordinator, submitted):
    _decide(client, submitted, "approve", "  Labi aprakstīts 2.3.  ")
    after = Submission.objects.get(pk=submitted.pk)
    assert after.state == State.APPROVED and after.return_comment == ""
    assert after.history.latest("history_date").history_change_reason == "Labi aprakstīts 2.3."
    html = client.get(reverse("monitoring:review", args=[after.pk])).content.decode()
    assert "<q>Labi aprakstīts 2.3.</q>" in html


def test_it_returns_through_the_decision_form(client, coordinator, submitted):
    response = _decide(client, submitted, "return", "Papildiniet 2.3.")
    assert response.status_code == 302
    after = Submission.objects.get(pk=submitted.pk)
    assert (after.state, after.return_comment) == (State.RETURNED, "Papildiniet 2.3.")


def test_a_return_without_a_comment_shows_the_page_again(client, coordinator, submitted):
    response = _decide(client, submitted, "return", "   ")
    assert response.status_code == 400
    assert _messages(response, ERROR) == ["Norādiet, kas jālabo."]
    assert response.context["decision_form"].is_bound
    assert Submission.objects.get(pk=submitted.pk).state == State.SUBMITTED


def test_a_refused_approval_keeps_the_typed_comment(
    client, coordinator, jelgava_submission, people
):
    draft = _in_state(jelgava_submission, State.DRAFT, people)
    response = _decide(client, draft, "approve", "Lūdzu, precizējiet 1.1.")
    assert response.status_code == 400
    assert _messages(response, ERROR) == ["Apstiprināt var tikai iesniegtu pārskatu."]
    assert escape("Lūdzu, precizējiet 1.1.") in response.content.decode()
    assert lv("Your comment, not saved") in response.content.decode()
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_a_return_after_someone_approved_keeps_the_typed_comment(
    client, coordinator, submitted, people
):
    services.submission_approve(submission=submitted, by=people.zemgale_coordinator)
    response = _decide(client, submitted, "return", "Papildiniet 2.3.")
    assert response.status_code == 400
    assert _messages(response, ERROR) == ["Atgriezt var tikai iesniegtu pārskatu."]
    assert "Papildiniet 2.3." in response.content.decode()
    assert Submission.objects.get(pk=submitted.pk).state == State.APPROVED


def test_a_decision_without_a_choice_is_refused(client, coordinator, submitted):
    response = client.post(reverse("monitoring:decide", args=[submitted.pk]), {"comment": "Teksts"})
    assert response.status_code == 400
    assert _messages(response, ERROR) == [lv("Choose to approve or to return the report.")]
    assert "Teksts" in response.content.decode()
    assert Submission.objects.get(pk=submitted.pk).state == State.SUBMITTED


@pytest.mark.parametrize("who", ["latgale_coordinator", "jelgava_staff", "national"])
def test_others_cannot_decide(client, people, submitted, who):
    client.force_login(getattr(people, who))
    assert _decide(client, submitted, "approve").status_code == 404
    assert Submission.objects.get(pk=submitted.pk).state == State.SUBMITTED


# --- the history -------------------------------------------------------------------------


def test_the_history_names_a_reopening(client, coordinator, submitted, people):
    approved = services.submission_approve(submission=submitted, by=people.zemgale_coordinator)
    services.submission_reopen(
        submission=approved,
        by=people.zemgale_coordinator,
        reason="Jāprecizē budžets.",
        until=timezone.localdate() + datetime.timedelta(days=7),
    )
    html = client.get(reverse("monitoring:review", args=[submitted.pk])).content.decode()
    assert f"{lv('Reopened')} — <q>Jāprecizē budžets.</q>" in html
    # The drafts saved before it are drafts still; the staff's page names the reopening too.
    assert "Melnraksts\n" in html or "Melnraksts</li>" in html
    client.force_login(people.jelgava_staff)
    html = client.get(submitted.get_absolute_url()).content.decode()
    assert f"{lv('Reopened')} — <q>Jāprecizē budžets.</q>" in html


def test_only_a_draft_with_a_reason_is_a_reopening(submitted):
    records = list(submitted.history.order_by("history_date"))
    assert records  # the drafts saved and the submission, so the check below reads something
    assert [services.is_reopening(r) for r in records] == [False] * len(records)


# --- approving several at once ----------------------------------------------------------


@pytest.fixture
def two_submitted(zemgale_round, submitted, people):
    """Jelgava's and Dobele's reports submitted; every other municipality's not started."""
    dobele = zemgale_round.submissions.get(municipality=people.dobele)
    saved = _complete(dobele, people.dobele_staff)
    return submitted, services.submission_submit(submission=saved, by=people.dobele_staff)


def _bulk(client, reporting_round, submissions, confirm=False):
    data = {"submissions": [s.pk for s in submissions]}
    if confirm:
        data["confirm"] = "1"
    return client.post(reverse("monitoring:round-approve", args=[reporting_round.pk]), data)


def test_the_round_page_offers_only_submitted_reports_to_approve(
    client, coordinator, zemgale_round, two_submitted
):
    html = client.get(zemgale_round.get_absolute_url()).content.decode()
    assert html.count('name="submissions"') == 2
    assert reverse("monitoring:round-approve", args=[zemgale_round.pk]) in html


def test_bulk_approval_asks_for_confirmation_first(
    client, coordinator, zemgale_round, two_submitted, people
):
    not_started = zemgale_round.submissions.get(municipality__name="Bauskas novads")
    response = _bulk(client, zemgale_round, [*two_submitted, not_started])
    assert response.status_code == 200
    assert set(response.context["ready"]) == set(two_submitted)
    assert response.context["left"] == [not_started]
    html = response.content.decode()
    assert 'name="confirm"' in html and html.count('name="submissions"') == 2
    assert not_started.municipality.name in html
    assert {s.state for s in Submission.objects.filter(round=zemgale_round)} == {
        State.SUBMITTED,
        State.NOT_STARTED,
    }


def test_bulk_approval_approves_only_the_submitted_ones(
    client, coordinator, zemgale_round, two_submitted
):
    not_started = zemgale_round.submissions.get(municipality__name="Bauskas novads")
    response = _bulk(client, zemgale_round, [*two_submitted, not_started], confirm=True)
    assert response.status_code == 302
    assert response["Location"] == zemgale_round.get_absolute_url()
    states = dict(zemgale_round.submissions.values_list("pk", "state"))
    assert [states[s.pk] for s in two_submitted] == [State.APPROVED, State.APPROVED]
    assert states[not_started.pk] == State.NOT_STARTED
    for submission in two_submitted:
        last = submission.history.latest("history_date")
        assert (last.state, last.history_user) == (State.APPROVED, coordinator)
    [warning] = _messages(response, WARNING)
    assert "Bauskas novads" in warning


def test_bulk_approval_of_nothing_chosen_goes_back_with_a_message(
    client, coordinator, zemgale_round
):
    response = _bulk(client, zemgale_round, [])
    assert response.status_code == 302
    assert _messages(response, ERROR) == [lv("Choose the submitted reports to approve.")]


def test_bulk_approval_refuses_another_years_report(client, coordinator, zemgale_round, people):
    other_round = services.round_open(
        programme=zemgale_round.programme,
        year=2016,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        by=people.zemgale_coordinator,
    )
    foreign = other_round.submissions.first()
    response = _bulk(client, zemgale_round, [foreign], confirm=True)
    assert response.status_code == 302
    assert _messages(response, ERROR)


@pytest.mark.parametrize("who", ["latgale_coordinator", "national", "jelgava_staff"])
def test_others_cannot_approve_in_bulk(client, people, zemgale_round, two_submitted, who):
    client.force_login(getattr(people, who))
    assert _bulk(client, zemgale_round, two_submitted, confirm=True).status_code == 404
    assert Submission.objects.filter(state=State.APPROVED).count() == 0


# --- the year's reports filtered by state ----------------------------------------------


def test_the_round_page_filters_by_state(client, coordinator, zemgale_round, two_submitted):
    response = client.get(zemgale_round.get_absolute_url(), {"state": "submitted"})
    assert [s.pk for s in response.context["submissions"]] == sorted(
        (s.pk for s in two_submitted),
        key=lambda pk: Submission.objects.get(pk=pk).municipality.name,
    )
    html = response.content.decode()
    assert 'href="?state=submitted" aria-current="true"' in html
    assert 'href="?state=approved"' in html  # every state's count is a link
    total = zemgale_round.submissions.count()
    assert f"<dd>{total}</dd>" not in html  # the total is a link too
    assert response.context["total"] == total


@pytest.mark.parametrize("state", ["", "nonsense", "APPROVED"])
def test_an_unknown_state_shows_all(client, coordinator, zemgale_round, state):
    response = client.get(zemgale_round.get_absolute_url(), {"state": state})
    assert response.context["shown_state"] is None
    assert len(response.context["submissions"]) == zemgale_round.submissions.count()


def test_a_state_none_is_in_says_so(client, coordinator, zemgale_round):
    response = client.get(zemgale_round.get_absolute_url(), {"state": "approved"})
    assert response.context["submissions"] == []
    assert lv("No municipality's report is in this state.") in response.content.decode()


# --- query budgets -----------------------------------------------------------------------

SIZES = [(1, 2, 1, 2), (3, 6, 4, 20)]  # blocks, tasks per block, indicators, municipalities


def _round_with_submitted(blocks, tasks, indicators, municipalities):
    programme = programme_create(blocks=blocks, tasks_per_block=tasks, indicators=indicators)
    towns = [municipality_create(programme.region) for _ in range(municipalities)]
    User = get_user_model()
    coordinator = User.objects.create_user(f"k-{programme.pk}")
    Membership.objects.create(user=coordinator, role="coordinator", region=programme.region)
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        by=coordinator,
    )
    entries = {n.pk: {"status": "implemented"} for n in services.reportable_nodes(programme)}
    for submission in reporting_round.submissions.all():
        saved = services.submission_save(
            submission=submission,
            by=coordinator,
            version=0,
            data=services.SubmissionData(entries=entries),
        )
        services.submission_submit(submission=saved, by=coordinator)
    return reporting_round, coordinator, towns


@pytest.mark.parametrize("size", SIZES)
def test_bulk_confirmation_page_queries(client, django_assert_num_queries, size):
    reporting_round, coordinator, towns = _round_with_submitted(*size)
    client.force_login(coordinator)
    chosen = list(reporting_round.submissions.values_list("pk", flat=True))
    url = reverse("monitoring:round-approve", args=[reporting_round.pk])
    # user, roles, round, the chosen submissions
    with django_assert_num_queries(4):
        response = client.post(url, {"submissions": chosen})
    assert response.status_code == 200
    assert len(response.context["ready"]) == len(towns)


@pytest.mark.parametrize("size", SIZES)
def test_filtered_round_page_queries(client, django_assert_num_queries, size):
    reporting_round, coordinator, towns = _round_with_submitted(*size)
    client.force_login(coordinator)
    # user, roles, round, submissions: the same as unfiltered
    with django_assert_num_queries(4):
        response = client.get(reporting_round.get_absolute_url(), {"state": "submitted"})
    assert len(response.context["submissions"]) == len(towns)


def test_a_long_return_comment_is_kept_whole_in_the_history(people, zemgale_round):
    """Return comments run to 5000 characters; the history once held 100 (PostgreSQL refused
    more), so a coordinator's long comment failed the return."""
    submission = zemgale_round.submissions.get(municipality=people.jelgava)
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.SUBMITTED)
    submission.refresh_from_db()
    comment = "Lūdzu, papildiniet uzdevuma 1.1 aprakstu. " * 40
    services.submission_return(
        submission=submission, by=people.zemgale_coordinator, comment=comment
    )
    record = submission.history.latest("history_date")
    assert record.history_change_reason == comment.strip()
