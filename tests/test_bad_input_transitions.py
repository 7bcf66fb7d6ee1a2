"""A step of the report's workflow that its state does not allow is refused with a clear
Latvian message and changes nothing: approving or returning what is not handed in, returning
without a comment, reopening too early, without a reason or until a bad date, saving or
submitting a handed-in report, submitting from a page opened before the approval. Every case
compares `snapshot()` (every report row and every history table's size) before and after; the
messages are the Latvian ones of locale/lv/LC_MESSAGES/django.po, written out so that a missing
or changed translation shows up here."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape

from monitoring import rules, services
from monitoring.models import Submission
from tests.report_posts import (
    NEXT_MONTH,
    TRANSITIONS,
    State,
    _complete,
    _form_data,
    _in_state,
    _messages,
)
from tests.snapshot import snapshot

pytestmark = pytest.mark.django_db


REFUSED_TRANSITIONS = {
    "approve a draft": (State.DRAFT, "approve", {}, "Apstiprināt var tikai iesniegtu pārskatu."),
    "approve an approved one": (
        State.APPROVED,
        "approve",
        {},
        "Apstiprināt var tikai iesniegtu pārskatu.",
    ),
    "return a draft": (
        State.DRAFT,
        "return",
        {"comment": "Labojiet."},
        "Atgriezt var tikai iesniegtu pārskatu.",
    ),
    "return an approved one": (
        State.APPROVED,
        "return",
        {"comment": "Labojiet."},
        "Atgriezt var tikai iesniegtu pārskatu.",
    ),
    "return without a comment": (
        State.SUBMITTED,
        "return",
        {"comment": "  "},
        "Norādiet, kas jālabo.",
    ),
    "reopen a submitted one before the deadline": (
        State.SUBMITTED,
        "reopen",
        {"reason": "Jāprecizē.", "until": NEXT_MONTH},
        "Atkārtoti atvērt var tikai apstiprinātu pārskatu vai pārskatu, kura termiņš ir beidzies.",
    ),
    "reopen without a reason": (
        State.APPROVED,
        "reopen",
        {"reason": "", "until": NEXT_MONTH},
        "Norādiet atkārtotas atvēršanas iemeslu un datumu.",
    ),
    "reopen until a day that is not a date": (
        State.APPROVED,
        "reopen",
        {"reason": "Jāprecizē.", "until": "rīt"},
        "„rīt” nav datums.",
    ),
    "reopen until yesterday": (
        State.APPROVED,
        "reopen",
        {"reason": "Jāprecizē.", "until": "yesterday"},
        "Jaunais termiņš nevar būt pagātnē.",
    ),
    "reopen until the end of time": (
        State.APPROVED,
        "reopen",
        {"reason": "Jāprecizē.", "until": "9999-12-31"},
        "Datums nevar būt vēlāks par {two_years}, divus gadus no šodienas.",
    ),
}


@pytest.mark.parametrize(
    ("state", "transition", "data", "message"),
    REFUSED_TRANSITIONS.values(),
    ids=REFUSED_TRANSITIONS.keys(),
)
def test_a_transition_the_state_does_not_allow_is_refused_with_a_message(
    client, people, jelgava_submission, state, transition, data, message
):
    submission = _in_state(jelgava_submission, state, people)
    if data.get("until") == "yesterday":
        data = {**data, "until": str(timezone.localdate() - datetime.timedelta(days=1))}
    # The latest day allowed, as the message writes it (monitoring/rules.py: two years ahead).
    latest = formats.date_format(rules.DateRule.bounds()[1], "SHORT_DATE_FORMAT")
    message = message.format(two_years=latest)
    url_name, _data = TRANSITIONS[transition]
    client.force_login(people.zemgale_coordinator)
    before = snapshot()

    response = client.post(reverse(url_name, args=[submission.pk]), data, follow=True)

    assert response.redirect_chain == [(reverse("monitoring:review", args=[submission.pk]), 302)]
    assert _messages(response) == [message]
    assert escape(message) in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("state", [State.SUBMITTED, State.APPROVED])
def test_a_handed_in_report_cannot_be_saved_or_submitted_again(
    client, people, jelgava_submission, state
):
    submission = _in_state(jelgava_submission, state, people)
    client.force_login(people.jelgava_staff)
    before = snapshot()

    for action in ("save", "submit"):
        response = client.post(submission.get_absolute_url(), _form_data(submission, action=action))
        assert response.status_code == 404
    assert snapshot() == before


def test_submitting_from_a_page_opened_before_approval_is_refused(people, jelgava_submission):
    """The staff member's copy still says draft; the report was approved meanwhile."""
    stale = _complete(jelgava_submission, people.jelgava_staff)
    _in_state(Submission.objects.get(pk=stale.pk), State.APPROVED, people)
    before = snapshot()

    with translation.override("lv"), pytest.raises(services.InvalidTransition) as refused:
        services.submission_submit(submission=stale, by=people.jelgava_staff)

    assert str(refused.value) == "Iesniegt var tikai melnrakstu."
    assert snapshot() == before
