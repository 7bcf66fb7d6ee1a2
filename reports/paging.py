"""Pages of years for the drill-downs: a few years at a time, newest first.

A task or a municipality gathers entries every year; showing them all would make the page
grow for ever. Each page holds YEARS_PER_PAGE years and the pager names the years each page
holds ("2026–2024"), so it is both the pagination and the way to jump to a year.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest

YEARS_PER_PAGE = 3


@dataclass(frozen=True)
class PageLink:
    label: str
    url: str
    current: bool


def year_page(
    request: HttpRequest, years, per_page: int = YEARS_PER_PAGE
) -> tuple[list[int], list[PageLink]]:
    """The years on the page the request asks for (`?page=N`), and a link to every page."""
    ordered = sorted(set(years), reverse=True)
    if not ordered:
        return [], []
    paginator = Paginator(ordered, per_page)
    page = paginator.get_page(request.GET.get("page"))
    links = []
    for number in paginator.page_range:
        chunk = ordered[(number - 1) * per_page : number * per_page]
        query = request.GET.copy()
        query["page"] = number
        label = str(chunk[0]) if len(chunk) == 1 else f"{chunk[0]}–{chunk[-1]}"
        links.append(PageLink(label, f"?{query.urlencode()}", number == page.number))
    return list(page.object_list), links
