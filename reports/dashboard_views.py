from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from monitoring import access
from monitoring.models import Status
from municipalities.models import Municipality
from programmes.models import Programme, ProgrammeNode
from reports import page_cache
from reports.dashboard import Filters, dashboard
from reports.selectors import (
    municipality_history,
    national_overview,
    readable_programmes,
    task_years,
    with_review_years,
)


def _programme(user, slug: str) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("region"), slug=slug)
    if not access.can_read_reviews(user, programme.region_id):
        raise Http404
    return programme


def _years(programme: Programme) -> list[int]:
    """The years the dashboard offers, newest first. They come from a DISTINCT over all the
    programme's entries, which grows with the data: kept in the page cache beside the body, so
    a page served from the cache runs no query that grows with the data."""
    years = page_cache.cached(
        ("review years", programme.pk),
        lambda: with_review_years([programme])[0].review_years,
    )
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
    filters = Filters.from_query(request.GET, years=years)
    # Gathered only on a download or when the body is not in the page cache.
    data = SimpleLazyObject(lambda: dashboard(programme, request.GET, years=years))
    if download := request.GET.get("download", ""):
        table = data.tables.get(download)
        if table is not None:
            file_format = request.GET.get("format", "xlsx")
            if file_format not in ("csv", "xlsx"):
                raise Http404
            return table.response(file_format, f"{programme.slug}-{filters.year}-{table.name}")
    coordinates = access.roles_of(request.user).is_coordinator
    body = page_cache.fragment(
        ("dashboard", programme.pk, filters.year, filters.goal, filters.status)
        + (get_language(), coordinates),
        lambda: render_to_string(
            "reports/_dashboard_body.html",
            {"programme": programme, "data": data, "years": years, "statuses": Status.choices},
            request,
        ),
    )
    return page_cache.page_around(
        request,
        "reports/dashboard.html",
        {"programme": programme, "filters": filters},
        name="body",
        part=body,
    )


@login_required
def national(request):
    """The regions side by side: each programme's latest year at a glance."""
    if not access.roles_of(request.user).national:
        raise Http404
    rows = national_overview(with_review_years(readable_programmes(request.user)))
    return render(request, "reports/national.html", {"rows": rows})


@login_required
def task(request, slug, pk):
    """One task: every municipality's entry on it, a few years a page, newest first."""
    programme = _programme(request.user, slug)
    node = get_object_or_404(
        ProgrammeNode.objects.select_related("parent"), programme=programme, pk=pk
    )
    years, pages = task_years(node, request)
    return render(
        request,
        "reports/task.html",
        {"programme": programme, "node": node, "years": years, "pages": pages},
    )


@login_required
def municipality(request, slug, municipality_slug):
    """One municipality: its entries (a few years a page), figures, projects and reports."""
    programme = _programme(request.user, slug)
    town = get_object_or_404(Municipality, slug=municipality_slug, region=programme.region)
    return render(
        request,
        "reports/municipality.html",
        {
            "programme": programme,
            "municipality": town,
            "data": municipality_history(programme, town, request),
        },
    )
