"""A synthetic national data set, to measure the app at the scale of the whole country.

    .venv/bin/python scripts/national_data.py [--replace] [--regions 5] [--municipalities 119]
        [--years 15] [--tasks 150] [--seed 1]

`national_data_generate()` builds planning regions, municipalities and one programme per region
with its tree, indicators, every municipality's entries and figures for every year, a few
projects, and a reporting round for the latest year (the rows of each kind are made by
scripts/national_data_builders.py). Everything it makes carries the "sint-" slug prefix
(regions, municipalities, programmes, the user who opened the rounds), so it never collides with
the real data from fixtures/ and can be found again and deleted.

Rows are written with bulk_create in batches; synthetic data has no history records. The same
seed gives the same data set.

The command line is a Django management command class run outside any app, so the tests call it
with `call_command(Command(), ...)` and a refusal ends the script as a CommandError does.
"""

import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__":  # imported (by the tests, by bench.py), Django is set up already
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitoring.settings")

    import django

    django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management.base import BaseCommand, CommandError  # noqa: E402
from django.db import models, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402

from monitoring.models import ProgressEntry, Project, ReportingRound, Submission  # noqa: E402
from municipalities.models import (  # noqa: E402
    EURO_ADOPTION_YEAR,
    Municipality,
    PlanningRegion,
    YearlyFigures,
)
from programmes.models import (  # noqa: E402
    IndicatorValue,
    PlannedQuantity,
    PolicyResult,
    Programme,
    ProgrammeNode,
)
from reports.models import PolicyResultVerdict, ReviewText, ReviewVersion  # noqa: E402
from scripts import national_data_builders as build  # noqa: E402

SLUG_PREFIX = "sint-"
USERNAME = "sint-generators"
# Starting at the euro's adoption keeps every amount in euro (the figures allow lats only
# before 2014).
FIRST_YEAR = EURO_ADOPTION_YEAR

ALREADY_EXISTS = (
    "Synthetic data (slugs starting with “sint-”) is already in the database; "
    "run again with --replace to delete it and generate a new set."
)


class SyntheticDataExists(Exception):
    """Synthetic data is already there and was not asked to be replaced."""


@dataclass(frozen=True)
class Size:
    regions: int = 5
    municipalities: int = 119
    years: int = 15
    tasks: int = 150
    seed: int = 1

    def __post_init__(self) -> None:
        if min(self.regions, self.years, self.tasks) < 1:
            raise ValueError("Regions, years and tasks must be at least 1.")
        if self.municipalities < self.regions:
            raise ValueError("There must be at least as many municipalities as regions.")

    @property
    def year_range(self) -> range:
        return range(FIRST_YEAR, FIRST_YEAR + self.years)


def synthetic_exists() -> bool:
    return (
        PlanningRegion.objects.filter(slug__startswith=SLUG_PREFIX).exists()
        or Municipality.objects.filter(slug__startswith=SLUG_PREFIX).exists()
        or Programme.objects.filter(slug__startswith=SLUG_PREFIX).exists()
    )


def _raw_delete(queryset: models.QuerySet) -> int:
    # One DELETE statement: QuerySet.delete() would load every row to send the history
    # app's per-row signal, which on a national set means hundreds of thousands of objects.
    return queryset._raw_delete(queryset.db)


@transaction.atomic
def synthetic_delete() -> int:
    """Delete every synthetic record (and whatever hangs on it); returns the rows deleted."""
    regions = PlanningRegion.objects.filter(slug__startswith=SLUG_PREFIX)
    programmes = Programme.objects.filter(Q(slug__startswith=SLUG_PREFIX) | Q(region__in=regions))
    towns = Municipality.objects.filter(Q(slug__startswith=SLUG_PREFIX) | Q(region__in=regions))
    nodes = ProgrammeNode.objects.filter(programme__in=programmes)
    projects = Project.objects.filter(Q(region__in=regions) | Q(municipality__in=towns))
    deleted = sum(
        _raw_delete(queryset)
        for queryset in (
            ProgressEntry.objects.filter(Q(node__in=nodes) | Q(municipality__in=towns)),
            Submission.objects.filter(
                Q(round__programme__in=programmes) | Q(municipality__in=towns)
            ),
            ReportingRound.objects.filter(programme__in=programmes),
            Project.tasks.through.objects.filter(
                Q(project__in=projects) | Q(programmenode__in=nodes)
            ),
            projects,
            YearlyFigures.objects.filter(municipality__in=towns),
            IndicatorValue.objects.filter(
                Q(indicator__programme__in=programmes) | Q(municipality__in=towns)
            ),
            PolicyResultVerdict.objects.filter(policy_result__programme__in=programmes),
            ReviewText.objects.filter(programme__in=programmes),
        )
    )
    for queryset in (
        PlannedQuantity.objects.filter(Q(node__in=nodes) | Q(municipality__in=towns)),
        ReviewVersion.objects.filter(programme__in=programmes),
        programmes,
        towns,
        regions,
        get_user_model().objects.filter(username=USERNAME),
    ):
        deleted += queryset.delete()[0]
    return deleted


@transaction.atomic
def national_data_generate(
    *, size: Size, replace: bool = False, log: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Build the synthetic data set; returns how many rows of each kind were made.

    Raises SyntheticDataExists when there is one already, unless `replace` deletes it first.
    """
    log = log or (lambda message: None)
    if synthetic_exists():
        if not replace:
            raise SyntheticDataExists(ALREADY_EXISTS)
        log(f"deleted the previous synthetic set: {synthetic_delete()} rows")
    rng = random.Random(size.seed)  # noqa: S311 - reproducible test data, not secrets
    years = size.year_range
    counts: dict[str, int] = {}

    user = get_user_model().objects.create(username=USERNAME, first_name="Sintētiskie dati")
    user.set_unusable_password()
    user.save(update_fields=["password"])

    regions = build.bulk(
        PlanningRegion,
        (
            PlanningRegion(
                slug=f"{SLUG_PREFIX}{r}",
                name=f"Sint. plānošanas reģions {r}",
                short_name=f"Sint. {r}",
            )
            for r in range(1, size.regions + 1)
        ),
    )
    counts["planning regions"] = len(regions)

    # Contiguous shares, as even as the numbers allow.
    towns = build.bulk(
        Municipality,
        (
            Municipality(
                name=f"Sint. novads {n}",
                slug=f"{SLUG_PREFIX}novads-{n}",
                kind=Municipality.Kind.NOVADS,
                region=regions[(n - 1) * size.regions // size.municipalities],
            )
            for n in range(1, size.municipalities + 1)
        ),
    )
    towns_of = {region.pk: [t for t in towns if t.region_id == region.pk] for region in regions}
    counts["municipalities"] = len(towns)

    programmes = build.bulk(
        Programme,
        (
            Programme(
                slug=region.slug,
                region=region,
                title=(
                    f"Sintētiskā sociālo pakalpojumu attīstības programma "
                    f"{years[0]}.–{years[-1]}. gadam ({region.name})"
                ),
                period_start=years[0],
                period_end=years[-1],
                target_year=years[-1],
                description="Ģenerēti dati veiktspējas mērījumiem nacionālā mērogā.",
                main_goal="Pilnveidot iedzīvotāju vajadzībās balstītus sociālos pakalpojumus.",
                sub_goals=build.TOPICS[:4],
                source=f"scripts/national_data.py --seed {size.seed}",
            )
            for region in regions
        ),
    )
    counts["programmes"] = len(programmes)
    counts["policy results"] = len(
        build.bulk(
            PolicyResult,
            (
                PolicyResult(programme=p, position=i, text=f"Uzlabojusies {topic.lower()}")
                for p in programmes
                for i, topic in enumerate(build.TOPICS[:3], start=1)
            ),
        )
    )

    actions_by_programme = build.make_tree(programmes, size.tasks, rng, counts)
    build.make_indicators(programmes, actions_by_programme, years, rng, counts)

    counts["progress entries"] = build.stream(
        ProgressEntry, build.make_entries(programmes, actions_by_programme, towns_of, years, rng)
    )
    counts["yearly figures"] = build.stream(YearlyFigures, build.make_figures(towns, years, rng))
    build.make_projects(programmes, actions_by_programme, towns_of, years, rng, counts)
    build.make_rounds(programmes, towns_of, years[-1], user, rng, counts)
    return counts


class Command(BaseCommand):
    # Django's own options (settings, traceback, colours) mean nothing to a script that has
    # set Django up before it reads its arguments.
    suppressed_base_arguments = {
        "--version",
        "--verbosity",
        "--settings",
        "--pythonpath",
        "--traceback",
        "--no-color",
        "--force-color",
    }
    help = (
        "Build a synthetic national data set (slugs starting with “sint-”) in the current "
        "database, to measure the app at scale. Refuses if one is there, unless --replace."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.prog = "python scripts/national_data.py"
        return parser

    def add_arguments(self, parser):
        defaults = Size()
        parser.add_argument("--regions", type=int, default=defaults.regions)
        parser.add_argument(
            "--municipalities",
            type=int,
            default=defaults.municipalities,
            help="In all, shared among the regions.",
        )
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument(
            "--tasks",
            type=int,
            default=defaults.tasks,
            help="Reportable actions per programme.",
        )
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the previous synthetic set first.",
        )

    def handle(self, *args, replace=False, **options):
        try:
            size = Size(
                regions=options["regions"],
                municipalities=options["municipalities"],
                years=options["years"],
                tasks=options["tasks"],
                seed=options["seed"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        start = time.perf_counter()
        try:
            counts = national_data_generate(size=size, replace=replace, log=self.stdout.write)
        except SyntheticDataExists as exc:
            raise CommandError(str(exc)) from exc
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {sum(counts.values())} rows in {time.perf_counter() - start:.1f} s."
            )
        )


if __name__ == "__main__":
    Command().run_from_argv([sys.argv[0], "national_data", *sys.argv[1:]])
