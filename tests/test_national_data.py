"""The synthetic national data set: what scripts/national_data.py makes, and what it refuses."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from monitoring.models import ProgressEntry, Project, ReportingRound, Submission
from municipalities.models import Municipality, PlanningRegion, YearlyFigures
from programmes.models import Indicator, IndicatorValue, Programme, ProgrammeNode
from scripts.national_data import ALREADY_EXISTS, FIRST_YEAR, Command

pytestmark = pytest.mark.django_db

TINY = {"regions": 2, "municipalities": 3, "years": 2, "tasks": 5}
SMALL = {"regions": 2, "municipalities": 8, "years": 3, "tasks": 30}


def _generate(**options) -> str:
    out = io.StringIO()
    call_command(Command(), stdout=out, **options)
    return out.getvalue()


def _synthetic_counts() -> dict[str, int]:
    programmes = Programme.objects.filter(slug__startswith="sint-")
    return {
        "regions": PlanningRegion.objects.filter(slug__startswith="sint-").count(),
        "municipalities": Municipality.objects.filter(slug__startswith="sint-").count(),
        "programmes": programmes.count(),
        "actions": ProgrammeNode.objects.filter(programme__in=programmes).reportable().count(),
        "entries": ProgressEntry.objects.filter(node__programme__in=programmes).count(),
        "figures": YearlyFigures.objects.filter(municipality__slug__startswith="sint-").count(),
        "rounds": ReportingRound.objects.filter(programme__in=programmes).count(),
        "submissions": Submission.objects.filter(round__programme__in=programmes).count(),
    }


def _synthetic_entries():
    return ProgressEntry.objects.filter(node__programme__slug__startswith="sint-").order_by(
        "node__programme__slug", "year", "municipality__name", "node__sort_key"
    )


def test_it_builds_the_tiny_set_with_the_counts_asked_for():
    output = _generate(**TINY)

    assert _synthetic_counts() == {
        "regions": 2,
        "municipalities": 3,
        "programmes": 2,
        "actions": 2 * 5,
        "entries": 3 * 2 * 5,  # every municipality, year and action
        "figures": 3 * 2,
        "rounds": 2,
        "submissions": 3,
    }
    assert "progress entries: 30" in output
    assert "Done:" in output


def test_it_is_named_so_it_never_meets_the_real_data():
    _generate(**TINY)

    programme = Programme.objects.get(slug="sint-1")
    assert programme.region.slug == "sint-1"
    assert list(programme.years) == [FIRST_YEAR, FIRST_YEAR + 1]
    assert Municipality.objects.filter(name="Sint. novads 3", slug="sint-novads-3").exists()
    assert Programme.objects.filter(slug__in=["zemgale", "kurzeme", "latgale"]).count() == 3
    codes = list(programme.nodes.order_by("sort_key").values_list("code", flat=True))
    assert codes[:3] == ["1", "1.1", "1.1.1"]
    assert Indicator.objects.filter(programme=programme).count() == 8
    assert IndicatorValue.objects.filter(indicator__programme=programme).count() == 8 * 2
    assert Project.objects.filter(region=programme.region).exists()
    # the round is the latest year's; the statuses come from Status
    assert programme.rounds.get().year == FIRST_YEAR + 1
    assert not ProgressEntry.objects.filter(node__programme=programme, status="").exists()


def test_natural_codes_pass_nine():
    _generate(**{**TINY, "tasks": 60})

    codes = list(
        Programme.objects.get(slug="sint-1")
        .nodes.filter(kind="task")
        .order_by("sort_key")
        .values_list("code", flat=True)
    )
    assert codes[8:11] == ["1.9", "1.10", "1.11"]


def test_a_second_run_without_replace_refuses_and_changes_nothing():
    _generate(**TINY)
    before = _synthetic_counts()

    with pytest.raises(CommandError) as refused:
        _generate(**SMALL)

    assert str(refused.value) == ALREADY_EXISTS
    assert _synthetic_counts() == before


def test_replace_deletes_the_previous_set_first():
    _generate(**SMALL)

    _generate(**TINY, replace=True)

    counts = _synthetic_counts()
    assert (counts["municipalities"], counts["entries"], counts["submissions"]) == (3, 30, 3)
    assert not Municipality.objects.filter(slug="sint-novads-8").exists()


def test_the_same_seed_gives_the_same_data():
    _generate(**TINY, seed=7)
    first = list(_synthetic_entries().values_list("status", "narrative")[:30])

    _generate(**TINY, seed=7, replace=True)

    again = list(_synthetic_entries().values_list("status", "narrative")[:30])
    assert again == first


def test_impossible_sizes_are_refused():
    with pytest.raises(CommandError, match="at least as many municipalities as regions"):
        _generate(regions=3, municipalities=2)


@pytest.mark.parametrize("size", [TINY, SMALL], ids=["tiny", "small"])
def test_the_review_of_a_synthetic_programme_takes_the_same_queries_at_both_sizes(
    client, people, django_assert_num_queries, size
):
    _generate(**size)
    programme = Programme.objects.get(slug="sint-1")
    year = programme.period_end  # the year of the reporting round
    client.force_login(people.national)
    # user, roles, programme, municipalities, round, its submissions, entries, tree,
    # indicator values, indicators, figures, projects, verdicts, policy results, review text,
    # versions, + 1 whether the year has a survey (reports/survey.py), + 2 the projects'
    # partners and counted results (monitoring/models/projects.py)
    with django_assert_num_queries(17 + 1 + 2):
        response = client.get(reverse("reports:review", args=[programme.slug, year]))
    assert response.status_code == 200
    assert "Sint. novads 1" in response.content.decode()
