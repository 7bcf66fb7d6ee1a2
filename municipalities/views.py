from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from municipalities.models import Municipality, PlanningRegion


def index(request):
    regions = PlanningRegion.objects.prefetch_related(
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.select_related("successor").order_by(
                "valid_from", "kind", "name"
            ),
        )
    )
    return render(request, "municipalities/index.html", {"regions": regions})


def detail(request, slug):
    municipality = get_object_or_404(
        Municipality.objects.select_related("region", "successor").prefetch_related(
            "aliases", "predecessors", "yearly_figures"
        ),
        slug=slug,
    )
    return render(request, "municipalities/detail.html", {"municipality": municipality})
