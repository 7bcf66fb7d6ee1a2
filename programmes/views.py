from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404, render

from programmes.models import AmendmentChange, Indicator, Programme, ProgrammeNode
from programmes.tree import walk_tree

PROPOSALS_PER_PAGE = 25


def index(request):
    programmes = Programme.objects.select_related("region").annotate(
        task_count=Count(
            "nodes",
            filter=Q(nodes__kind__in=ProgrammeNode.REPORTABLE_KINDS),
            distinct=True,
        ),
        indicator_count=Count("indicators", distinct=True),
    )
    return render(request, "programmes/index.html", {"programmes": programmes})


def _year(request, programme: Programme) -> int | None:
    """The year asked for (?year=), if it is one of the programme's; None otherwise."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if year in programme.years else None


def _as_of(found, year: int | None):
    """Nodes or indicators as the programme stood in the year, or all of them; either way with
    the amendments that added or removed them."""
    return found.as_of(year) if year else found.with_amendments()


def detail(request, slug):
    """The programme: as it stands, each task and indicator an amendment added or removed
    marked, or (?year=) as it stood in a year; its amendments and the proposals made to it."""
    programme = get_object_or_404(Programme.objects.select_related("region"), slug=slug)
    year = _year(request, programme)
    nodes = walk_tree(
        _as_of(programme.nodes, year).annotate(
            planned_total=Sum("planned_quantities__quantity"),
            planned_municipalities=Count(
                "planned_quantities", filter=Q(planned_quantities__municipality__isnull=False)
            ),
        )
    )
    sections = []
    for node in nodes:
        if node.level == 0:
            sections.append({"head": node, "rows": []})
        elif sections:
            sections[-1]["rows"].append(node)
    indicators = list(
        _as_of(programme.indicators.with_values(), year).select_related("service_kind")
    )
    amendments = programme.amendments.prefetch_related(
        Prefetch("changes", queryset=AmendmentChange.objects.select_related("node", "indicator"))
    )
    proposals = Paginator(
        programme.proposals.select_related("municipality", "node", "included_in"),
        PROPOSALS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "sections": sections,
        "has_plans": any(node.planned_municipalities for node in nodes),
        "policy_results": programme.policy_results.all(),
        "planned_results": [i for i in indicators if i.kind == Indicator.Kind.PLANNED_RESULT],
        "result_indicators": [i for i in indicators if i.kind == Indicator.Kind.RESULT_INDICATOR],
        "year": year,
        "amendments": amendments,
        "proposals": proposals,
        "page_query": f"year={year}&" if year else "",
    }
    return render(request, "programmes/detail.html", context)
