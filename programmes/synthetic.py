"""A synthetic national data set, to measure the app at the scale of the whole country.

`national_data_generate()` (the `generate_national_data` command) builds planning regions,
municipalities and one programme per region with its tree, indicators, every municipality's
entries and figures for every year, a few projects, and a reporting round for the latest year.
Everything it makes carries the "sint-" slug prefix (regions, municipalities, programmes, the
user who opened the rounds), so it never collides with the real data from fixtures/ and can be
found again and deleted.

Rows are written with bulk_create in batches; synthetic data has no history records. The same
seed gives the same data set.
"""

import datetime
import itertools
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from monitoring.models import ProgressEntry, Project, ReportingRound, Status, Submission
from municipalities.models import EURO_ADOPTION_YEAR, Municipality, PlanningRegion, YearlyFigures
from programmes.models import (
    Indicator,
    IndicatorValue,
    PlannedQuantity,
    PolicyResult,
    Programme,
    ProgrammeNode,
    Responsible,
    code_sort_key,
)
from reports.models import PolicyResultVerdict, ReviewText, ReviewVersion

SLUG_PREFIX = "sint-"
USERNAME = "sint-generators"
# Starting at the euro's adoption keeps every amount in euro (the figures allow lats only
# before 2014).
FIRST_YEAR = EURO_ADOPTION_YEAR
BATCH_SIZE = 2000
TASKS_PER_BLOCK = 12  # more than 9, so codes like 1.10 test the natural order
ACTIONS_PER_TASK = 4
INDICATORS_PER_KIND = 4
PROJECTS_PER_YEAR = 3
# Every tenth action is the municipalities' and the region's, with a region-wide entry too.
BOTH_EVERY = 10

STATUS_WEIGHTS = {
    Status.IMPLEMENTED: 30,
    Status.IMPROVED: 20,
    Status.PARTIAL: 15,
    Status.UNCHANGED: 15,
    Status.NOT_IMPLEMENTED: 6,
    Status.NOT_RELEVANT: 6,
    Status.NO_INFORMATION: 8,
}
STATE_WEIGHTS = {
    Submission.State.APPROVED: 35,
    Submission.State.SUBMITTED: 25,
    Submission.State.DRAFT: 15,
    Submission.State.RETURNED: 10,
    Submission.State.NOT_STARTED: 15,
}

ALREADY_EXISTS = (
    "Synthetic data (slugs starting with “sint-”) is already in the database; "
    "run again with --replace to delete it and generate a new set."
)

TOPICS = [
    "Sociālo pakalpojumu pieejamība",
    "Alternatīvā aprūpe",
    "Sociālā rehabilitācija",
    "Atbalsts ģimenēm ar bērniem",
    "Pakalpojumi senioriem",
    "Personas ar invaliditāti",
    "Sociālo darbinieku kapacitāte",
    "Sadarbība ar nevalstiskajām organizācijām",
]
VERBS = ["Attīstīt", "Pilnveidot", "Ieviest", "Paplašināt", "Nodrošināt", "Izvērtēt"]
OBJECTS = [
    "aprūpes mājās pakalpojumu",
    "dienas aprūpes centru darbu",
    "grupu dzīvokļu tīklu",
    "krīzes centra pakalpojumus",
    "atbalsta grupas vecākiem",
    "asistenta pakalpojumu",
    "speciālistu supervīzijas",
    "mobilās brigādes darbu",
    "informēšanu par pakalpojumiem",
    "sociālās darbnīcas",
]
SUBJECTS = [
    "Sociālais dienests",
    "Pašvaldība",
    "Dienas centrs",
    "Krīzes centrs",
    "Aprūpes mājās dienests",
    "Ģimenes atbalsta centrs",
]
DEEDS = [
    "nodrošināja pakalpojumu {n} klientiem",
    "organizēja apmācības {n} darbiniekiem",
    "turpināja sadarbību ar {n} biedrībām",
    "uzsāka atbalsta grupas {n} ģimenēm",
    "sniedza konsultācijas {n} senioriem",
    "izveidoja {n} jaunas vietas",
]
TAILS = [
    "",
    " Finansējums no pašvaldības budžeta.",
    " Darbs turpināsies nākamajā gadā.",
    " Izmantots ESF atbalsts.",
    " Situācija salīdzinājumā ar iepriekšējo gadu nav mainījusies.",
    " Trūkst kvalificētu speciālistu.",
]
UNITS = ["klienti", "pakalpojumi", "vietas", "%", "speciālisti"]
FUNDING = ["ESF", "ERAF", "Pašvaldības budžets", "Valsts budžets", "EEZ finanšu instruments"]


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


def _bulk(model: type[models.Model], objects: Iterable[models.Model]) -> list[models.Model]:
    """Insert in batches and return the objects (with primary keys)."""
    objects = list(objects)
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def _stream(model: type[models.Model], objects: Iterator[models.Model]) -> int:
    """Insert a long stream in batches without holding it all in memory; returns the count."""
    count = 0
    while batch := list(itertools.islice(objects, BATCH_SIZE)):
        model.objects.bulk_create(batch)
        count += len(batch)
    return count


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

    regions = _bulk(
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
    towns = _bulk(
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

    programmes = _bulk(
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
                sub_goals=TOPICS[:4],
                source=f"generate_national_data --seed {size.seed}",
            )
            for region in regions
        ),
    )
    counts["programmes"] = len(programmes)
    counts["policy results"] = len(
        _bulk(
            PolicyResult,
            (
                PolicyResult(programme=p, position=i, text=f"Uzlabojusies {topic.lower()}")
                for p in programmes
                for i, topic in enumerate(TOPICS[:3], start=1)
            ),
        )
    )

    actions_by_programme = _tree(programmes, size.tasks, rng, counts)
    _indicators(programmes, actions_by_programme, years, rng, counts)

    counts["progress entries"] = _stream(
        ProgressEntry, _entries(programmes, actions_by_programme, towns_of, years, rng)
    )
    counts["yearly figures"] = _stream(YearlyFigures, _figures(towns, years, rng))
    _projects(programmes, actions_by_programme, towns_of, years, rng, counts)
    _rounds(programmes, towns_of, years[-1], user, rng, counts)
    return counts


def _title(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"


def _tree(
    programmes: list[Programme], tasks: int, rng: random.Random, counts: dict[str, int]
) -> dict[int, list[ProgrammeNode]]:
    """Block → task → action, with `tasks` actions (the reportable level) per programme."""
    per_block = TASKS_PER_BLOCK * ACTIONS_PER_TASK
    codes = [
        (b, t, a)
        for b in range(1, (tasks - 1) // per_block + 2)
        for t in range(1, TASKS_PER_BLOCK + 1)
        for a in range(1, ACTIONS_PER_TASK + 1)
    ][:tasks]

    def node(programme, parent, kind, code, title, responsible=""):
        return ProgrammeNode(
            programme=programme,
            parent=parent,
            kind=kind,
            code=code,
            sort_key=code_sort_key(code),
            title=title,
            responsible=responsible,
        )

    Kind = ProgrammeNode.Kind
    blocks = {
        (p.pk, b): node(p, None, Kind.BLOCK, str(b), TOPICS[(b - 1) % len(TOPICS)])
        for p in programmes
        for b in sorted({b for b, _, _ in codes})
    }
    _bulk(ProgrammeNode, blocks.values())
    task_nodes = {
        (p.pk, b, t): node(
            p, blocks[p.pk, b], Kind.TASK, f"{b}.{t}", _title(rng), Responsible.MUNICIPALITIES
        )
        for p in programmes
        for b, t in sorted({(b, t) for b, t, _ in codes})
    }
    _bulk(ProgrammeNode, task_nodes.values())
    actions = _bulk(
        ProgrammeNode,
        (
            node(
                p,
                task_nodes[p.pk, b, t],
                Kind.ACTION,
                f"{b}.{t}.{a}",
                _title(rng),
                Responsible.BOTH if i % BOTH_EVERY == 0 else Responsible.MUNICIPALITIES,
            )
            for p in programmes
            for i, (b, t, a) in enumerate(codes, start=1)
        ),
    )
    counts["programme elements"] = len(blocks) + len(task_nodes) + len(actions)
    by_programme: dict[int, list[ProgrammeNode]] = {p.pk: [] for p in programmes}
    for action in actions:
        by_programme[action.programme_id].append(action)
    return by_programme


def _indicators(programmes, actions_by_programme, years, rng, counts) -> None:
    indicators = []
    for programme in programmes:
        actions = actions_by_programme[programme.pk]
        for kind in Indicator.Kind:
            for i in range(1, INDICATORS_PER_KIND + 1):
                baseline = Decimal(rng.randint(10, 200))
                indicators.append(
                    Indicator(
                        programme=programme,
                        kind=kind,
                        code=str(i),
                        sort_key=code_sort_key(str(i)),
                        title=f"{rng.choice(OBJECTS).capitalize()}: {rng.choice(UNITS)}",
                        node=rng.choice(actions),
                        unit=rng.choice(UNITS),
                        baseline_value=baseline,
                        baseline_text=str(baseline),
                        baseline_year=years[0],
                        target_value=baseline * Decimal("1.5"),
                        target_year=years[-1],
                        data_source="Pašvaldību sociālo dienestu pārskati",
                    )
                )
    _bulk(Indicator, indicators)
    counts["indicators"] = len(indicators)
    values = []
    for indicator in indicators:
        for step, year in enumerate(years):
            progress = Decimal(step) / max(len(years) - 1, 1)
            span = indicator.target_value - indicator.baseline_value
            noise = Decimal(rng.randint(-5, 5))
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    year=year,
                    value=(indicator.baseline_value + span * progress + noise).quantize(
                        Decimal("0.01")
                    ),
                )
            )
    counts["indicator values"] = len(_bulk(IndicatorValue, values))


def _narrative(rng: random.Random) -> str:
    deed = rng.choice(DEEDS).format(n=rng.randint(2, 140))
    return f"{rng.choice(SUBJECTS)} {deed}.{rng.choice(TAILS)}"


def _entries(programmes, actions_by_programme, towns_of, years, rng) -> Iterator[ProgressEntry]:
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    for programme in programmes:
        actions = actions_by_programme[programme.pk]
        for year in years:
            for action in actions:
                if action.responsible == Responsible.BOTH:
                    yield ProgressEntry(
                        node=action,
                        year=year,
                        status=rng.choices(statuses, weights)[0],
                        narrative=f"Reģiona kopsavilkums: {_narrative(rng)}",
                    )
            for town in towns_of[programme.region_id]:
                for action in actions:
                    status = rng.choices(statuses, weights)[0]
                    silent = status == Status.NO_INFORMATION or rng.random() < 0.15
                    yield ProgressEntry(
                        node=action,
                        municipality=town,
                        year=year,
                        status=status,
                        narrative="" if silent else _narrative(rng),
                        quantity=Decimal(rng.randint(1, 200)) if rng.random() < 0.3 else None,
                    )


def _figures(towns, years, rng) -> Iterator[YearlyFigures]:
    for town in towns:
        budget = rng.randint(200_000, 5_000_000)
        for year in years:
            budget = int(budget * rng.uniform(0.97, 1.08))
            gmi, housing, other = (rng.randint(5_000, 150_000) for _ in range(3))
            yield YearlyFigures(
                municipality=town,
                year=year,
                social_budget=Decimal(budget),
                clients=rng.randint(100, 6_000),
                benefits_total=Decimal(gmi + housing + other),
                benefits_gmi=Decimal(gmi),
                benefits_housing=Decimal(housing),
                benefits_other=Decimal(other),
                recipients=rng.randint(50, 3_000),
            )


def _projects(programmes, actions_by_programme, towns_of, years, rng, counts) -> None:
    projects, tasks = [], []
    for programme in programmes:
        for year in years:
            for i in range(PROJECTS_PER_YEAR):
                # The first of each year is the region's own.
                town = rng.choice(towns_of[programme.region_id]) if i else None
                projects.append(
                    Project(
                        region_id=programme.region_id,
                        municipality=town,
                        year=year,
                        title=f"{_title(rng)} ({town or programme.region.short_name})",
                        funding_source=rng.choice(FUNDING),
                        budget=Decimal(rng.randint(10_000, 900_000)),
                        start=str(year),
                        end=str(year + rng.randint(0, 3)),
                        continued=rng.random() < 0.7,
                    )
                )
                tasks.append(rng.choice(actions_by_programme[programme.pk]))
    _bulk(Project, projects)
    Through = Project.tasks.through
    _bulk(
        Through, (Through(project=p, programmenode=t) for p, t in zip(projects, tasks, strict=True))
    )
    counts["projects"] = len(projects)


def _rounds(programmes, towns_of, year, user, rng, counts) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    rounds = _bulk(
        ReportingRound,
        (
            ReportingRound(programme=p, year=year, deadline=deadline, opened_by=user)
            for p in programmes
        ),
    )
    counts["reporting years"] = len(rounds)
    states, weights = list(STATE_WEIGHTS), list(STATE_WEIGHTS.values())
    now = timezone.now()
    State = Submission.State
    submissions = []
    for reporting_round in rounds:
        for town in towns_of[reporting_round.programme.region_id]:
            state = rng.choices(states, weights)[0]
            started = state != State.NOT_STARTED
            handed_in = state in (State.SUBMITTED, State.RETURNED, State.APPROVED)
            submissions.append(
                Submission(
                    round=reporting_round,
                    municipality=town,
                    state=state,
                    version=rng.randint(1, 6) if started else 0,
                    return_comment="Lūdzu papildināt 2.3 aprakstu."
                    if state == State.RETURNED
                    else "",
                    submitted_at=now if handed_in else None,
                    approved_at=now if state == State.APPROVED else None,
                    updated_by=user if started else None,
                )
            )
    counts["submissions"] = len(_bulk(Submission, submissions))
