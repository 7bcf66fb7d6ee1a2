"""The long repeated parts of the review and the dashboard, written in Python rather than by
a template loop.

A national review holds some 2,800 narratives, a dashboard 150 task rows and both some 170
rows of money; drawn by a `{% for %}` of tags and filters they were a third of each page's
time. The markup is the one
the templates wrote (tests/test_report_rows.py sets the two side by side), and every text in
it is escaped.
"""

from collections.abc import Sequence
from html import escape  # django.utils.html.escape without its lazy wrapper: the same text

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, normalize_newlines
from django.utils.translation import gettext

from municipalities.templatetags.numerals import num
from reports import charts
from reports.review import FinanceLine, Narrative, TaskLine

register = template.Library()


def _with_breaks(text: str) -> str:
    """The text escaped, its line breaks kept (the linebreaksbr filter)."""
    return escape(normalize_newlines(text)).replace("\n", "<br>")


@register.simple_tag
def narratives(lines: Sequence[Narrative], year: int) -> SafeString:
    """A task's narratives as paragraphs: the municipality's name in bold (none for the
    region's own text), the text, and why it reads as last year's: unchanged since a year, or
    the status of the year before kept."""
    as_in = gettext("as in %(year)s") % {"year": year - 1}
    paragraphs = []
    for n in lines:
        name = f"<strong>{escape(n.municipality.name)}</strong> – " if n.municipality else ""
        if n.unchanged:
            note = f' <span class="muted">({escape(n.unchanged.lower())})</span>'
        elif n.previous_status:
            note = f' <span class="muted">({escape(as_in)})</span>'
        else:
            note = ""
        paragraphs.append(f"<p>{name}{_with_breaks(n.text)}{note}</p>")
    return mark_safe("\n".join(paragraphs))  # noqa: S308  # nosec B308 B703: every text escaped


@register.simple_tag
def dashboard_task_row(task: TaskLine, slug: str) -> SafeString:
    """A task's row on the region dashboard: its code and text (cut to 80 characters) linking
    to its drill-down, and the bar and sentence of the municipalities' statuses, or a note
    that the planning region reports on it alone."""
    node = task.node
    url = escape(reverse("dashboard:task", args=[slug, node.pk]))
    code = escape(node.code)
    title = escape(Truncator(node.title).chars(80))
    if task.counted:
        bar = charts.status_bar(task.counts, title=node.code, width=320)
        cell = (
            f'<a href="{url}" class="bar-link">{bar}</a><div class="small">'
            f"{escape(task.summary)}</div>"
        )
    else:
        region_only = escape(gettext("the planning region's task"))
        cell = f'<span class="muted small">{region_only}</span>'
    row = (
        f'<tr>\n<th scope="row"><a href="{url}">{code}</a> <span class="small">{title}</span>'
        f"</th>\n<td>{cell}</td>\n</tr>"
    )
    return mark_safe(row)  # noqa: S308  # nosec B308 B703: every text escaped


@register.simple_tag
def finance_rows(finance: Sequence[FinanceLine], link_to: str = "") -> SafeString:
    """The finance table's body, shared by the review (page and PDF) and the dashboard: a row
    group per municipality, last year beside this year and the change. `link_to` (a programme
    slug) links each name to its dashboard page; a * marks figures converted from lats."""
    groups = []
    for line in finance:
        municipality = line.municipality
        name = escape(municipality.name)
        if link_to:
            url = escape(reverse("dashboard:municipality", args=[link_to, municipality.slug]))
            name = f'<a href="{url}">{name}</a>'
        if line.converted:
            name += ' <span class="small">*</span>'
        cells = line.cells
        rows = []
        for label, previous, current, change in cells:
            head = f'<th scope="rowgroup" rowspan="{len(cells)}">{name}</th>' if not rows else ""
            if change is None:
                change_text = "—"
            else:
                change_text = ("+" if change > 0 else "") + escape(num(change))
            rows.append(
                f"<tr>{head}\n<td>{escape(str(label))}</td>\n"
                f'<td class="num">{escape(num(previous))}</td>\n'
                f'<td class="num">{escape(num(current))}</td>\n'
                f'<td class="num">{change_text}</td>\n</tr>'
            )
        groups.append('<tbody class="keep">\n' + "\n".join(rows) + "\n</tbody>")
    return mark_safe("\n".join(groups))  # noqa: S308  # nosec B308 B703: every text escaped
