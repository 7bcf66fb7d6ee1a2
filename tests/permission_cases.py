"""The cases of tests/test_permission_effects.py: for each state-changing URL, how to arrange a
state where the change is possible, what to post, and what the allowed user's post must have
changed (`CASES`: name → (allowed users, arrange))."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from monitoring import downloads, services, surveys, workbook_views
from monitoring.models import (
    FormDraft,
    ProgressEntry,
    ReportingRound,
    Submission,
    SurveyRespondent,
)
from monitoring.workbook.writing import submission_workbook
from municipalities.models import Municipality
from programmes.models import Programme, ProgrammeNode
from reports.models import ReviewPdf, ReviewText, ReviewVersion
from tests.account_permission_cases import ACCOUNT_CASES
from tests.factories import review_version_create
from tests.region_permission_cases import REGION_CASES
from tests.report_posts import NEXT_MONTH, TRANSITIONS, _form_data, _in_state, _nodes
from tests.survey_setup import zemgale_survey

State = Submission.State

# POSTs that change no data. (The workbook upload changes none either, but it keeps the parsed
# workbook in the session: its case below checks that, and that the data is untouched.)
HARMLESS = {"login", "logout", "set_language"}


@dataclass(frozen=True)
class Case:
    url: str
    data: dict
    done: Callable[[object], None]  # done(user): asserts what the allowed `user` changed
    status: int = 302  # the allowed user's answer
    saves: bool = True  # False: not even the allowed user changes the data


def _user(people, name):
    return getattr(people, name)


def _latest(submission: Submission):
    return submission.history.latest("history_date")


# --- the cases: each brings the data to a state where the change is possible ------------


def _transition(name: str, start: str, effect: Callable) -> Callable:
    """approve/return/reopen on Jelgava's report brought to `start`."""

    def arrange(people, submission, client) -> Case:
        before = _in_state(submission, start, people)
        history = before.history.count()
        url_name, data = TRANSITIONS[name]

        def done(user):
            after = Submission.objects.get(pk=before.pk)
            assert after.version == before.version + 1
            assert after.history.count() == history + 1
            assert _latest(after).history_user == user
            effect(after)

        return Case(reverse(url_name, args=[before.pk]), data, done)

    return arrange


def _approved(after):
    assert after.state == State.APPROVED and after.approved_at is not None


def _returned(after):
    assert after.state == State.RETURNED and after.return_comment == "Papildiniet."
    assert _latest(after).history_change_reason == "Papildiniet."


def _reopened(after):
    assert after.state == State.DRAFT and after.approved_at is None
    assert after.extended_until == datetime.date.fromisoformat(NEXT_MONTH)
    assert _latest(after).history_change_reason == "Jāprecizē."


def _decide(action: str, comment: str, effect: Callable) -> Callable:
    """The review's one decision form on Jelgava's submitted report."""

    def arrange(people, submission, client) -> Case:
        before = _in_state(submission, State.SUBMITTED, people)
        history = before.history.count()

        def done(user):
            after = Submission.objects.get(pk=before.pk)
            assert after.version == before.version + 1
            assert after.history.count() == history + 1
            assert _latest(after).history_user == user
            effect(after)

        return Case(
            reverse("monitoring:decide", args=[before.pk]),
            {"action": action, "comment": comment},
            done,
        )

    return arrange


def _round_approve(people, submission, client) -> Case:
    """Jelgava's report submitted, Dobele's a draft: both chosen, the approval confirmed."""
    jelgava = _in_state(submission, State.SUBMITTED, people)
    dobele = submission.round.submissions.get(municipality=people.dobele)

    def done(user):
        after = Submission.objects.get(pk=jelgava.pk)
        assert after.state == State.APPROVED and _latest(after).history_user == user
        assert Submission.objects.get(pk=dobele.pk).state == dobele.state

    return Case(
        reverse("monitoring:round-approve", args=[submission.round.pk]),
        {"submissions": [jelgava.pk, dobele.pk], "confirm": "1"},
        done,
    )


def _entry(submission, code):
    return ProgressEntry.objects.get(
        node=ProgrammeNode.objects.get(programme__slug="zemgale", code=code),
        municipality=submission.municipality,
        year=2015,
    )


def _saved_as_draft(by_version: int, narrative: str):
    def check(submission, user):
        after = Submission.objects.get(pk=submission.pk)
        assert (after.state, after.version) == (State.DRAFT, by_version)
        assert after.updated_by == user
        entry = _entry(submission, "1.1")
        assert entry.narrative == narrative
        assert entry.history.get().history_user == user

    return check


def _save(people, submission, client) -> Case:
    check = _saved_as_draft(1, "Atvērts dienas centrs.")
    return Case(
        reverse("monitoring:submission", args=[submission.pk]),
        _form_data(submission),
        lambda user: check(submission, user),
    )


def _autosave(people, submission, client) -> Case:
    def done(user):
        kept = FormDraft.objects.get(submission=submission, user=user)
        assert kept.data["version"] == [str(submission.version)]

    return Case(
        reverse("monitoring:autosave", args=[submission.pk]),
        _form_data(submission),
        done,
        status=200,
        saves=False,  # the report is untouched: only the person's input is kept
    )


def _autosave_discard(people, submission, client) -> Case:
    for user in (people.jelgava_staff, people.zemgale_coordinator):
        FormDraft.objects.create(submission=submission, user=user, data={"version": ["0"]})

    def done(user):
        assert list(FormDraft.objects.values_list("user", flat=True)) == [
            other.pk
            for other in (people.jelgava_staff, people.zemgale_coordinator)
            if other != user
        ]

    return Case(reverse("monitoring:autosave-discard", args=[submission.pk]), {}, done, saves=False)


def _submit(people, submission, client) -> Case:
    draft = _in_state(submission, State.DRAFT, people)
    statuses = {f"{code}-status": "implemented" for code in _nodes(draft) if code != "1.1"}

    def done(user):
        after = Submission.objects.get(pk=draft.pk)
        assert after.state == State.SUBMITTED and after.submitted_at is not None
        assert after.version == draft.version + 2  # the save, then the hand-in
        assert _latest(after).history_user == user

    return Case(
        reverse("monitoring:submission", args=[draft.pk]),
        _form_data(draft, action="submit", **statuses),
        done,
    )


def _changed_workbook(submission) -> SimpleUploadedFile:
    book = openpyxl.load_workbook(io.BytesIO(submission_workbook(submission)))
    tasks = book["Uzdevumi"]
    row = next(r[0].row for r in tasks.iter_rows(min_row=2) if r[0].value == "1.2")
    tasks.cell(row, 3, "izpildīts")
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("jelgava-2015.xlsx", buffer.getvalue(), downloads.XLSX)


def _upload(people, submission, client) -> Case:
    def done(user):
        pending = client.session.get(workbook_views.SESSION_KEY, {})
        assert [stored["submission"] for stored in pending.values()] == [submission.pk]

    return Case(
        reverse("monitoring:workbook-upload", args=[submission.pk]),
        {"workbook": _changed_workbook(submission)},
        done,
        status=200,  # the preview
        saves=False,  # until it is confirmed
    )


TOKEN = "a-pending-upload"


def _confirm(people, submission, client) -> Case:
    node = ProgrammeNode.objects.get(programme__slug="zemgale", code="1.1")
    data = services.SubmissionData(
        entries={node.pk: {"status": "partial", "narrative": "No darbgrāmatas."}}
    )
    session = client.session
    session[workbook_views.SESSION_KEY] = {
        TOKEN: {
            "submission": submission.pk,
            "version": submission.version,
            "data": workbook_views.data_to_json(data),
        }
    }
    session.save()
    check = _saved_as_draft(1, "No darbgrāmatas.")

    def done(user):
        check(submission, user)
        assert TOKEN not in client.session[workbook_views.SESSION_KEY]  # used once

    return Case(
        reverse("monitoring:workbook-confirm", args=[submission.pk]), {"token": TOKEN}, done
    )


def _round_open(people, submission, client) -> Case:
    def done(user):
        opened = ReportingRound.objects.get(programme__slug="zemgale", year=2016)
        assert opened.opened_by == user
        region = opened.programme.region
        expected = Municipality.objects.filter(region=region).active_in_year(2016).count()
        assert expected and opened.submissions.count() == expected
        assert opened.history.get().history_user == user

    return Case(
        reverse("monitoring:round-open", args=["zemgale"]),
        {"year": "2016", "deadline": NEXT_MONTH},
        done,
    )


def _region_entries(people, submission, client) -> Case:
    hotline = ProgrammeNode.objects.get(programme__slug="zemgale", code="1.11")

    def done(user):
        entry = ProgressEntry.objects.get(node=hotline, municipality__isnull=True, year=2015)
        assert (entry.status, entry.narrative) == ("not_implemented", "Nav līdzekļu.")
        assert entry.history.get().history_user == user

    return Case(
        reverse("monitoring:region-entries", args=[submission.round.pk]),
        {f"n{hotline.pk}-status": "not_implemented", f"n{hotline.pk}-narrative": "Nav līdzekļu."},
        done,
    )


def _round_reminders(people, submission, client) -> Case:
    def done(user):
        changed = ReportingRound.objects.get(pk=submission.round_id)
        assert (changed.first_reminder, changed.last_reminder) == (10, 1)
        assert changed.history.latest("history_date").history_user == user

    return Case(
        reverse("monitoring:round-reminders", args=[submission.round_id]),
        {"first_reminder": "10", "last_reminder": "1"},
        done,
    )


# The reviews are tested on Zemgale 2014: published data, no reporting round, so a final
# version needs no confirmation that reports are missing.
REVIEW = ["zemgale", 2014]


def _review_text(people, submission, client) -> Case:
    texts = ReviewText.history.count()

    def done(user):
        text = ReviewText.objects.get(programme__slug="zemgale", year=2014)
        assert text.conclusions == "Jauni secinājumi."
        assert ReviewText.history.count() == texts + 1
        assert text.history.latest("history_date").history_user == user

    return Case(
        reverse("reports:review", args=REVIEW),
        {"conclusions": "Jauni secinājumi.", "next_steps": ""},
        done,
    )


def _finalise(people, submission, client) -> Case:
    versions = ReviewVersion.objects.count()

    def done(user):
        assert ReviewVersion.objects.count() == versions + 1
        version = ReviewVersion.objects.latest("created_at")
        assert (version.programme.slug, version.year) == ("zemgale", 2014)
        assert (version.created_by, version.incomplete) == (user, False)
        assert bytes(version.pdf).startswith(b"%PDF")

    return Case(reverse("reports:finalise", args=REVIEW), {}, done)


def _pdf_retry(people, submission, client) -> Case:
    failed = ReviewPdf.objects.create(
        programme=Programme.objects.get(slug="zemgale"),
        year=2014,
        html="<p>Pārskats</p>",
        html_sha256="f" * 64,
        requested_at=timezone.now() - datetime.timedelta(hours=1),
        error="OSError: disk full",
    )

    def done(user):
        # Tasks run inside the request in the tests (tests/conftest.py): asked again, made.
        after = ReviewPdf.objects.get(pk=failed.pk)
        assert after.error == "" and after.finished_at is not None
        assert bytes(after.pdf).startswith(b"%PDF")

    return Case(reverse("reports:pdf-prepared", args=[*REVIEW, failed.pk]), {}, done)


def _version_decision(people, submission, client) -> Case:
    version = review_version_create(
        Programme.objects.get(slug="zemgale"), by=people.zemgale_coordinator
    )
    today = timezone.localdate()

    def done(user):
        after = ReviewVersion.objects.get(pk=version.pk)
        assert (after.decision_date, after.decision_number) == (today, "12")
        assert after.decision_recorded_by == user and after.decision_recorded_at is not None
        assert (bytes(after.pdf), after.sha256) == (b"%PDF", "0" * 64)

    return Case(
        reverse("reports:version-decision", args=[*REVIEW, version.pk]),
        {"date": today.isoformat(), "number": "12"},
        done,
    )


def _link_reissue(people, submission, client) -> Case:
    """A provider of Zemgale's survey with its link: a new one is issued, the old one opens
    nothing any more."""
    survey = zemgale_survey(people.zemgale_coordinator)
    issued = surveys.provider_add(
        survey=survey, name="Biedrība „Atbalsts”", by=people.zemgale_coordinator
    )
    before = issued.respondent

    def done(user):
        after = SurveyRespondent.objects.get(pk=before.pk)
        assert after.token_hash and after.token_hash != before.token_hash
        assert after.link_issued_at >= before.link_issued_at
        assert surveys.respondent_by_token(issued.token) is None

    return Case(
        reverse("monitoring:survey-link-reissue", args=[before.pk]),
        {},
        done,
        status=200,  # the page showing the new link, this once
    )


# URL name[#action]: (the users allowed, how to arrange the case)
CASES = {
    "monitoring:approve": (
        {"zemgale_coordinator"},
        _transition("approve", State.SUBMITTED, _approved),
    ),
    "monitoring:return": (
        {"zemgale_coordinator"},
        _transition("return", State.SUBMITTED, _returned),
    ),
    "monitoring:reopen": (
        {"zemgale_coordinator"},
        _transition("reopen", State.APPROVED, _reopened),
    ),
    "monitoring:decide#approve": ({"zemgale_coordinator"}, _decide("approve", "", _approved)),
    "monitoring:decide#return": (
        {"zemgale_coordinator"},
        _decide("return", "Papildiniet.", _returned),
    ),
    "monitoring:round-approve": ({"zemgale_coordinator"}, _round_approve),
    "monitoring:submission#save": ({"jelgava_staff", "zemgale_coordinator"}, _save),
    "monitoring:autosave": ({"jelgava_staff", "zemgale_coordinator"}, _autosave),
    "monitoring:autosave-discard": ({"jelgava_staff", "zemgale_coordinator"}, _autosave_discard),
    "monitoring:submission#submit": ({"jelgava_staff", "zemgale_coordinator"}, _submit),
    "monitoring:workbook-upload": ({"jelgava_staff", "zemgale_coordinator"}, _upload),
    "monitoring:workbook-confirm": ({"jelgava_staff", "zemgale_coordinator"}, _confirm),
    "monitoring:round-open": ({"zemgale_coordinator"}, _round_open),
    "monitoring:region-entries": ({"zemgale_coordinator"}, _region_entries),
    "monitoring:round-reminders": ({"zemgale_coordinator"}, _round_reminders),
    "reports:review": ({"zemgale_coordinator"}, _review_text),
    "reports:finalise": ({"zemgale_coordinator"}, _finalise),
    "reports:pdf-prepared": ({"zemgale_coordinator", "zemgale_council", "national"}, _pdf_retry),
    "reports:version-decision": ({"zemgale_coordinator"}, _version_decision),
    "monitoring:survey-link-reissue": ({"zemgale_coordinator"}, _link_reissue),
    **REGION_CASES,
    **ACCOUNT_CASES,
}
