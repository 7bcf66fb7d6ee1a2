"""Seed 001, the Zemgale planning region's cross-border project idea, is loaded in full from
fixtures/programmes/zemgale/partnership_projects.json: loading again changes nothing, a broken
partnership loads nothing at all, and the simple projects' files (Latgale's table 2.1) load as
they always did."""

import json
import shutil
from decimal import Decimal

import pytest

from monitoring.models import Project, ProjectActivity, ProjectPartner, ProjectResult
from programmes.fixture_loader import FIXTURES_DIR, FixtureError, programmes_load

pytestmark = pytest.mark.django_db

TITLE = "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana Vidusbaltijas reģionā"
FILE = ("programmes", "zemgale", "partnership_projects.json")


def _seed_project() -> Project:
    return Project.objects.get(title__startswith=TITLE)


def test_the_project_idea_is_the_zemgale_regions_own_project_of_2016():
    project = _seed_project()
    assert (project.region.slug, project.municipality, project.year) == ("zemgale", None, 2016)
    assert project.source_document == "Projekta idejas koncepcija"
    assert project.duration_months == 24
    assert project.duration_text == "24 mēneši"
    assert (project.start, project.end, project.continued) == ("", "", None)
    assert project.funding_source == (
        "Latvijas - Lietuvas pārrobežu sadarbības programma 2014. - 2020. gadam"
    )
    assert project.programme_priority.startswith("Prioritāte: III Sociālā integrācija")


def test_its_money_is_the_total_the_programme_share_and_the_lead_partners_part():
    project = _seed_project()
    assert (project.budget, project.currency) == (Decimal("941000.00"), "EUR")
    assert project.programme_amount == Decimal("799850.00")
    assert project.programme_share == Decimal("85.00")  # the source writes "(85%)"
    lead = project.partners.get(role="lead")
    assert (lead.planning_region.slug, lead.part, lead.currency) == (
        "zemgale",
        Decimal("90000.00"),
        "EUR",
    )
    # The source gives no other partner's part: missing, not zero.
    assert list(project.partners.exclude(role="lead").values_list("part", flat=True)) == [None] * 7


def test_its_partners_are_four_latvian_municipalities_and_three_lithuanian_bodies():
    partners = list(_seed_project().partners.select_related("municipality", "planning_region"))
    assert [(p.display_name, p.country_code, p.is_outside) for p in partners] == [
        ("Zemgales plānošanas reģions", "LV", False),
        ("Viesītes novads", "LV", False),
        ("Jaunjelgavas novads", "LV", False),
        ("Dobeles novads", "LV", False),
        ("Auces novads", "LV", False),
        ("Rokišķu jauniešu centrs", "LT", True),
        ("Kauņas rajona sociālo pakalpojumu centrs", "LT", True),
        ("Krekenavas kultūras centrs", "LT", True),
    ]
    # Resolved to the municipalities of 2016, before the 2021 reform merged them.
    assert {p.municipality.valid_from for p in partners if p.municipality} == {None}


def test_its_aims_target_groups_activities_and_documents_are_the_sources():
    project = _seed_project()
    assert project.aims.startswith("Projekta mērķis ir veicināt personu ar invaliditāti")
    assert project.target_groups == [
        "Personas ar invaliditāti, bērni, jaunieši un vecie ļaudis, kas pakļauti sociālās "
        "atstumtības riskam.",
        "Sociālo pakalpojumu sniedzēji, speciālisti.",
    ]
    assert [a.number for a in project.activities.all()] == [1, 2, 3, 4]
    assert project.activities.get(number=1).text == (
        "Sociālo pakalpojumu kvalitātes vadības sistēmas izveide un testēšana."
    )
    assert len(project.documents) == 2
    assert project.documents[1].startswith("Pamatnostādnes sociālo pakalpojumu attīstībai")


def test_its_results_are_counted_per_partner():
    results = {
        r.text: (r.count, r.partner.display_name if r.partner else None)
        for r in _seed_project().results.select_related("partner__municipality")
    }
    assert len(results) == 13
    assert results["Izstrādāta (1) kvalitātes vadības sistēma"] == (1, None)
    assert results["testēti (7) sociālie pakalpojumi"] == (7, None)
    assert results["Izvietoti servisa dzīvokļi (5) - Auce"] == (5, "Auces novads")
    assert results["Izveidoti grupu dzīvokļi (8) - Jaunjelgava"] == (8, "Jaunjelgavas novads")
    assert results["Iegādāts aprīkojums dienas centra attīstībai – Kauņa."] == (
        None,
        "Kauņas rajona sociālo pakalpojumu centrs",
    )
    # Eleven results are counted; Dobele's and Kaunas' are named without a number.
    assert sum(count is None for count, _partner in results.values()) == 2


def test_the_simple_projects_keep_no_partners():
    latgale = Project.objects.filter(region__slug="latgale")
    assert latgale.count() == 28
    assert not ProjectPartner.objects.filter(project__region__slug="latgale").exists()
    fields = ("duration_months", "target_groups", "documents", "programme_amount", "aims")
    assert all(row == (None, [], [], None, "") for row in latgale.values_list(*fields))


def test_loading_again_changes_nothing_and_leaves_no_history():
    counts = [m.history.count() for m in (Project, ProjectPartner, ProjectActivity, ProjectResult)]
    report = programmes_load()
    assert report.changed == 0
    assert report.unchanged[ProjectPartner._meta.verbose_name_plural] == 8
    assert report.unchanged[ProjectResult._meta.verbose_name_plural] == 13
    assert [
        m.history.count() for m in (Project, ProjectPartner, ProjectActivity, ProjectResult)
    ] == counts


def _broken(tmp_path, change) -> object:
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    path = fixtures.joinpath(*FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["projects"][0])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return fixtures


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda item: item["results"][5].update(partner="Viesītes pilsēta"),
            "unknown partner 'Viesītes pilsēta'",
        ),
        (
            lambda item: item["partners"][1].update(part="900000.00"),
            "the partners' parts exceed the project's budget",
        ),
        (
            lambda item: item["partners"][5].update(municipality="Auces novads"),
            "give one of municipality, planning_region, name",
        ),
        (lambda item: item["partners"][0].update(planning_region="vidzeme"), "unknown planning"),
        (lambda item: item["partners"][2].update(role="sponsor"), "role 'sponsor'"),
    ],
)
def test_a_broken_partnership_loads_nothing(tmp_path, change, message):
    fixtures = _broken(tmp_path, change)
    project = _seed_project()
    project.aims = "mainīts"
    project.save()
    ProjectResult.objects.filter(project=project).update(count=None)

    with pytest.raises(FixtureError, match=message):
        programmes_load(fixtures_dir=fixtures)

    project.refresh_from_db()
    assert project.aims == "mainīts"  # Latgale's and Zemgale's other records undone with it
    assert not project.results.exclude(count=None).exists()
