"""Small builders for test data of a chosen size."""

import itertools

from municipalities.models import Municipality, PlanningRegion
from programmes.models import Indicator, IndicatorValue, Programme, ProgrammeNode
from reports.models import ReviewVersion

_sequence = itertools.count(1)


def region_create(**fields) -> PlanningRegion:
    n = next(_sequence)
    values = {"slug": f"region-{n}", "name": f"Reģions {n}", "short_name": f"R{n}"}
    return PlanningRegion.objects.create(**{**values, **fields})


def municipality_create(region: PlanningRegion, **fields) -> Municipality:
    n = next(_sequence)
    values = {"name": f"Pašvaldība {n}", "slug": f"pasvaldiba-{n}", "kind": "novads"}
    return Municipality.objects.create(region=region, **{**values, **fields})


def programme_create(*, blocks: int, tasks_per_block: int, indicators: int) -> Programme:
    """A programme with a block → task → action tree, indicators with two yearly values each."""
    region = region_create()
    n = next(_sequence)
    programme = Programme.objects.create(
        slug=f"programme-{n}",
        region=region,
        title=f"Programma {n}",
        period_start=2010,
        period_end=2016,
        target_year=2017,
    )
    for b in range(1, blocks + 1):
        block = ProgrammeNode.objects.create(
            programme=programme, kind="block", code=str(b), title=f"Bloks {b}"
        )
        for t in range(1, tasks_per_block + 1):
            task = ProgrammeNode.objects.create(
                programme=programme,
                parent=block,
                kind="task",
                code=f"{b}.{t}",
                title=f"Uzdevums {b}.{t}",
                responsible="municipalities",
            )
            ProgrammeNode.objects.create(
                programme=programme,
                parent=task,
                kind="action",
                code=f"{b}.{t}.1",
                title=f"Rīcība {b}.{t}.1",
                responsible="both",
            )
    for i in range(1, indicators + 1):
        indicator = Indicator.objects.create(
            programme=programme,
            kind=Indicator.Kind.RESULT_INDICATOR if i % 2 else Indicator.Kind.PLANNED_RESULT,
            code=str(i),
            title=f"Rādītājs {i}",
            node=programme.nodes.order_by("?").first(),
            baseline_value=i,
            baseline_year=2010,
            target_value=10 * i,
            target_year=2018,
        )
        for year in (2011, 2014):
            IndicatorValue.objects.create(indicator=indicator, year=year, value=2 * i)
    return programme


def review_version_create(programme: Programme, *, by, year: int = 2014, **fields) -> ReviewVersion:
    """A final version of the programme's review, its PDF a stand-in (b"%PDF") no test lays out."""
    values = {"pdf": b"%PDF", "sha256": "0" * 64}
    return ReviewVersion.objects.create(
        programme=programme, year=year, created_by=by, **{**values, **fields}
    )
