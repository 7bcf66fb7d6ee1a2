"""What the bad-input tests (tests/test_bad_input_*.py) post to Jelgava's 2015 Zemgale
report, and the report they post it to: the entry form as a browser sends it, the report
brought to a state the way people do it, the review's transitions and the messages a page
shows after a redirect. The names keep the leading underscore they had in
tests/test_bad_input.py, where they came from, so that the tests read as they did."""

import datetime

from django.utils import timezone

from monitoring import services
from monitoring.models import Submission

State = Submission.State


# A deadline may be at most two years ahead (monitoring/rules.py), so the cases that need a
# good one take a day next month rather than 2099-01-01.
NEXT_MONTH = str(timezone.localdate() + datetime.timedelta(days=30))


def _nodes(submission) -> dict[str, int]:
    return {n.code: n.pk for n in services.reportable_nodes(submission.round.programme)}


def _prefixes(submission) -> dict[str, str]:
    """Form prefix by the name the cases use: a task's code, or "indicator" for the first
    indicator (Zemgale's planned results)."""
    prefixes = {code: f"n{pk}" for code, pk in _nodes(submission).items()}
    prefixes["indicator"] = f"i{submission.round.programme.indicators.first().pk}"
    return prefixes


def _form_data(submission, version=None, action="save", **fields):
    """The entry form as a browser sends it, with task 1.1 filled in well (so a refusal is for
    the bad field only) and `fields` by task code ("1.2-quantity") or form name. Zemgale has
    no planned numbers per municipality, so the page has no planned-number fields."""
    prefixes = _prefixes(submission)
    data = {
        f"n{pk}-{name}": ""
        for pk in _nodes(submission).values()
        for name in ("status", "narrative", "quantity")
    }
    data |= {
        "version": submission.version if version is None else version,
        "action": action,
        "projects-TOTAL_FORMS": "1",
        "projects-INITIAL_FORMS": "0",
        "projects-MIN_NUM_FORMS": "0",
        "projects-MAX_NUM_FORMS": "1000",
        "projects-0-currency": "EUR",
    }
    data[f"{prefixes['1.1']}-status"] = "improved"
    data[f"{prefixes['1.1']}-narrative"] = "Atvērts dienas centrs."
    for key, value in fields.items():
        code, _, name = key.rpartition("-")
        data[f"{prefixes[code]}-{name}" if code in prefixes else key] = value
    return data


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _complete(submission, by) -> Submission:
    entries = {pk: {"status": "implemented"} for pk in _nodes(submission).values()}
    return services.submission_save(
        submission=submission,
        by=by,
        version=submission.version,
        data=services.SubmissionData(entries=entries),
    )


def _in_state(submission, state, people) -> Submission:
    """Jelgava's report brought to `state` the way people do it."""
    if state == State.DRAFT:
        return _complete(submission, people.jelgava_staff)
    submitted = services.submission_submit(
        submission=_complete(submission, people.jelgava_staff), by=people.jelgava_staff
    )
    if state == State.SUBMITTED:
        return submitted
    assert state == State.APPROVED
    return services.submission_approve(submission=submitted, by=people.zemgale_coordinator)


TRANSITIONS = {
    "approve": ("monitoring:approve", {}),
    "return": ("monitoring:return", {"comment": "Papildiniet."}),
    "reopen": ("monitoring:reopen", {"reason": "Jāprecizē.", "until": NEXT_MONTH}),
}
