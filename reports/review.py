"""The annual implementation review of a programme for a year, gathered in a fixed number of
queries (the same for 5 municipalities as for 22), for the HTML page, the PDF and the workbook.

What counts is monitoring/counting.py's rule: the region's own entries always; a
municipality's entries, figures and projects once its report is approved (handed in, for the
dashboards); in a year without a reporting round, the published data. Besides that:
- a municipality with no counted entry on a task counts as "no information" (in a year with a
  reporting round or with published per-municipality entries; a year known only from the
  region's own review has no per-municipality count);
- a task is fulfilled by reports/conclusions.py's rule, which also says when the share of
  tasks fulfilled is given and what it is computed from;
- a published review's own codes, headings and rows (ProgrammeNode.in_review) are that year's
  review's, shown beside the programme's and never counted as tasks.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from monitoring import kept_sql
from monitoring.continuity import unchanged_since, unchanged_words
from monitoring.counting import Counting, counted
from monitoring.models import ProgressEntry, Project, ReportingRound, Status, Submission
from municipalities.models import Municipality, PlanningRegion, YearlyFigures, municipality_order
from programmes.models import (
    PolicyResult,
    Programme,
    ProgrammeNode,
    Responsible,
    code_sort_key,
    in_force,
)
from programmes.tree import walk_tree
from reports.conclusions import Conclusions, task_fulfilled
from reports.indicators import IndicatorLine, indicator_lines
from reports.models import PolicyResultVerdict, ReviewText, ReviewVersion
from reports.projects import YearProjects, partnership_prefetches
from reports.summary import (
    MOVEMENTS,
    SUMMARY_ORDER,
    movement_rule,
    movement_sentence,
    summary_sentence,
)
from reports.survey import SurveyPart, survey_part


@dataclass(slots=True)
class Narrative:
    municipality: Municipality | None
    status: str
    text: str
    previous_status: str = ""
    # The first year of the run of identical entries (monitoring/continuity.py).
    unchanged_since: int | None = None

    @property
    def unchanged(self) -> str:
        return unchanged_words(self.unchanged_since) if self.unchanged_since else ""


@dataclass
class TaskLine:
    node: ProgrammeNode
    level: int
    is_heading: bool
    narratives: list[Narrative] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    summary: str = ""
    # Municipalities whose status moved since last year, by reports/summary.py's
    # status_movement() (BETTER, WORSE, SAME); only in the review (texts=True), which reads
    # last year's entries.
    movement: dict[str, int] = field(default_factory=dict)
    movement_summary: str = ""
    region_status: str = ""
    fulfilled: bool = False
    # The code and heading the published review of the year gave the row, where it has its own
    # (ProgrammeNode.in_review); a row only that review has is never counted.
    review_code: str = ""
    review_title: str = ""

    @property
    def counted(self) -> bool:
        return bool(self.counts)

    @property
    def review_only(self) -> bool:
        return self.node.is_review_row


@dataclass
class FinanceLine:
    municipality: Municipality
    previous: YearlyFigures | None
    current: YearlyFigures | None

    FIELDS = {
        "social_budget": _("Social budget, EUR"),
        "clients": _("Clients"),
        "benefits_total": _("Benefits in total, EUR"),
        "benefits_gmi": _("of which GMI, EUR"),
        "benefits_housing": _("of which housing benefit, EUR"),
        "benefits_other": _("of which other benefits, EUR"),
        "recipients": _("Benefit recipients"),
    }

    @property
    def cells(self) -> list[tuple]:
        """(label, previous, current, change) per FIELDS; money in euro."""
        labels = _figure_labels(get_language())
        return [
            (
                labels[name],
                previous,
                current,
                current - previous if None not in (previous, current) else None,
            )
            for name, previous, current in YearlyFigures.side_by_side(self.previous, self.current)
        ]

    @property
    def converted(self) -> bool:
        return any(f is not None and f.is_converted for f in (self.previous, self.current))

    @property
    def has_figures(self) -> bool:
        """Whether either year gives one of the figures: a municipality's yearly figures may
        hold none (Latgale's table 4.1 leaves its cells empty), which the review says in a
        sentence under the table rather than in seven rows of "—"."""
        return any(
            previous is not None or current is not None
            for _name, previous, current in YearlyFigures.side_by_side(self.previous, self.current)
        )


@lru_cache(maxsize=16)
def _figure_labels(language: str | None) -> dict[str, str]:
    """FinanceLine.FIELDS in the language: a national review labels 336 cells with them, each
    a lookup in the catalogue when left lazy, and the catalogues are fixed while the app runs."""
    return {name: str(label) for name, label in FinanceLine.FIELDS.items()}


@dataclass
class CompletenessLine:
    municipality: Municipality
    submission: Submission | None = None

    @property
    def state(self) -> str | None:
        return self.submission.state if self.submission else None

    @property
    def label(self) -> str:
        return Submission.State(self.state).label if self.state else ""

    @property
    def is_approved(self) -> bool:
        return self.submission is not None and self.submission.is_approved


@dataclass(kw_only=True)
class ReviewStanding:
    """Where the review of a programme-year stands: whose reports are approved, the
    coordinator's texts and the verdicts on the policy results. A few small queries: the review
    page reads only this beside its cached document (the coordinator's forms and the
    finalisation's warning), and the whole review (`Review`) begins with it."""

    programme: Programme
    year: int
    municipalities: list[Municipality]
    reporting_round: ReportingRound | None
    completeness: list[CompletenessLine]
    verdicts: list[tuple]
    text: ReviewText | None
    previous_text: ReviewText | None = None  # last year's, the draft of this year's introduction

    @property
    def is_incomplete(self) -> bool:
        """A review of a reporting round with any municipality's report not approved."""
        return self.reporting_round is not None and bool(self.not_approved)

    @property
    def not_approved(self) -> list["CompletenessLine"]:
        return [line for line in self.completeness if not line.is_approved]

    @property
    def approved_count(self) -> int:
        return sum(line.is_approved for line in self.completeness)


@dataclass(kw_only=True)
class Review(ReviewStanding):
    planned_results: list[IndicatorLine]
    indicators: list[IndicatorLine]
    tasks: list[TaskLine]
    # The municipalities that gave a figure for the year or the year before...
    finance: list[FinanceLine]
    # ...and the year's others, named under the finance table.
    without_figures: list[Municipality]
    generated_at: object = field(default_factory=timezone.now)
    # Set when the HTML is laid out as a final version: an incomplete one then says on its
    # cover that it was finalised before every report was approved, instead of "draft".
    for_version: bool = False
    # The programme-year's survey of social services and providers (reports/survey.py), or
    # None; only the review (texts=True) reads it.
    survey: SurveyPart | None = None
    # The year's projects and last year's reported again (reports/projects.py); like the
    # survey, only the review reads them.
    year_projects: YearProjects | None = None

    @property
    def is_draft(self) -> bool:
        """A review of a reporting round is a draft until every submission is approved (a
        version finalised before that is not a draft, but says it is incomplete)."""
        return self.is_incomplete and not self.for_version

    @property
    def is_finalised_incomplete(self) -> bool:
        return self.is_incomplete and self.for_version

    @property
    def counted_tasks(self) -> list[TaskLine]:
        return [t for t in self.tasks if not t.is_heading and not t.review_only]

    @property
    def task_rows(self) -> list[TaskLine]:
        """The rows of the tasks table: the counted tasks and a published review's own rows."""
        return [t for t in self.tasks if not t.is_heading]

    @property
    def has_own_codes(self) -> bool:
        """Whether a published review of the year numbered its rows itself."""
        return any(t.review_code for t in self.tasks)

    @property
    def projects(self) -> list[Project]:
        return self.year_projects.projects

    @cached_property
    def conclusions(self) -> Conclusions:
        return Conclusions.of(
            year=self.year,
            tasks=self.counted_tasks,
            has_round=self.reporting_round is not None,
            approved=self.approved_count,
            municipalities=len(self.completeness),
        )

    @property
    def status_totals(self) -> dict[str, int]:
        totals: Counter = Counter()
        for task in self.counted_tasks:
            totals.update(task.counts)
        return {s: totals.get(s, 0) for s in SUMMARY_ORDER}

    @property
    def has_counts(self) -> bool:
        return any(self.status_totals.values())

    @property
    def movement_rule(self) -> str:
        """How the change since last year is counted; "" when no task could be compared."""
        if not any(t.movement for t in self.counted_tasks):
            return ""
        return movement_rule(self.year - 1)

    @property
    def has_converted_money(self) -> bool:
        return any(line.converted for line in self.finance)


def review_versions(programme: Programme, year: int) -> list[ReviewVersion]:
    """The review's final versions, oldest first, without their PDFs' bytes."""
    return list(
        ReviewVersion.objects.filter(programme=programme, year=year)
        .select_related("created_by", "programme")
        .defer("pdf")
    )


def _nodes_in_force_query(programme_id: int, year: int) -> QuerySet:
    return ProgrammeNode.objects.filter(in_force(year), programme=programme_id)


def _figures_query(municipality_ids: list[int], year: int, counting: Counting) -> QuerySet:
    return counted(
        YearlyFigures.objects.filter(municipality__in=municipality_ids, year__in=(year, year - 1)),
        counting,
    )


def annual_review(
    programme: Programme, year: int, *, counting: Counting = Counting.APPROVED, texts: bool = True
) -> Review:
    """Everything the review of the programme for the year shows.

    `counting` says whose reports count (monitoring/counting.py): approved ones for the
    review, handed-in ones for the dashboards. Without `texts` (the dashboards show counts,
    not narratives) the entries' texts, the projects and the survey are not read.
    """
    counting = Counting(counting)
    region = programme.region
    standing = review_standing(programme, year, texts=texts)
    municipalities = standing.municipalities
    reporting_round = standing.reporting_round

    if texts:
        by_node, previous = _entries(programme, year, counting)
        tallies = Tallies.of_entries(by_node, municipalities)
        since = unchanged_since(programme, year, counting=counting)
    else:
        # The dashboards count and read no texts: the statuses counted in the database.
        by_node, previous, since = {}, {}, {}
        tallies = _status_tallies(programme, year, counting, municipalities)

    # Without a reporting round, published years may hold only the region's own review text;
    # counting every municipality as silent there would contradict that text.
    counts_municipalities = reporting_round is not None or tallies.has_municipal

    def in_review_order(node: ProgrammeNode) -> str:
        code = node.in_review(year)[0]
        return code_sort_key(code) if code else node.sort_key

    # The programme as it stood that year (ProgrammeNode.objects.as_of); the dashboards show no
    # amendment beside a task and leave them unread. A published review's own rows belong to
    # that year's review (its texts), not to the dashboards.
    in_year = (
        programme.nodes.as_of(year)
        if texts
        else kept_sql.instances(_nodes_in_force_query, programme.pk, year)
    )
    nodes = [n for n in in_year if not n.is_review_row or (texts and n.in_review(year)[0])]
    # Each municipality's id read once: the loop below runs for every task and municipality.
    places = [(m, m.pk) for m in municipalities]
    tasks = []
    for node in walk_tree(nodes, key=in_review_order):
        reportable = node.is_reportable
        line = TaskLine(
            node=node, level=node.level, is_heading=not (reportable or node.is_review_row)
        )
        line.review_code, line.review_title = node.in_review(year)
        got = by_node.get(node.pk, {})
        if node.pk in tallies.region_statuses and not line.is_heading:
            if reportable:
                line.region_status = tallies.region_statuses[node.pk]
            if texts:
                line.narratives.append(Narrative(None, *got[None]))
        if reportable:
            if counts_municipalities and node.responsible != Responsible.REGION:
                movement: Counter = Counter()
                node_pk = node.pk
                before_here = previous.get(node_pk, {})
                # The texts: each municipality's narrative and how its status moved.
                for municipality, place in places if texts else ():
                    status, narrative = got.get(place, NO_ENTRY)
                    status = status or Status.NO_INFORMATION
                    before = before_here.get(place)  # last year's status, if any
                    if before is not None and (moved := MOVEMENTS[before, status]):
                        movement[moved] += 1
                    if narrative:
                        line.narratives.append(
                            Narrative(
                                municipality,
                                status,
                                narrative,
                                (before or "") if status == Status.UNCHANGED else "",
                                since.get((node_pk, place)),
                            )
                        )
                line.counts = status_counts(tallies.statuses.get(node_pk, {}), len(places))
                line.summary = summary_sentence(line.counts)
                line.movement = dict(movement)
                line.movement_summary = movement_sentence(movement, year - 1)
            line.fulfilled = task_fulfilled(region_status=line.region_status, counts=line.counts)
        tasks.append(line)

    planned, result = indicator_lines(programme, year, counting, municipalities)

    figures: dict[tuple[int, int], YearlyFigures] = {}
    by_pk = {m.pk: m for m in municipalities}
    for f in kept_sql.instances(_figures_query, list(by_pk), year, counting):
        # Each figure is of one of the municipalities: its municipality set, not read again
        # (the projects' part names those that list no project).
        f.municipality = by_pk[f.municipality_id]
        figures[f.municipality_id, f.year] = f
    finance, without_figures = [], []
    for m in municipalities:
        line = FinanceLine(m, figures.get((m.pk, year - 1)), figures.get((m.pk, year)))
        if line.has_figures:
            finance.append(line)
        else:
            without_figures.append(m)

    return Review(
        **{f.name: getattr(standing, f.name) for f in fields(ReviewStanding)},
        planned_results=planned,
        indicators=result,
        tasks=tasks,
        finance=finance,
        without_figures=without_figures,
        year_projects=_year_projects(region, year, counting, municipalities, figures)
        if texts
        else None,
        survey=survey_part(programme, year, municipalities) if texts else None,
    )


# A municipality without an entry on the task: no status, no text.
NO_ENTRY = ("", "")


def status_counts(reported: Mapping[str, int], municipalities: int) -> dict[str, int]:
    """A task's municipalities by status: the statuses they reported and, for all the others
    (no counted entry, an entry without a status), "no information"."""
    counts = {
        status: n
        for status, n in reported.items()
        if n and status and status != Status.NO_INFORMATION
    }
    if silent := municipalities - sum(counts.values()):
        counts[Status.NO_INFORMATION] = silent
    return counts


def _entries(programme: Programme, year: int, counting: Counting) -> tuple[dict, dict]:
    """The counted entries of the year as (status, narrative) by task and municipality (None:
    the region's own), and last year's statuses by task and municipality, which feed the texts
    ("unchanged, as in <year>") and the movement since last year."""
    # Rows, not model instances, and plain tuples: at national scale the two years hold 7,230
    # entries, and only these fields are read (named rows took a millisecond more). In no
    # order (.order_by()): each row is looked up by its task and municipality, and sorting
    # them by the municipalities' names (the entries' default order) was half of the query's
    # time: 18 ms, 8.5 ms without it.
    # The query's SQL is made once per programme, year and counting (monitoring/kept_sql.py).
    entries = kept_sql.rows(_entries_query, programme, year, counting)
    by_node: dict[int, dict[int | None, tuple[str, str]]] = defaultdict(dict)
    previous: dict[int, dict[int | None, str]] = defaultdict(dict)
    for node_id, municipality_id, entry_year, status, narrative in entries:
        if entry_year == year:
            by_node[node_id][municipality_id] = (status, narrative)
        else:
            previous[node_id][municipality_id] = status
    return by_node, previous


def _entries_query(programme: Programme, year: int, counting: Counting) -> QuerySet:
    return (
        counted(
            ProgressEntry.objects.filter(node__programme=programme, year__in=(year, year - 1)),
            counting,
        )
        .order_by()
        .values_list("node_id", "municipality_id", "year", "status", "narrative")
    )


@dataclass
class Tallies:
    """The year's counted statuses: by task, the statuses the year's municipalities reported
    and how many did (status_counts adds the silent ones); the region's own status; and
    whether any municipality, of the year's or not, has an entry."""

    statuses: dict[int, dict[str, int]]
    region_statuses: dict[int, str]
    has_municipal: bool

    @classmethod
    def of_entries(cls, by_node: dict[int, dict], municipalities: list[Municipality]) -> "Tallies":
        """Counted from the entries the review reads for their texts (`_entries`)."""
        places = {m.pk for m in municipalities}
        return cls(
            statuses={
                node_pk: Counter(
                    status for key, (status, _text) in got.items() if key in places and status
                )
                for node_pk, got in by_node.items()
            },
            region_statuses={
                node_pk: got[None][0] for node_pk, got in by_node.items() if None in got
            },
            has_municipal=any(key is not None for got in by_node.values() for key in got),
        )


def _status_tallies(
    programme: Programme, year: int, counting: Counting, municipalities: list[Municipality]
) -> Tallies:
    """The same tallies as `Tallies.of_entries`, counted by the database in one query (the
    dashboards, which read no texts), whose SQL is made once per programme, year, counting
    and municipalities (monitoring/kept_sql.py)."""
    rows = kept_sql.rows(_tallies_query, programme, year, counting, municipalities)
    tallies = Tallies(statuses=defaultdict(dict), region_statuses={}, has_municipal=False)
    for node_id, status, reported, region, municipal in rows:
        if reported and status:
            tallies.statuses[node_id][status] = reported
        if region:
            tallies.region_statuses[node_id] = status
        tallies.has_municipal = tallies.has_municipal or bool(municipal)
    return tallies


def _tallies_query(
    programme: Programme, year: int, counting: Counting, municipalities: list[Municipality]
) -> QuerySet:
    return (
        counted(ProgressEntry.objects.filter(node__programme=programme, year=year), counting)
        .values("node_id", "status")
        .annotate(
            reported=Count("pk", filter=Q(municipality__in=[m.pk for m in municipalities])),
            region=Count("pk", filter=Q(municipality__isnull=True)),
            municipal=Count("municipality"),
        )
        .order_by()
        .values_list("node_id", "status", "reported", "region", "municipal")
    )


def _year_projects(
    region: PlanningRegion,
    year: int,
    counting: Counting,
    municipalities: list[Municipality],
    figures: dict[tuple[int, int], YearlyFigures],
) -> YearProjects:
    """The region's projects of the year, with last year's to know the ones reported again
    (reports/projects.py)."""
    projects = list(
        counted(Project.objects.filter(region=region, year__in=(year, year - 1)), counting)
        .select_related("municipality")
        .prefetch_related(*partnership_prefetches())
        .order_by(*municipality_order("municipality"), "title")
    )
    in_order = [figures[m.pk, year] for m in municipalities if (m.pk, year) in figures]
    return YearProjects.of(year, projects, in_order)


def _municipalities_query(region_id: int, year: int) -> QuerySet:
    return Municipality.objects.filter(region=region_id).active_in_year(year).in_order()


def _round_query(programme_id: int, year: int) -> QuerySet:
    return ReportingRound.objects.filter(programme=programme_id, year=year).order_by()


def _submissions_query(round_id: int) -> QuerySet:
    return Submission.objects.filter(round=round_id)


def _verdicts_query(programme_id: int, year: int) -> QuerySet:
    return PolicyResultVerdict.objects.filter(policy_result__programme=programme_id, year=year)


def _policy_results_query(programme_id: int) -> QuerySet:
    return PolicyResult.objects.filter(programme=programme_id)


def _review_texts_query(programme_id: int, year: int) -> QuerySet:
    return ReviewText.objects.filter(programme=programme_id, year__in=(year, year - 1))


def review_standing(programme: Programme, year: int, *, texts: bool = True) -> ReviewStanding:
    """Where the review of the programme for the year stands, in six queries whatever the
    size of the programme: the year's municipalities, its reporting round and submissions,
    the verdicts on the policy results and the coordinator's texts of this year and last.

    Without `texts` (the dashboards, which count and do not conclude) the verdicts and the
    coordinator's texts are not read: three queries."""
    municipalities = kept_sql.instances(_municipalities_query, programme.region_id, year)
    # One round a programme-year at most (a unique constraint).
    reporting_round = next(iter(kept_sql.instances(_round_query, programme.pk, year)), None)
    submissions = {}
    if reporting_round:
        for submission in kept_sql.instances(_submissions_query, reporting_round.pk):
            submission.round = reporting_round
            submissions[submission.municipality_id] = submission
    verdicts, by_year = [], {}
    if texts:
        verdict_texts = {
            v.policy_result_id: v.text
            for v in kept_sql.instances(_verdicts_query, programme.pk, year)
        }
        verdicts = [
            (r, verdict_texts.get(r.pk, ""))
            for r in kept_sql.instances(_policy_results_query, programme.pk)
        ]
        by_year = {t.year: t for t in kept_sql.instances(_review_texts_query, programme.pk, year)}
    return ReviewStanding(
        programme=programme,
        year=year,
        municipalities=municipalities,
        reporting_round=reporting_round,
        completeness=[CompletenessLine(m, submissions.get(m.pk)) for m in municipalities],
        verdicts=verdicts,
        text=by_year.get(year),
        previous_text=by_year.get(year - 1),
    )
