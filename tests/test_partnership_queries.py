"""The pages that show partnerships take the same number of queries for 1 partnership as for 6,
for 2 partners as for 12: the review (its page and workbook), a project's page, and a partner
municipality's public page and drill-down."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import Project, ProjectActivity, ProjectPartner, ProjectResult
from tests.factories import municipality_create, programme_create, region_create

pytestmark = pytest.mark.django_db

SIZES = [(1, 2), (6, 12)]  # (partnership projects, partners each)


def _partnerships(projects: int, partners: int):
    """A programme whose region leads `projects` partnerships of 2014, each with `partners`
    partners (municipalities of this and of another region, and outside bodies), an activity
    and a result per partner; and the municipality of the region that is a partner of all."""
    programme = programme_create(blocks=1, tasks_per_block=2, indicators=1)
    region = programme.region
    elsewhere = region_create()
    towns = [municipality_create(elsewhere if i % 2 else region) for i in range(partners - 1)]
    for n in range(projects):
        project = Project.objects.create(
            region=region,
            year=2014,
            title=f"Kopprojekts {n}",
            budget=Decimal("1000.00"),
            programme_amount=Decimal("850.00"),
            duration_months=24,
        )
        ProjectPartner.objects.create(
            project=project, position=1, role="lead", planning_region=region, part=Decimal(90)
        )
        for i, town in enumerate(towns, start=2):
            kind = {"municipality": town} if i % 3 else {"name": f"Centras {i}", "country": "LT"}
            partner = ProjectPartner.objects.create(project=project, position=i, **kind)
            ProjectResult.objects.create(
                project=project, position=i, partner=partner, text=f"Centrs ({i})", count=i
            )
        ProjectResult.objects.create(project=project, position=1, text="Sistēma (1)", count=1)
        ProjectActivity.objects.create(project=project, number=1, text="Izveide.")
    return programme, project, towns[0]


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def _own(sqls: list[str]) -> int:
    """How many of the queries read partners or results: the partnerships' own part."""
    return sum(
        '"monitoring_projectpartner"' in sql or '"monitoring_projectresult"' in sql for sql in sqls
    )


# These pages also show what other parts gather (tests/test_annual_review.py and
# tests/test_dashboards.py fix their whole counts): here each takes the same number at both
# sizes, of which the partnerships' own are these.
PAGES = {
    # the projects' partners, their results
    "review": (lambda programme, town: reverse("reports:review", args=[programme.slug, 2014]), 2),
    "workbook": (lambda programme, town: reverse("reports:xlsx", args=[programme.slug, 2014]), 2),
    # the projects it is a partner of, with its role there
    "public page": (lambda programme, town: reverse("municipalities:detail", args=[town.slug]), 1),
    "drill-down": (
        lambda programme, town: reverse("dashboard:municipality", args=[programme.slug, town.slug]),
        1,
    ),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_pages_take_the_same_queries_whatever_the_partnerships(client, people, page):
    url, own = PAGES[page]
    client.force_login(people.national)
    counts = []
    for size in SIZES:
        programme, _project, town = _partnerships(*size)
        sqls = _queries(client, url(programme, town))
        assert _own(sqls) == own
        counts.append(len(sqls))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("size", SIZES)
def test_the_review_and_the_public_page_show_every_partnership(client, people, size):
    programme, _project, town = _partnerships(*size)
    public = client.get(reverse("municipalities:detail", args=[town.slug])).content.decode()
    assert public.count('href="/projects/') == size[0]
    client.force_login(people.national)
    review = client.get(reverse("reports:review", args=[programme.slug, 2014])).content.decode()
    assert review.count('class="partnership"') == size[0]


@pytest.mark.parametrize("size", SIZES)
def test_the_project_page_takes_the_same_queries_whatever_the_partners(
    client, people, django_assert_num_queries, size
):
    _programme, project, _town = _partnerships(*size)
    # the project, its region's programmes, activities, tasks, partners, results
    with django_assert_num_queries(6):
        response = client.get(project.get_absolute_url())
    assert response.content.decode().count("Centrs (") == size[1] - 1
    client.force_login(people.national)
    # user, roles, then the same six
    with django_assert_num_queries(8):
        client.get(project.get_absolute_url())
