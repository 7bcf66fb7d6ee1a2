"""The public pages of the municipalities (/municipalities/): the register by region, and each
municipality's names, lineage, yearly figures, service catalogue and the projects it is a
partner of.

They are built here rather than in municipalities/ (the register itself) because the figures
are reported data: anyone may open these pages, so they show only what counts as approved
(monitoring/counting.py), which the ground floor cannot know.
"""

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render

from monitoring.counting import Counting, counted
from municipalities.models import MUNICIPALITY_ORDER, Municipality, PlanningRegion, YearlyFigures
from reports.projects import partnerships_of
from reports.selectors import latest_catalogue, service_trends


def index(request):
    regions = PlanningRegion.objects.prefetch_related(
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.select_related("successor").order_by(
                F("valid_from").asc(nulls_first=True), *MUNICIPALITY_ORDER
            ),
        )
    )
    return render(request, "municipalities/index.html", {"regions": regions})


def detail(request, slug):
    municipality = get_object_or_404(
        Municipality.objects.select_related("region", "successor").prefetch_related(
            "aliases", "predecessors"
        ),
        slug=slug,
    )
    figures = list(
        counted(YearlyFigures.objects.filter(municipality=municipality), Counting.APPROVED)
    )
    return render(
        request,
        "municipalities/detail.html",
        {
            "municipality": municipality,
            "figures": figures,
            "has_converted": any(f.is_converted for f in figures),
            "trends": service_trends(municipality, Counting.APPROVED),
            "catalogue": latest_catalogue(municipality, Counting.APPROVED),
            "partnerships": partnerships_of(municipality),
        },
    )
