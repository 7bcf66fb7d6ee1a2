"""A project's own page (/projects/<pk>/): a partnership's aims, target groups, activities,
partners with their parts of the money, counted results per partner and the planning
documents it serves; a simple project's title, money and period.

Public, as the municipalities' pages are: it shows a project only once it counts
(reports/projects.py project_for_page); the way to the year's review is shown to those who
may read it (monitoring/access.py).
"""

from django.http import Http404
from django.shortcuts import render

from monitoring import access
from reports.projects import Partnership, project_for_page


def detail(request, pk):
    project = project_for_page(pk)
    if project is None:
        raise Http404
    programmes = [p for p in project.region.programmes.all() if project.year in p.years]
    return render(
        request,
        "reports/project.html",
        {
            "p": project,
            "partnership": Partnership.of(project, always=True),
            "programme": programmes[0] if programmes else None,
            "can_read_review": access.can_read_reviews(request.user, project.region_id),
        },
    )
