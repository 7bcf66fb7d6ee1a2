from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, render

from programmes.models import Indicator, Programme, ProgrammeNode
from programmes.tree import walk_tree


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


def detail(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("region"), slug=slug)
    nodes = walk_tree(
        programme.nodes.annotate(
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
    indicators = list(programme.indicators.with_values())
    context = {
        "programme": programme,
        "sections": sections,
        "has_plans": any(node.planned_municipalities for node in nodes),
        "policy_results": programme.policy_results.all(),
        "planned_results": [i for i in indicators if i.kind == Indicator.Kind.PLANNED_RESULT],
        "result_indicators": [i for i in indicators if i.kind == Indicator.Kind.RESULT_INDICATOR],
    }
    return render(request, "programmes/detail.html", context)
