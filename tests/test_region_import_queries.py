"""The region workbook's download, the preview of its upload and the import's confirmation take
the same number of queries whatever the size of the programme and the number of municipalities
(the confirmation's writes grow with the changes it saves, which are the same at both sizes)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from monitoring import services
from monitoring.models import Membership, ProgressEntry
from programmes.models import PlannedQuantity
from tests.factories import municipality_create, programme_create
from tests.region_workbooks import as_upload, confirm, download, fill, upload

pytestmark = pytest.mark.django_db

SIZES = [(1, 2, 2), (4, 6, 15)]  # blocks, tasks per block, municipalities

# user, roles, round; the round's municipalities, its reports, the tasks, the saved
# entries, what the tasks ask (monitoring/questions.py: the plans, the tasks counted before)
DOWNLOAD_QUERIES = 9
# the download's, and: the year's municipalities and their name variants, the programme's
# codes; the session's save (a savepoint, the update, its release)
PREVIEW_QUERIES = 15
# user, roles, round, the reports to change; the transaction's savepoint, the reports
# locked with their versions, and for each of the two reports 11 (submission_save: a
# savepoint, the report locked, its round, its municipality, its entries, the one changed
# entry and its history, its projects, the report and its history, the release); the
# transaction's release; the session's save (3)
CONFIRM_QUERIES = 4 + 2 + 2 * 11 + 1 + 3


def _setup(blocks, tasks, municipalities):
    programme = programme_create(blocks=blocks, tasks_per_block=tasks, indicators=0)
    towns = [municipality_create(programme.region) for _ in range(municipalities)]
    coordinator = get_user_model().objects.create_user(f"k-{programme.pk}")
    Membership.objects.create(user=coordinator, role="coordinator", region=programme.region)
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        by=coordinator,
    )
    nodes = services.reportable_nodes(programme)
    ProgressEntry.objects.bulk_create(
        ProgressEntry(node=node, municipality=town, year=2015, narrative="Teksts.")
        for town in towns
        for node in nodes[1:]
    )
    PlannedQuantity.objects.bulk_create(
        PlannedQuantity(node=nodes[0], municipality=town, quantity=2) for town in towns
    )
    return reporting_round, coordinator, towns, nodes


def _changed(client, reporting_round, towns, nodes):
    """The workbook with one new entry in each of two reports."""
    book = download(client, reporting_round)
    for town in towns[:2]:
        fill(book, town.name, nodes[0].code, status="izpildīts", planned_quantity=3)
    return as_upload(book)


@pytest.mark.parametrize("size", SIZES)
def test_the_download_queries(client, django_assert_num_queries, size):
    reporting_round, coordinator, towns, nodes = _setup(*size)
    client.force_login(coordinator)
    url = reverse("monitoring:region-workbook", args=[reporting_round.pk])

    with django_assert_num_queries(DOWNLOAD_QUERIES):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_the_preview_queries(client, django_assert_num_queries, size):
    reporting_round, coordinator, towns, nodes = _setup(*size)
    client.force_login(coordinator)
    uploaded = _changed(client, reporting_round, towns, nodes)

    with django_assert_num_queries(PREVIEW_QUERIES):
        response = upload(client, reporting_round, uploaded)

    assert response.status_code == 200
    assert len(response.context["result"].reports) == 2


@pytest.mark.parametrize("size", SIZES)
def test_the_confirm_queries(client, django_assert_num_queries, size):
    reporting_round, coordinator, towns, nodes = _setup(*size)
    client.force_login(coordinator)
    token = upload(client, reporting_round, _changed(client, reporting_round, towns, nodes))
    token = token.context["token"]

    with django_assert_num_queries(CONFIRM_QUERIES):
        response = confirm(client, reporting_round, token)

    assert response.status_code == 302
    saved = ProgressEntry.objects.filter(node=nodes[0], year=2015, status="implemented")
    assert sorted(saved.values_list("municipality_id", "planned_quantity")) == [
        (town.pk, 3) for town in towns[:2]
    ]
