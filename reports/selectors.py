"""What the review and dashboard pages read: which programmes a person may read, which of their
years have data, the national overview and the drill-downs. Each reads reported data through
monitoring/counting.py and takes a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Max, Q

from monitoring import access, services
from monitoring.catalogue import CatalogueSection, catalogue_section
from monitoring.counting import Counting, counted
from monitoring.models import ProgressEntry, Project, ReportingRound, Status, Submission
from municipalities.models import (
    Municipality,
    ServiceKind,
    ServiceOffer,
    YearlyFigures,
    municipality_order,
)
from programmes.models import Programme, ProgrammeNode
from reports.paging import PageLink, year_page
from reports.projects import partnerships_of
from reports.summary import summary_sentence


def with_review_years(programmes: list[Programme]) -> list[Programme]:
    """Sets `review_years` on each programme: its years with entries or a round, newest first.

    Two queries for any number of programmes and any amount of data: which of the programmes'
    own years have an entry (_years_with_entries) and which have a round.
    """
    if not programmes:
        return programmes
    with_entries = _years_with_entries(
        [(programme.pk, year) for programme in programmes for year in programme.years]
    )
    rounds = set(
        ReportingRound.objects.filter(programme__in=programmes).values_list("programme_id", "year")
    )
    for programme in programmes:
        programme.review_years = sorted(
            (
                year
                for year in programme.years
                if (programme.pk, year) in with_entries or (programme.pk, year) in rounds
            ),
            reverse=True,
        )
    return programmes


def _years_with_entries(candidates: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (programme pk, year) pairs of `candidates` that have at least one entry: for each
    pair, a probe per task of the programme into the entry_year_node index, which stops at
    the first task with an entry, instead of a DISTINCT over every entry in the country.

    In SQL, over a VALUES list (PostgreSQL and SQLite alike): the ORM can only annotate the
    programmes with an EXISTS column per year, which PostgreSQL plans as one subplan each, and
    at national scale that query took 5 ms to run and 5 ms to build against 1 ms for this one.
    The EXISTS is nested (an entry of a task of the programme), not a join of entries and
    tasks, which PostgreSQL planned as a hash of all the year's entries in the country: at
    national scale, for one programme's 15 years, 0.7 ms (5 ms while autovacuum had not yet
    marked a bulk load's pages visible, 48 ms on a table just rewritten) against 0.35-0.5 ms
    nested; for every programme at once (the national lists, 100 pairs) 35 ms against 2 ms.
    """
    if not candidates:
        return set()
    quote = connection.ops.quote_name
    entries, nodes = ProgressEntry._meta, ProgrammeNode._meta
    entry_node = quote(entries.get_field("node").column)
    entry_year = quote(entries.get_field("year").column)
    node_programme = quote(nodes.get_field("programme").column)
    pairs = ", ".join(["(%s, %s)"] * len(candidates))
    # Only the models' own quoted names and placeholders are written into the text.
    sql = (
        f"SELECT v.column1, v.column2 FROM (VALUES {pairs}) AS v WHERE EXISTS ("  # noqa: S608  # nosec B608
        f"SELECT 1 FROM {quote(nodes.db_table)} n WHERE n.{node_programme} = v.column1 "
        f"AND EXISTS (SELECT 1 FROM {quote(entries.db_table)} e "
        f"WHERE e.{entry_node} = n.{quote(nodes.pk.column)} AND e.{entry_year} = v.column2))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for pair in candidates for value in pair])
        return {(programme, year) for programme, year in cursor.fetchall()}


def readable_programmes(user) -> list[Programme]:
    regions = access.reviewable_region_ids(user)
    programmes = Programme.objects.select_related("region")
    if regions is not None:
        programmes = programmes.filter(region_id__in=regions)
    return list(programmes)


@dataclass
class NationalRow:
    """A programme's latest year with data: its reports by state and its entries by status."""

    programme: Programme
    year: int | None
    states: list[tuple[str, int]]
    counts: dict[str, int]

    @property
    def has_round(self) -> bool:
        return any(n for _label, n in self.states)


def national_overview(programmes: list[Programme]) -> list[NationalRow]:
    """Each programme (with `review_years` set) in its latest year, in two queries."""
    latest = {p.pk: p.review_years[0] for p in programmes if p.review_years}
    states: dict[tuple, dict[str, int]] = defaultdict(dict)
    # Each count without the models' default order (.order_by()): Django leaves that order out
    # of a GROUP BY but kept its join to the municipalities, which nothing here reads.
    for row in (
        Submission.objects.filter(round__programme__in=programmes)
        .values("round__programme_id", "round__year", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        states[row["round__programme_id"], row["round__year"]][row["state"]] = row["n"]
    # Only each programme's latest year is shown: count that, not every entry of every year.
    in_latest = Q(pk__in=[])
    for programme_id, year in latest.items():
        in_latest |= Q(node__programme_id=programme_id, year=year)
    entries = counted(
        ProgressEntry.objects.filter(in_latest, municipality__isnull=False), Counting.HANDED_IN
    )
    counts: dict[tuple, dict[str, int]] = defaultdict(dict)
    for row in (
        entries.values("node__programme_id", "year", "status").annotate(n=Count("pk")).order_by()
    ):
        status = row["status"] or Status.NO_INFORMATION
        counts[row["node__programme_id"], row["year"]][status] = row["n"]
    rows = []
    for programme in programmes:
        key = (programme.pk, latest.get(programme.pk))
        rows.append(
            NationalRow(
                programme=programme,
                year=key[1],
                states=[
                    (Submission.State(s).label, states[key].get(s, 0))
                    for s in Submission.State.values
                ],
                counts=counts.get(key, {}),
            )
        )
    return rows


@dataclass
class YearOfEntries:
    """One year of a drill-down: its counted entries and, on the task page, how many
    municipalities reported each status."""

    year: int
    entries: list[ProgressEntry]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return summary_sentence(self.counts)


def _years_of(entries, page_years: list[int], counts=None) -> list[YearOfEntries]:
    by_year: dict[int, list[ProgressEntry]] = defaultdict(list)
    for entry in entries:
        by_year[entry.year].append(entry)
    return [YearOfEntries(y, by_year[y], (counts or {}).get(y, {})) for y in page_years]


def task_years(node: ProgrammeNode, request) -> tuple[list[YearOfEntries], list[PageLink]]:
    """Every handed-in entry on the task for the years of the requested page, newest first,
    with the municipalities' statuses counted per year: two queries for any number of years."""
    entries = counted(ProgressEntry.objects.filter(node=node), Counting.HANDED_IN)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        entries.order_by()
        .values("year", "status")
        .annotate(n=Count("pk", filter=Q(municipality__isnull=False)))
    ):
        if row["n"]:
            counts[row["year"]][row["status"] or Status.NO_INFORMATION] = row["n"]
        else:
            counts.setdefault(row["year"], {})
    years, pages = year_page(request, counts.keys())
    page = (
        entries.filter(year__in=years)
        .select_related("municipality")
        .order_by("-year", *municipality_order("municipality"))
    )
    return _years_of(page, years, counts), pages


@dataclass
class MunicipalityHistory:
    """A municipality's part of a programme, as its drill-down shows it."""

    years: list[YearOfEntries]
    pages: list[PageLink]
    figures: list[YearlyFigures]
    projects: list[Project]
    submissions: list[Submission]
    history: list
    # The projects, of any region, it is a partner of (reports/projects.py).
    partnerships: list[Project] = field(default_factory=list)
    # Its services' clients and cost over the years (service_trends below).
    trends: list["ServiceTrend"] = field(default_factory=list)

    @property
    def has_converted(self) -> bool:
        return any(f.is_converted for f in self.figures)


def municipality_history(
    programme: Programme, municipality: Municipality, request
) -> MunicipalityHistory:
    """Its handed-in entries (a page of years), figures and projects, and its reports with
    their history."""
    entries = counted(
        ProgressEntry.objects.filter(node__programme=programme, municipality=municipality),
        Counting.HANDED_IN,
    )
    years, pages = year_page(request, entries.order_by().values_list("year", flat=True).distinct())
    page = entries.filter(year__in=years).select_related("node").order_by("-year", "node__sort_key")
    return MunicipalityHistory(
        years=_years_of(page, years),
        pages=pages,
        figures=list(
            counted(
                YearlyFigures.objects.filter(municipality=municipality), Counting.HANDED_IN
            ).order_by("-year")
        ),
        projects=list(
            counted(Project.objects.filter(municipality=municipality), Counting.HANDED_IN).order_by(
                "-year", "title"
            )
        ),
        submissions=list(
            Submission.objects.filter(municipality=municipality, round__programme=programme)
            .select_related("round")
            .order_by("-round__year")
        ),
        history=services.submission_history(
            Submission.history.filter(municipality_id=municipality.pk, round__programme=programme)
        ),
        partnerships=partnerships_of(municipality),
        trends=service_trends(municipality, Counting.HANDED_IN),
    )


@dataclass
class TrendPoint:
    """One year of a service: its clients and its cost in euro (lats converted, `converted`),
    with the amount as reported."""

    year: int
    clients: int | None
    cost_eur: Decimal | None
    cost: Decimal | None
    currency: str
    converted: bool


@dataclass
class ServiceTrend:
    """A service a municipality offered over the years: the years with a number."""

    kind: ServiceKind
    name: str
    points: list[TrendPoint]

    @property
    def title(self) -> str:
        return self.name or self.kind.name

    @property
    def has_converted(self) -> bool:
        return any(p.converted for p in self.points)

    @property
    def clients(self) -> list[tuple[int, int]]:
        return [(p.year, p.clients) for p in self.points if p.clients is not None]

    @property
    def costs(self) -> list[tuple[int, Decimal]]:
        return [(p.year, p.cost_eur) for p in self.points if p.cost_eur is not None]


# A trend needs at least two years to show.
TREND_MIN_YEARS = 2


def service_trends(municipality: Municipality, counting: Counting) -> list[ServiceTrend]:
    """The municipality's services with clients or cost in at least two counted years, each
    with its years in order and money in euro: one query, whatever the number of years."""
    offers = counted(
        ServiceOffer.objects.filter(municipality=municipality).filter(
            Q(clients__isnull=False) | Q(budget__isnull=False)
        ),
        counting,
    ).in_order()
    by_service: dict[tuple, ServiceTrend] = {}
    for offer in offers:
        key = (offer.kind_id, offer.name.strip().casefold())
        trend = by_service.setdefault(key, ServiceTrend(offer.kind, offer.name, []))
        trend.points.append(
            TrendPoint(
                year=offer.year,
                clients=offer.clients,
                cost_eur=offer.budget_eur,
                cost=offer.budget,
                currency=offer.currency,
                converted=offer.is_converted,
            )
        )
    return [t for t in by_service.values() if len(t.points) >= TREND_MIN_YEARS]


def latest_catalogue(municipality: Municipality, counting: Counting) -> CatalogueSection | None:
    """The municipality's latest service catalogue that counts, beside the year before it (its
    services, staff by role, budget and what it still has to develop): four queries, its year
    and the section's three; None when no catalogue counts."""
    year = counted(ServiceOffer.objects.filter(municipality=municipality), counting).aggregate(
        latest=Max("year")
    )["latest"]
    if year is None:
        return None
    return catalogue_section(municipality, year, counting=counting)
