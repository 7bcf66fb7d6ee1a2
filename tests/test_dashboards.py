"""The coordinator's dashboards and their drill-downs."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring import services
from monitoring.models import Membership, ProgressEntry
from programmes.models import Programme
from reports.tables import Table
from tests.factories import municipality_create, programme_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(people):
    """Zemgale 2015: Jelgava has submitted (one task "partial"), Dobele has only a draft."""
    programme = Programme.objects.get(slug="zemgale")
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        by=people.zemgale_coordinator,
    )
    nodes = services.reportable_nodes(programme)
    entries = {n.pk: {"status": "implemented"} for n in nodes}
    entries[nodes[0].pk] = {"status": "partial", "narrative": "Jelgavas teksts."}
    jelgava = services.submission_save(
        submission=reporting_round.submissions.get(municipality=people.jelgava),
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(entries=entries),
    )
    services.submission_submit(submission=jelgava, by=people.jelgava_staff)
    services.submission_save(
        submission=reporting_round.submissions.get(municipality=people.dobele),
        by=people.dobele_staff,
        version=0,
        data=services.SubmissionData(
            entries={nodes[0].pk: {"status": "improved", "narrative": "Dobeles melnraksts."}}
        ),
    )
    return reporting_round, nodes


def test_the_grid_shows_each_municipality_state_and_links_to_the_submission(client, people, season):
    reporting_round, _ = season
    client.force_login(people.zemgale_coordinator)
    html = client.get(
        reverse("dashboard:region", args=["zemgale"]), {"year": 2015}
    ).content.decode()
    jelgava = reporting_round.submissions.get(municipality=people.jelgava)
    assert reverse("monitoring:review", args=[jelgava.pk]) in html
    assert 'aria-label="Jelgava: iesniegts"' in html
    assert 'aria-label="Dobeles novads: melnraksts"' in html
    assert "atlikušas 20 dienas" in html


def test_handed_in_reports_count_and_drafts_do_not(client, people, season):
    _, nodes = season
    client.force_login(people.zemgale_coordinator)
    html = client.get(
        reverse("dashboard:region", args=["zemgale"]), {"year": 2015}
    ).content.decode()
    assert "1 pašvaldībā daļēji izpildīts; 21 pašvaldība nav sniegusi informāciju." in html
    assert reverse("dashboard:task", args=["zemgale", nodes[0].pk]) in html
    task = client.get(reverse("dashboard:task", args=["zemgale", nodes[0].pk])).content.decode()
    assert "Jelgavas teksts." in task
    assert "Dobeles melnraksts." not in task
    assert "16 Zemgales reģiona pašvaldības 2014.gadā" in task  # the published 2014 text


def test_filters_by_goal_and_status_are_kept_in_the_url(client, people, season):
    client.force_login(people.zemgale_coordinator)
    url = reverse("dashboard:region", args=["zemgale"])
    html = client.get(url, {"year": 2015, "goal": "2"}).content.decode()
    assert ">2.1</a>" in html and ">1.1</a>" not in html
    html = client.get(url, {"year": 2015, "status": "partial"}).content.decode()
    assert ">1.1</a>" in html and ">1.2</a>" not in html
    html = client.get(url, {"year": "x", "goal": "nav", "status": "nav"}).content.decode()
    assert ">1.1</a>" in html  # unknown filters show everything


@pytest.mark.parametrize("table", ["completeness", "statuses", "indicators", "money"])
def test_every_table_downloads_as_csv_and_excel(client, people, season, table):
    client.force_login(people.zemgale_coordinator)
    url = reverse("dashboard:region", args=["zemgale"])
    response = client.get(url, {"year": 2015, "download": table, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert len(rows) >= 1
    response = client.get(url, {"year": 2015, "download": table, "format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert book.active.max_row == len(rows)


def test_the_statuses_table_has_the_counts_as_numbers(client, people, season):
    client.force_login(people.zemgale_coordinator)
    url = reverse("dashboard:region", args=["zemgale"])
    response = client.get(url, {"year": 2015, "download": "statuses", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    first = [cell.value for cell in sheet[2]]
    assert first[0] == "1.1"
    assert first[2:] == [0, 0, 1, 0, 0, 0, 0, 21]  # the statuses in SUMMARY_ORDER


def test_cells_that_look_like_formulas_are_neutralised():
    table = Table("t", "T", ["=A"], [["=1+1", "+3", "-2", "@x", "teksts", 5]])
    body = table.csv_response("t").getvalue().decode("utf-8-sig")
    assert body.splitlines() == ["'=A", "'=1+1,'+3,'-2,'@x,teksts,5"]
    sheet = openpyxl.load_workbook(io.BytesIO(table.xlsx_response("t").getvalue())).active
    assert [c.value for c in sheet[2]] == ["'=1+1", "'+3", "'-2", "'@x", "teksts", 5]


@pytest.mark.parametrize("who", ["zemgale_council", "zemgale_coordinator", "national"])
def test_who_may_see_the_zemgale_dashboard(client, people, season, who):
    client.force_login(getattr(people, who))
    assert client.get(reverse("dashboard:region", args=["zemgale"])).status_code == 200


@pytest.mark.parametrize("who", ["latgale_coordinator", "jelgava_staff"])
def test_others_get_404(client, people, season, who):
    _, nodes = season
    client.force_login(getattr(people, who))
    for url in (
        reverse("dashboard:region", args=["zemgale"]),
        reverse("dashboard:task", args=["zemgale", nodes[0].pk]),
        reverse("dashboard:municipality", args=["zemgale", "jelgava"]),
    ):
        assert client.get(url).status_code == 404


def test_the_municipality_page_shows_entries_figures_projects_and_history(client, people, season):
    client.force_login(people.zemgale_coordinator)
    html = client.get(
        reverse("dashboard:municipality", args=["zemgale", "jelgava"])
    ).content.decode()
    assert "Jelgavas teksts." in html
    assert "Iesniegts" in html
    client.force_login(people.national)
    html = client.get(
        reverse("dashboard:municipality", args=["latgale", "daugavpils"])
    ).content.decode()
    assert "6 888 969,00" in html or "6\xa0888\xa0969,00" in html
    assert "Drošības pogas Latgalē" in html


def test_the_national_view_is_for_national_administrators(client, people, season):
    client.force_login(people.zemgale_coordinator)
    assert client.get(reverse("dashboard:national")).status_code == 404
    client.force_login(people.national)
    html = client.get(reverse("dashboard:national")).content.decode()
    for region in (
        "Zemgales plānošanas reģions",
        "Kurzemes plānošanas reģions",
        "Latgales plānošanas reģions",
    ):
        assert region in html
    assert client.get(reverse("dashboard:index")).status_code == 200


def _region_with(municipalities: int, tasks: int, years: int):
    programme = programme_create(blocks=2, tasks_per_block=tasks, indicators=4)
    towns = [municipality_create(programme.region) for _ in range(municipalities)]
    for year in range(2016 - years + 1, 2017):
        for town in towns:
            for node in programme.nodes.filter(kind="action"):
                ProgressEntry.objects.create(
                    node=node, municipality=town, year=year, status="partial", narrative="T."
                )
    return programme, towns


@pytest.mark.parametrize("size", [(3, 2, 2), (20, 10, 7)])
def test_pages_take_the_same_queries_at_two_sizes(client, people, django_assert_num_queries, size):
    programme, towns = _region_with(*size)
    Membership.objects.create(user=people.zemgale_council, role="council", region=programme.region)
    client.force_login(people.zemgale_council)
    node = programme.nodes.filter(kind="action").first()
    # user, roles, programme, years (entries, rounds), then the review's queries without
    # what the dashboard does not show (its final versions, projects, verdicts and texts)
    with django_assert_num_queries(12):
        client.get(reverse("dashboard:region", args=[programme.slug]))
    # user, roles, programme, node, years with handed-in entries, that page's entries
    with django_assert_num_queries(6):
        client.get(reverse("dashboard:task", args=[programme.slug, node.pk]))
    # user, roles, programme, municipality, years with handed-in entries, that page's
    # entries, submissions, history, figures, projects, + 1 its services' trends
    # (reports/selectors.py service_trends), + 1 the projects it is a partner of
    # (reports/projects.py partnerships_of)
    with django_assert_num_queries(10 + 1 + 1):
        client.get(reverse("dashboard:municipality", args=[programme.slug, towns[0].slug]))
    client.force_login(people.national)
    # user, roles, programmes, years (entries, rounds), states, entry counts
    with django_assert_num_queries(7):
        client.get(reverse("dashboard:national"))


def test_the_drill_downs_show_three_years_a_page_newest_first(client, people):
    programme, towns = _region_with(2, 1, 7)
    Membership.objects.create(user=people.zemgale_council, role="council", region=programme.region)
    client.force_login(people.zemgale_council)
    node = programme.nodes.filter(kind="action").first()
    for url in (
        reverse("dashboard:task", args=[programme.slug, node.pk]),
        reverse("dashboard:municipality", args=[programme.slug, towns[0].slug]),
    ):
        first = client.get(url).content.decode()
        assert [year for year in range(2010, 2017) if f">{year}</h" in first] == [2014, 2015, 2016]
        assert 'aria-current="page">2016–2014</a>' in first
        assert 'href="?page=2">2013–2011</a>' in first
        assert 'href="?page=3">2010</a>' in first
        last = client.get(url, {"page": 3}).content.decode()
        assert [year for year in range(2010, 2017) if f">{year}</h" in last] == [2010]
        # A page number that is not one goes to the first page, not to an error.
        assert client.get(url, {"page": "x"}).content.decode().count("2016</h") == 1


def test_a_single_page_of_years_has_no_pager(client, people, season):
    _, nodes = season
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("dashboard:task", args=["zemgale", nodes[0].pk])).content.decode()
    assert 'class="pager"' not in html


def test_a_municipality_with_no_entries_has_an_empty_page_not_an_error(client, people):
    client.force_login(people.zemgale_coordinator)
    response = client.get(reverse("dashboard:municipality", args=["zemgale", "jelgava"]))
    assert response.status_code == 200
    assert "Ierakstu vēl nav." in response.content.decode()


def test_the_national_view_does_not_count_drafts(client, people, season):
    """Dobele's draft says "improved" for 1.1; only Jelgava's submitted report counts."""
    client.force_login(people.national)
    rows = client.get(reverse("dashboard:national")).context["rows"]
    zemgale = next(row for row in rows if row.programme.slug == "zemgale")
    assert zemgale.year == 2015
    assert "improved" not in zemgale.counts
    assert zemgale.counts["partial"] == 1


def test_the_municipality_page_leaves_out_a_drafts_figures_and_projects(client, people, season):
    reporting_round, _ = season
    dobele = reporting_round.submissions.get(municipality=people.dobele)
    services.submission_save(
        submission=dobele,
        by=people.dobele_staff,
        version=dobele.version,
        data=services.SubmissionData(
            figures={"social_budget": Decimal("4321.00")},
            projects=[{"title": "Melnraksta projekts", "currency": "EUR"}],
        ),
    )
    client.force_login(people.zemgale_coordinator)
    url = reverse("dashboard:municipality", args=["zemgale", people.dobele.slug])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{people.dobele.name}</h1>" in html
    assert "Melnraksta projekts" not in html
    assert "4\xa0321" not in html and "4 321" not in html


def test_a_programmes_years_are_those_with_entries_or_a_round(people, season):
    """with_review_years answers in SQL over a VALUES list what this DISTINCT over every entry
    says, for every programme at once: the seeds' published years and Zemgale 2015's round."""
    from monitoring.models import ReportingRound
    from reports.selectors import with_review_years

    programmes = list(Programme.objects.all())
    ProgressEntry.objects.filter(node__programme__slug="zemgale", year=2015).delete()
    for programme in with_review_years(programmes):
        with_entries = set(
            ProgressEntry.objects.filter(node__programme=programme).values_list("year", flat=True)
        )
        rounds = set(programme.rounds.values_list("year", flat=True))
        expected = sorted((with_entries | rounds) & set(programme.years), reverse=True)
        assert programme.review_years == expected, programme.slug
    assert 2015 in Programme.objects.get(slug="zemgale").years
    assert ReportingRound.objects.filter(programme__slug="zemgale", year=2015).exists()
    assert 2015 in next(p for p in programmes if p.slug == "zemgale").review_years
    assert with_review_years([]) == []
