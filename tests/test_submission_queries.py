"""The entry form, the review page and the round page take the same number of queries
whatever the size of the programme and the number of municipalities."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from monitoring import services
from monitoring.models import Membership
from tests.factories import municipality_create, programme_create

pytestmark = pytest.mark.django_db

SIZES = [(1, 2, 1, 2), (5, 12, 20, 25)]  # blocks, tasks per block, indicators, municipalities


def _setup(blocks, tasks, indicators, municipalities):
    programme = programme_create(blocks=blocks, tasks_per_block=tasks, indicators=indicators)
    towns = [municipality_create(programme.region) for _ in range(municipalities)]
    User = get_user_model()
    coordinator = User.objects.create_user(f"k-{programme.pk}")
    Membership.objects.create(user=coordinator, role="coordinator", region=programme.region)
    staff = User.objects.create_user(f"s-{programme.pk}")
    Membership.objects.create(user=staff, role="staff", municipality=towns[0])
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        by=coordinator,
    )
    submission = reporting_round.submissions.get(municipality=towns[0])
    entries = {
        n.pk: {"status": "implemented", "narrative": "Teksts."}
        for n in services.reportable_nodes(programme)
    }
    submission = services.submission_save(
        submission=submission, by=staff, version=0, data=services.SubmissionData(entries=entries)
    )
    return reporting_round, submission, staff, coordinator


# user, roles, submission, tree, entries, plans, tasks counted before (the two of
# monitoring/questions.py), unchanged entries (monitoring/continuity.py), indicators,
# indicator values, figures, projects, history
# The service catalogue's section (monitoring/catalogue.py): its services, staff and years, of
# this year and last; the form reads the kinds of service once more, for all its rows.
CATALOGUE_QUERIES = 3
REVIEW_PAGE_QUERIES = 13 + CATALOGUE_QUERIES
# ... and the person's kept unsaved input (autosave), and the kinds of service
ENTRY_FORM_QUERIES = REVIEW_PAGE_QUERIES + 1 + 1


@pytest.mark.parametrize("size", SIZES)
def test_entry_form_queries(client, django_assert_num_queries, size):
    _, submission, staff, _ = _setup(*size)
    client.force_login(staff)
    with django_assert_num_queries(ENTRY_FORM_QUERIES):
        response = client.get(submission.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_review_page_queries(client, django_assert_num_queries, size):
    _, submission, _, coordinator = _setup(*size)
    client.force_login(coordinator)
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = client.get(reverse("monitoring:review", args=[submission.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_round_page_queries(client, django_assert_num_queries, size):
    reporting_round, _, _, coordinator = _setup(*size)
    client.force_login(coordinator)
    # user, roles, round, submissions
    with django_assert_num_queries(4):
        response = client.get(reporting_round.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_index_queries(client, django_assert_num_queries, size):
    _, _, staff, coordinator = _setup(*size)
    # staff: user, roles, their submissions;
    # coordinator: user, roles, rounds with state counts, programmes to open (with
    # their regions)
    for user, queries in ((staff, 3), (coordinator, 4)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            client.get(reverse("monitoring:index"))


@pytest.mark.parametrize("size", SIZES)
def test_region_entries_queries(client, django_assert_num_queries, size):
    reporting_round, _, _, coordinator = _setup(*size)
    client.force_login(coordinator)
    # user, roles, round, tree, entries
    with django_assert_num_queries(5):
        client.get(reverse("monitoring:region-entries", args=[reporting_round.pk]))
