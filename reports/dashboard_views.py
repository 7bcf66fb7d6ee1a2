from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from monitoring import access
from monitoring.models import ProgressEntry, Project, Status, Submission
from municipalities.models import Municipality, YearlyFigures
from programmes.models import Programme, ProgrammeNode
from reports.dashboard import dashboard
from reports.paging import year_page
from reports.selectors import readable_programmes, with_review_years
from reports.summary import summary_sentence


def _programme(user, slug: str) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("region"), slug=slug)
    if not access.can_read_reviews(user, programme.region_id):
        raise Http404
    return programme


def _years(programme: Programme) -> list[int]:
    years = with_review_years([programme])[0].review_years
    return years or sorted(programme.years, reverse=True)


@login_required
def index(request):
    """Where the dashboards start: the region's programme, or all regions for the ministry."""
    programmes = readable_programmes(request.user)
    if len(programmes) == 1:
        return region(request, programmes[0].slug)
    return national(request)


@login_required
def region(request, slug):
    programme = _programme(request.user, slug)
    years = _years(programme)
    data = dashboard(programme, request.GET, years=years)
    table = data.tables.get(request.GET.get("download", ""))
    if table is not None:
        file_format = request.GET.get("format", "xlsx")
        if file_format not in ("csv", "xlsx"):
            raise Http404
        return table.response(file_format, f"{programme.slug}-{data.filters.year}-{table.name}")
    return render(
        request,
        "reports/dashboard.html",
        {
            "programme": programme,
            "data": data,
            "years": years,
            "statuses": Status.choices,
        },
    )


@login_required
def national(request):
    """The regions side by side: each programme's latest year at a glance."""
    if not access.roles_of(request.user).national:
        raise Http404
    programmes = with_review_years(readable_programmes(request.user))
    states = defaultdict(dict)
    for row in (
        Submission.objects.filter(round__programme__in=programmes)
        .values("round__programme_id", "round__year", "state")
        .annotate(n=Count("pk"))
    ):
        states[row["round__programme_id"], row["round__year"]][row["state"]] = row["n"]
    # Only each programme's latest year is shown: count that, not every entry of every year.
    latest = Q(pk__in=[])
    for programme in programmes:
        if programme.review_years:
            latest |= Q(node__programme=programme, year=programme.review_years[0])
    entries = defaultdict(dict)
    for row in (
        ProgressEntry.objects.filter(latest, municipality__isnull=False)
        .handed_in()
        .values("node__programme_id", "year", "status")
        .annotate(n=Count("pk"))
    ):
        entries[row["node__programme_id"], row["year"]][row["status"] or "no_information"] = row[
            "n"
        ]
    rows = []
    for programme in programmes:
        year = programme.review_years[0] if programme.review_years else None
        rows.append(
            {
                "programme": programme,
                "year": year,
                "states": [
                    (Submission.State(s).label, states[programme.pk, year].get(s, 0))
                    for s in Submission.State.values
                ],
                "has_round": bool(states.get((programme.pk, year))),
                "counts": entries.get((programme.pk, year), {}),
            }
        )
    return render(request, "reports/national.html", {"rows": rows})


@login_required
def task(request, slug, pk):
    """One task: every municipality's entry on it, a few years a page, newest first."""
    programme = _programme(request.user, slug)
    node = get_object_or_404(
        ProgrammeNode.objects.select_related("parent"), programme=programme, pk=pk
    )
    visible = ProgressEntry.objects.filter(node=node).handed_in()
    years, pages = year_page(request, visible.order_by().values_list("year", flat=True).distinct())
    by_year = defaultdict(list)
    for entry in (
        visible.filter(year__in=years)
        .select_related("municipality")
        .order_by("-year", "municipality__name")
    ):
        by_year[entry.year].append(entry)
    sections = []
    for year in years:
        counts = defaultdict(int)
        for entry in by_year[year]:
            if entry.municipality_id:
                counts[entry.status or "no_information"] += 1
        sections.append(
            {
                "year": year,
                "entries": by_year[year],
                "counts": dict(counts),
                "summary": summary_sentence(counts),
            }
        )
    return render(
        request,
        "reports/task.html",
        {"programme": programme, "node": node, "years": sections, "pages": pages},
    )


@login_required
def municipality(request, slug, municipality_slug):
    """One municipality: its entries (a few years a page), figures, projects and reports."""
    programme = _programme(request.user, slug)
    town = get_object_or_404(Municipality, slug=municipality_slug, region=programme.region)
    visible = ProgressEntry.objects.filter(node__programme=programme, municipality=town).handed_in()
    years, pages = year_page(request, visible.order_by().values_list("year", flat=True).distinct())
    by_year = defaultdict(list)
    for entry in (
        visible.filter(year__in=years).select_related("node").order_by("-year", "node__sort_key")
    ):
        by_year[entry.year].append(entry)
    submissions = list(
        Submission.objects.filter(municipality=town, round__programme=programme)
        .select_related("round")
        .order_by("-round__year")
    )
    # Figures and projects of a report not handed in yet are a draft, as its entries are.
    drafts = {s.round.year for s in submissions if s.state not in Submission.HANDED_IN}
    history = list(
        Submission.history.filter(municipality_id=town.pk, round__programme=programme)
        .select_related("history_user")
        .order_by("-history_date")
    )
    return render(
        request,
        "reports/municipality.html",
        {
            "programme": programme,
            "municipality": town,
            "years": [(year, by_year[year]) for year in years],
            "pages": pages,
            "figures": [
                f
                for f in YearlyFigures.objects.filter(municipality=town).order_by("-year")
                if f.year not in drafts
            ],
            "projects": [
                p
                for p in Project.objects.filter(municipality=town).order_by("-year", "title")
                if p.year not in drafts
            ],
            "submissions": submissions,
            "history": history,
        },
    )
