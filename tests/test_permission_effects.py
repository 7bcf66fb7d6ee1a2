"""Every state-changing URL × the seven named users of the matrix → what it did to the data.

A redirect says nothing on its own: the workflow views redirect both when they did the change
and when they refused it with a message. So each case starts from a state where the change is
possible, and then asserts on the database: an allowed user changed exactly what the URL is
for (and was shown no error); any other user got 404 (anonymous: the login page) and the
reported data, the reviews and the pending workbook uploads are as they were.
"""

import pytest
from django.contrib.messages import ERROR, get_messages
from django.urls import reverse

from monitoring import workbook_views
from tests.permission_cases import CASES, HARMLESS, _user
from tests.snapshot import snapshot_with_reviews
from tests.test_permission_matrix import LOGIN, MATRIX, USERS

pytestmark = pytest.mark.django_db


def _url_name(case: str) -> str:
    return case.partition("#")[0]


def test_every_post_of_the_matrix_has_its_effects_tested():
    posts = {name for name, (method, _statuses, _other) in MATRIX.items() if method == "post"}
    assert posts - HARMLESS <= {_url_name(case) for case in CASES}


@pytest.mark.parametrize("case", [c for c in CASES if MATRIX[_url_name(c)][0] == "post"])
def test_the_matrix_lets_in_the_users_allowed_here(case):
    """The users the matrix does not turn away (404, the login page) are the ones allowed
    here. (Its empty post may be refused with 400, as the decision form's is.)"""
    _method, statuses, other = MATRIX[_url_name(case)]
    let_in = {user for user in USERS if statuses.get(user, other) not in (404, LOGIN)}
    assert let_in == CASES[case][0]


def _pending_uploads(client) -> dict:
    return client.session.get(workbook_views.SESSION_KEY, {})


@pytest.mark.parametrize(
    ("case", "user"),
    [pytest.param(case, user, id=f"{case}-{user}") for case in CASES for user in USERS],
)
def test_only_the_allowed_users_change_anything(client, people, jelgava_submission, case, user):
    allowed, arrange = CASES[case]
    if user != "anonymous":
        client.force_login(_user(people, user))
    arranged = arrange(people, jelgava_submission, client)
    before = snapshot_with_reviews(), _pending_uploads(client)

    response = client.post(arranged.url, arranged.data)

    if user in allowed:
        assert response.status_code == arranged.status
        errors = [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]
        assert not errors
        arranged.done(_user(people, user))
        if not arranged.saves:
            assert snapshot_with_reviews() == before[0]
    else:
        if user == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse(LOGIN))
        else:
            assert response.status_code == 404
        assert (snapshot_with_reviews(), _pending_uploads(client)) == before
