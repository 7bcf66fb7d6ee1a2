"""The builders of scripts/national_data.py: each kind of synthetic row, made at random.

Each takes the rows it hangs on and a seeded `random.Random`; the ones that write add to
`counts` what they made, the long streams (`make_entries`, `make_figures`) yield unsaved rows for
`stream()` to insert in batches.
"""

import datetime
import itertools
import random
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db import models
from django.utils import timezone

from monitoring.models import ProgressEntry, Project, ReportingRound, Status, Submission
from municipalities.models import YearlyFigures
from programmes.models import (
    Indicator,
    IndicatorValue,
    Programme,
    ProgrammeNode,
    Responsible,
    code_sort_key,
)

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


def bulk(model: type[models.Model], objects: Iterable[models.Model]) -> list[models.Model]:
    """Insert in batches and return the objects (with primary keys)."""
    objects = list(objects)
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def stream(model: type[models.Model], objects: Iterator[models.Model]) -> int:
    """Insert a long stream in batches without holding it all in memory; returns the count."""
    count = 0
    while batch := list(itertools.islice(objects, BATCH_SIZE)):
        model.objects.bulk_create(batch)
        count += len(batch)
    return count


def random_title(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"


def make_tree(
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
    bulk(ProgrammeNode, blocks.values())
    task_nodes = {
        (p.pk, b, t): node(
            p, blocks[p.pk, b], Kind.TASK, f"{b}.{t}", random_title(rng), Responsible.MUNICIPALITIES
        )
        for p in programmes
        for b, t in sorted({(b, t) for b, t, _ in codes})
    }
    bulk(ProgrammeNode, task_nodes.values())
    actions = bulk(
        ProgrammeNode,
        (
            node(
                p,
                task_nodes[p.pk, b, t],
                Kind.ACTION,
                f"{b}.{t}.{a}",
                random_title(rng),
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


def make_indicators(programmes, actions_by_programme, years, rng, counts) -> None:
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
    bulk(Indicator, indicators)
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
    counts["indicator values"] = len(bulk(IndicatorValue, values))


def random_narrative(rng: random.Random) -> str:
    deed = rng.choice(DEEDS).format(n=rng.randint(2, 140))
    return f"{rng.choice(SUBJECTS)} {deed}.{rng.choice(TAILS)}"


def make_entries(programmes, actions_by_programme, towns_of, years, rng) -> Iterator[ProgressEntry]:
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
                        narrative=f"Reģiona kopsavilkums: {random_narrative(rng)}",
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
                        narrative="" if silent else random_narrative(rng),
                        quantity=Decimal(rng.randint(1, 200)) if rng.random() < 0.3 else None,
                    )


def make_figures(towns, years, rng) -> Iterator[YearlyFigures]:
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


def make_projects(programmes, actions_by_programme, towns_of, years, rng, counts) -> None:
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
                        title=f"{random_title(rng)} ({town or programme.region.short_name})",
                        funding_source=rng.choice(FUNDING),
                        budget=Decimal(rng.randint(10_000, 900_000)),
                        start=str(year),
                        end=str(year + rng.randint(0, 3)),
                        continued=rng.random() < 0.7,
                    )
                )
                tasks.append(rng.choice(actions_by_programme[programme.pk]))
    bulk(Project, projects)
    Through = Project.tasks.through
    bulk(
        Through, (Through(project=p, programmenode=t) for p, t in zip(projects, tasks, strict=True))
    )
    counts["projects"] = len(projects)


def make_rounds(programmes, towns_of, year, user, rng, counts) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    rounds = bulk(
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
    counts["submissions"] = len(bulk(Submission, submissions))
