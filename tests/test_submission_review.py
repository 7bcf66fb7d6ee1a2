"""The coordinator reviews: approve, or return with a comment; reopen with a reason."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from monitoring import services
from monitoring.models import ProgressEntry, Submission
from monitoring.services import reportable_nodes

pytestmark = pytest.mark.django_db

State = Submission.State


def _complete(submission, by, status="implemented"):
    entries = {n.pk: {"status": status} for n in reportable_nodes(submission.round.programme)}
    entries[next(iter(entries))]["narrative"] = "Pakalpojums paplašināts."
    data = services.SubmissionData(entries=entries)
    saved = services.submission_save(
        submission=submission, by=by, version=submission.version, data=data
    )
    return services.submission_submit(submission=saved, by=by)


@pytest.fixture
def submitted(jelgava_submission, people):
    return _complete(jelgava_submission, people.jelgava_staff)


def test_it_approves_a_submitted_report(submitted, people):
    approved = services.submission_approve(submission=submitted, by=people.zemgale_coordinator)
    assert approved.state == State.APPROVED
    assert approved.approved_at is not None
    assert not approved.is_editable()


def test_it_returns_with_comment(submitted, people):
    returned = services.submission_return(
        submission=submitted, by=people.zemgale_coordinator, comment="Papildiniet 2.3."
    )
    assert returned.state == State.RETURNED
    assert returned.return_comment == "Papildiniet 2.3."
    last = returned.history.latest("history_date")
    assert (last.state, last.history_change_reason) == ("returned", "Papildiniet 2.3.")
    assert last.history_user == people.zemgale_coordinator


def test_a_return_needs_a_comment(submitted, people):
    with pytest.raises(ValidationError):
        services.submission_return(submission=submitted, by=people.zemgale_coordinator, comment=" ")
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_returned_becomes_a_draft_again_when_staff_save(submitted, people):
    returned = services.submission_return(
        submission=submitted, by=people.zemgale_coordinator, comment="Labojiet."
    )
    saved = services.submission_save(
        submission=returned,
        by=people.jelgava_staff,
        version=returned.version,
        data=services.SubmissionData(),
    )
    assert saved.state == State.DRAFT


@pytest.mark.parametrize(
    "who", ["latgale_coordinator", "jelgava_staff", "dobele_staff", "zemgale_council", "national"]
)
def test_only_the_regions_coordinator_approves(submitted, people, who):
    with pytest.raises(PermissionDenied):
        services.submission_approve(submission=submitted, by=getattr(people, who))
    with pytest.raises(PermissionDenied):
        services.submission_return(submission=submitted, by=getattr(people, who), comment="x")
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


@pytest.mark.parametrize("state", [State.NOT_STARTED, State.DRAFT, State.RETURNED])
def test_only_a_submitted_report_can_be_approved_or_returned(jelgava_submission, people, state):
    Submission.objects.filter(pk=jelgava_submission.pk).update(state=state)
    jelgava_submission.refresh_from_db()
    with pytest.raises(services.InvalidTransition):
        services.submission_approve(submission=jelgava_submission, by=people.zemgale_coordinator)
    with pytest.raises(services.InvalidTransition):
        services.submission_return(
            submission=jelgava_submission, by=people.zemgale_coordinator, comment="x"
        )


def test_an_approved_report_is_locked_until_reopened_with_a_reason(submitted, people):
    approved = services.submission_approve(submission=submitted, by=people.zemgale_coordinator)
    with pytest.raises(PermissionDenied):
        services.submission_save(
            submission=approved,
            by=people.jelgava_staff,
            version=approved.version,
            data=services.SubmissionData(),
        )
    with pytest.raises(PermissionDenied):
        services.submission_reopen(
            submission=approved,
            by=people.jelgava_staff,
            reason="x",
            until=timezone.localdate(),
        )
    reopened = services.submission_reopen(
        submission=approved,
        by=people.zemgale_coordinator,
        reason="Jāprecizē budžets.",
        until=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert reopened.state == State.DRAFT and reopened.is_editable()
    assert reopened.history.latest("history_date").history_change_reason == "Jāprecizē budžets."


def test_a_report_past_its_deadline_is_locked(jelgava_submission, people):
    round_ = jelgava_submission.round
    round_.deadline = timezone.localdate() - datetime.timedelta(days=1)
    round_.save()
    jelgava_submission.refresh_from_db()
    assert jelgava_submission.is_overdue()
    with pytest.raises(PermissionDenied):
        services.submission_save(
            submission=jelgava_submission,
            by=people.jelgava_staff,
            version=0,
            data=services.SubmissionData(),
        )
    reopened = services.submission_reopen(
        submission=jelgava_submission,
        by=people.zemgale_coordinator,
        reason="Slimības dēļ.",
        until=timezone.localdate() + datetime.timedelta(days=3),
    )
    assert reopened.is_editable() and reopened.deadline > timezone.localdate()


def test_reopen_needs_a_reason(submitted, people):
    approved = services.submission_approve(submission=submitted, by=people.zemgale_coordinator)
    with pytest.raises(ValidationError):
        services.submission_reopen(
            submission=approved,
            by=people.zemgale_coordinator,
            reason="",
            until=timezone.localdate() + datetime.timedelta(days=3),
        )


def test_the_review_page_shows_this_year_beside_last_year(client, people, submitted):
    ProgressEntry.objects.create(
        node=reportable_nodes(submitted.round.programme)[0],
        municipality=people.jelgava,
        year=2014,
        status="partial",
        narrative="Iepriekšējā gada teksts.",
    )
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("monitoring:review", args=[submitted.pk])).content.decode()
    assert "Iepriekšējā gada teksts." in html
    assert "Pakalpojums paplašināts." in html
    assert "Mainījies kopš iepriekšējā gada" in html


def test_the_coordinator_returns_through_the_page_and_staff_see_the_comment(
    client, people, submitted
):
    client.force_login(people.zemgale_coordinator)
    client.post(reverse("monitoring:return", args=[submitted.pk]), {"comment": "Precizējiet 2.3."})
    client.force_login(people.jelgava_staff)
    html = client.get(submitted.get_absolute_url()).content.decode()
    assert "Precizējiet 2.3." in html
    assert "<textarea" in html


@pytest.mark.parametrize("who", ["latgale_coordinator", "jelgava_staff", "zemgale_council"])
def test_others_cannot_review(client, people, submitted, who):
    client.force_login(getattr(people, who))
    assert client.get(reverse("monitoring:review", args=[submitted.pk])).status_code == 404
    assert client.post(reverse("monitoring:approve", args=[submitted.pk])).status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_the_national_administrator_reads_but_does_not_review(client, people, submitted):
    client.force_login(people.national)
    assert client.get(submitted.get_absolute_url()).status_code == 200
    assert client.get(reverse("monitoring:review", args=[submitted.pk])).status_code == 404


def test_the_council_does_not_see_submissions(client, people, submitted):
    client.force_login(people.zemgale_council)
    assert client.get(submitted.get_absolute_url()).status_code == 404
