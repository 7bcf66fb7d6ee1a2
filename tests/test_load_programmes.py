"""The published programmes, loaded from fixtures/, say what the seed documents say."""

import datetime
import json
import shutil
from decimal import Decimal

import pytest
from django.core.management import call_command

from monitoring.models import ProgressEntry, Project, Status
from municipalities.models import Municipality, YearlyFigures
from programmes import fixture_loader
from programmes.fixture_loader import FIXTURES_DIR, FixtureError, programmes_load
from programmes.models import Indicator, Programme, ProgrammeNode

pytestmark = pytest.mark.django_db


def test_it_loads_the_63_municipalities_of_the_three_regions():
    active = Municipality.objects.active_on(datetime.date(2014, 1, 1))
    assert active.filter(region__slug="zemgale").count() == 22
    assert active.filter(region__slug="kurzeme").count() == 20
    assert active.filter(region__slug="latgale").count() == 21
    assert active.filter(kind=Municipality.Kind.VALSTSPILSETA).count() == 6


def test_it_keeps_the_2021_reform_lineage():
    aizkraukle_2021 = Municipality.objects.get(name="Aizkraukles novads", valid_from__isnull=False)
    merged = set(aizkraukle_2021.predecessors.values_list("name", flat=True))
    assert merged == {
        "Aizkraukles novads",
        "Jaunjelgavas novads",
        "Kokneses novads",
        "Neretas novads",
        "Pļaviņu novads",
        "Skrīveru novads",
    }
    assert Municipality.objects.get(name="Jelgava").successor is None


def test_it_loads_the_three_programmes():
    assert set(Programme.objects.values_list("slug", flat=True)) == {
        "zemgale",
        "kurzeme",
        "latgale",
    }
    zemgale = Programme.objects.get(slug="zemgale")
    assert (
        zemgale.title
        == "Sociālo pakalpojumu attīstības programma 2010.–2016. gadam Zemgales reģionā"
    )
    assert (zemgale.period_start, zemgale.period_end, zemgale.target_year) == (2010, 2016, 2017)
    assert zemgale.policy_results.count() == 4


def test_zemgale_has_six_blocks_and_its_tasks_in_natural_order():
    nodes = ProgrammeNode.objects.filter(programme__slug="zemgale")
    blocks = nodes.filter(kind="block").order_by("sort_key")
    assert list(blocks.values_list("title", flat=True)) == [
        "Sociālo pakalpojumu attīstība",
        "Pieejamība",
        "Kvalitātes vadība",
        "Efektivitāte",
        "NVO",
        "Sadarbība",
    ]
    block_one = list(
        nodes.filter(parent__code="1").order_by("sort_key").values_list("code", flat=True)
    )
    assert block_one[8:] == ["1.9", "1.10", "1.11"]
    assert nodes.get(code="1.11").title == "Vienots uzticības telefons visām reģiona pašvaldībām."
    assert nodes.get(code="1.11").responsible == "region"
    assert nodes.get(code="1.10").responsible == "both"


def test_zemgale_has_14_planned_results_with_what_was_achieved_by_2014():
    results = Indicator.objects.filter(programme__slug="zemgale", kind="planned_result")
    assert results.count() == 14
    respite = results.get(code="4")
    assert respite.title == "Izveidots atelpas brīža pakalpojums reģionā"
    assert respite.target_year == 2017
    achieved = respite.values.get(year=2014)
    assert achieved.text == "Darbojas 3 pakalpojumu sniedzēji"


def test_zemgale_has_the_2014_execution_text_of_every_task():
    tasks = ProgrammeNode.objects.filter(programme__slug="zemgale", kind="task")
    entries = ProgressEntry.objects.filter(node__in=tasks, year=2014, municipality__isnull=True)
    assert entries.count() == tasks.count() == 34
    hotline = entries.get(node__code="1.11")
    assert "finanšu resursu trūkuma dēļ aktivitāte nav ieviesta" in hotline.narrative
    assert hotline.status == Status.NOT_IMPLEMENTED


def test_kurzeme_has_its_strategic_goals_tasks_and_actions():
    nodes = ProgrammeNode.objects.filter(programme__slug="kurzeme")
    assert list(nodes.filter(kind="strategic_goal").values_list("code", flat=True)) == [
        "SM 1",
        "SM 2",
    ]
    assert nodes.filter(kind="task").count() == 7
    assert nodes.filter(kind="action").count() == 30
    assert nodes.get(code="1.1.1").title == "aprūpes mājās pakalpojumu attīstīšana"
    assert nodes.get(code="2.3.2").parent.code == "2.3"


def test_kurzeme_first_indicator_goes_from_53_to_120():
    indicator = Indicator.objects.get(programme__slug="kurzeme", kind="result_indicator", code="1")
    assert indicator.title == "Reģistrētais sociālo pakalpojumu sniedzēju skaits"
    assert (indicator.baseline_value, indicator.baseline_year) == (Decimal(53), 2010)
    assert (indicator.target_value, indicator.target_year) == (Decimal(120), 2018)
    assert indicator.values.get(year=2011).value == Decimal(75)
    assert indicator.data_source == "LM"
    assert Indicator.objects.filter(programme__slug="kurzeme").count() == 32


def test_missing_indicator_values_stay_missing():
    soup_kitchens = Indicator.objects.get(programme__slug="kurzeme", code="24")
    assert soup_kitchens.baseline_value is None
    assert soup_kitchens.baseline_text == "-"


def test_kurzeme_matrix_gives_planned_counts_per_municipality():
    rehab = ProgrammeNode.objects.get(programme__slug="kurzeme", code="1.2.5")
    plans = rehab.planned_quantities.filter(municipality__isnull=False)
    assert plans.count() == 20
    assert sum(p.quantity for p in plans) == 67
    assert plans.get(municipality__name="Saldus novads").quantity == 8


def test_latgale_has_three_strategic_goals_with_goals_and_tasks():
    nodes = ProgrammeNode.objects.filter(programme__slug="latgale")
    assert list(
        nodes.filter(kind="strategic_goal").order_by("sort_key").values_list("title", flat=True)
    ) == ["Pieejamība", "Pamata vajadzības", "Sociālie darbinieki"]
    transport = nodes.get(code="SM1 1.1.1")
    assert transport.title.startswith("Nodrošināt pašvaldību sociālos dienestus ar transportu")
    assert transport.parent.code == "SM1 1.1"
    assert nodes.filter(kind="task").count() == 160


def test_latgale_entries_are_per_municipality_with_aliases_resolved():
    balvi = Municipality.resolve("Balvu novads", year=2014)
    entry = ProgressEntry.objects.get(node__code="SM1 1.1.1", municipality=balvi, year=2014)
    assert entry.narrative.startswith(
        "Balvu novada pašvaldības Sociālajam dienestam ir sava automašīna"
    )
    county = ProgressEntry.objects.get(
        node__code="SM1 1.1.1", municipality__name="Daugavpils novads", year=2014
    )
    assert "Daugavpils novada domes transports" in county.narrative
    city = ProgressEntry.objects.get(
        node__code="SM1 1.1.1", municipality__name="Daugavpils", year=2014
    )
    assert "4 automašīnas" in city.narrative


def test_latgale_yearly_figures_match_table_4_1():
    daugavpils = YearlyFigures.objects.get(municipality__name="Daugavpils", year=2014)
    assert daugavpils.social_budget == Decimal("6888969")
    assert daugavpils.clients == 21273
    assert daugavpils.recipients == 19264
    baltinava = YearlyFigures.objects.get(municipality__name="Baltinavas novads", year=2013)
    assert baltinava.social_budget == Decimal("51400.93")
    assert YearlyFigures.objects.filter(municipality__region__slug="latgale").count() == 42


def test_empty_figure_cells_are_missing_not_zero():
    aglona = YearlyFigures.objects.get(municipality__name="Aglonas novads", year=2014)
    assert aglona.benefits_housing is None
    assert aglona.benefits_gmi == Decimal("120375")
    cibla = YearlyFigures.objects.get(municipality__name="Ciblas novads", year=2014)
    assert cibla.social_budget is None and cibla.clients is None


def test_latgale_projects_are_loaded():
    projects = Project.objects.filter(region__slug="latgale")
    assert projects.count() == 28
    buttons = projects.get(title__contains="Drošības pogas Latgalē", year=2013)
    assert buttons.municipality.name == "Daugavpils"
    assert buttons.budget == Decimal("138434.61")
    assert buttons.continued is True


def test_loading_twice_changes_nothing():
    history = ProgressEntry.history.count()
    report = programmes_load()
    assert report.changed == 0
    assert sum(report.unchanged.values()) > 2000
    assert ProgressEntry.history.count() == history


def test_the_command_reports_what_it_did(capsys):
    call_command("load_programmes")
    out = capsys.readouterr().out
    # 1 404 entries, and since #15 (tests/test_seed_corrections.py) 62 more: 60 of Latgale's
    # answers state 2013's figures beside 2014's and are split into an entry for each year, and
    # Zemgale's review rows 2.1 and 2.5 have their text.
    assert "izpildes ieraksti: 0 jauni, 0 atjaunināti, 1466 nemainīti" in out


def test_a_fixture_with_an_unknown_municipality_loads_nothing(tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    broken = fixtures / "programmes" / "latgale" / "finance.json"
    data = json.loads(broken.read_text())
    data["figures"][-1]["municipality"] = "Nezināmā pils"
    broken.write_text(json.dumps(data, ensure_ascii=False))
    ProgressEntry.objects.filter(node__programme__slug="zemgale").update(narrative="mainīts")

    with pytest.raises(FixtureError, match="Nezināmā pils"):
        programmes_load(fixtures_dir=fixtures)

    assert (
        not ProgressEntry.objects.filter(node__programme__slug="zemgale")
        .exclude(narrative="mainīts")
        .exists()
    )


def test_each_app_loads_its_own_sections_in_the_order_they_refer_to_each_other():
    programmes_load()

    assert {key: handler.__module__ for key, handler in fixture_loader._SECTIONS.items()} == {
        "service_offers": "monitoring.catalogue_loading",
        "staff_counts": "monitoring.catalogue_loading",
        "catalogue_years": "monitoring.catalogue_loading",
        "planned_results": "programmes.loading",
        "indicators": "programmes.loading",
        "plans": "programmes.loading",
        "figures": "programmes.loading",
        "proposals": "programmes.loading",
        "amendments": "programmes.loading",
        "entries": "monitoring.loading",
        "projects": "monitoring.loading",
        "surveys": "monitoring.loading",
        "reviews": "reports.loading",
    }
    assert list(fixture_loader._SECTIONS)[-4:] == ["entries", "projects", "surveys", "reviews"]


def test_a_fixture_with_an_unknown_key_loads_nothing(tmp_path):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    broken = fixtures / "programmes" / "zemgale" / "programme.json"
    data = json.loads(broken.read_text())
    data["budgets"] = []
    broken.write_text(json.dumps(data, ensure_ascii=False))
    # Latgale loads before Zemgale: what its load restores must be undone with the rest.
    ProgressEntry.objects.filter(node__programme__slug="latgale").update(narrative="mainīts")

    with pytest.raises(FixtureError, match=r"programme.json: unknown keys \['budgets'\]"):
        programmes_load(fixtures_dir=fixtures)

    assert (
        not ProgressEntry.objects.filter(node__programme__slug="latgale")
        .exclude(narrative="mainīts")
        .exists()
    )


def test_milestone_targets_have_no_number():
    methodology = Indicator.objects.get(programme__slug="zemgale", code="1")
    assert methodology.target_text == "1 metodoloģija"
    assert methodology.is_milestone
    home_care = Indicator.objects.get(programme__slug="zemgale", code="2")
    assert home_care.target_value == 22 and not home_care.is_milestone
