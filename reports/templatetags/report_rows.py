"""The long repeated parts of the review and the dashboard, drawn by Jinja2 as the entry form's
task rows are (monitoring/jinja2.py): a national review holds some 2,800 narratives, a
dashboard 150 task rows and both some 170 rows of money, and drawn by the Django template
language they were a third of each page's time."""

from collections.abc import Sequence

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from markupsafe import Markup, escape

from monitoring.jinja2 import linebreaksbr, render_rows
from municipalities.models import Municipality
from programmes.models import Responsible
from reports import charts
from reports.indicators import YearValue
from reports.review import FinanceLine, Narrative, TaskLine

register = template.Library()


def amended_note(record) -> SafeString:
    """What programmes/_amended.html says of a task or indicator an amendment added or
    removed; nothing, without drawing it, for the many that none did."""
    if record.added_in_id is None and record.removed_in_id is None:
        return SafeString("")
    return render_to_string("programmes/_amended.html", {"record": record})


def added_note() -> SafeString:
    """The note of _added.html, beside a value the source document does not give."""
    return render_to_string("_added.html")


class NarrativeParagraphs:
    """A task's narratives in the annual review (page and PDF), each a paragraph: the
    municipality's name in bold (none for the region's own text), the text, and why it reads
    as last year's; every text escaped.

    One per review's task table, called for each task: each municipality's name is escaped
    once per review rather than once per narrative, and "as in <year>" once. A national review
    has some 2,800 narratives; drawn by a Jinja2 macro they took 8.2 ms, here 4.1 ms."""

    def __init__(self, year: int):
        as_in = gettext("as in %(year)s") % {"year": year - 1}
        self._as_in = f' <span class="muted">({escape(as_in)})</span>'
        self._names: dict[str, str] = {}

    def _name(self, name: str) -> str:
        written = self._names.get(name)
        if written is None:
            written = self._names[name] = f"<strong>{escape(name)}</strong> – "
        return written

    def __call__(self, narratives: Sequence[Narrative]) -> Markup:
        paragraphs = []
        for n in narratives:
            name = "" if n.municipality is None else self._name(n.municipality.name)
            if n.unchanged_since:
                why = f' <span class="muted">({escape(n.unchanged.lower())})</span>'
            elif n.previous_status:
                why = self._as_in
            else:
                why = ""
            paragraphs.append(f"\n<p>{name}{linebreaksbr(n.text)}{why}</p>")
        return Markup("".join(paragraphs))  # noqa: S704  # nosec B704: escaped above


@register.simple_tag
def review_task_rows(tasks: Sequence[TaskLine], year: int) -> SafeString:
    """The review's task table body (templates/jinja2/reports/_review_task_rows.html)."""
    return render_rows(
        "reports/_review_task_rows.html",
        {
            "tasks": tasks,
            "narratives": NarrativeParagraphs(year),
            # Each party's name read once: get_responsible_display() looks every choice's
            # name up in the catalogue, for each of 150 tasks.
            "responsible": {value: str(label) for value, label in Responsible.choices},
            "status_bar": charts.status_bar,
            "amended": amended_note,
            "added": added_note,
        },
    )


@register.simple_tag
def dashboard_task_rows(tasks: Sequence[TaskLine], slug: str) -> SafeString:
    """A goal's task rows on the region dashboard
    (templates/jinja2/reports/_dashboard_task_rows.html)."""
    return render_rows(
        "reports/_dashboard_task_rows.html",
        {"tasks": tasks, "slug": slug, "status_bar": charts.status_bar},
    )


@register.simple_tag
def finance_rows(finance: Sequence[FinanceLine], link_to: str = "") -> SafeString:
    """The finance table's body (templates/jinja2/reports/_finance_rows.html)."""
    return render_rows("reports/_finance_rows.html", {"finance": finance, "link_to": link_to})


@register.simple_tag
def indicator_values(
    values: Sequence[YearValue], show_year: bool = True, empty: str = "—"
) -> SafeString:
    """An indicator's values by year, `empty` when it has none
    (templates/jinja2/reports/_indicator_values.html)."""
    return render_rows(
        "reports/_indicator_values.html", {"values": values, "show_year": show_year, "empty": empty}
    )


@register.simple_tag
def indicator_value(value: YearValue, show_year: bool = False) -> SafeString:
    """One of an indicator's values (the review's planned results show the latest)."""
    return indicator_values([value], show_year=show_year, empty="")


@register.simple_tag
def municipality_names(municipalities: Sequence[Municipality], link_to: str = "") -> SafeString:
    """The municipalities' names joined by commas, each linking to its dashboard page when
    `link_to` (a programme slug) is given, as the finance table's names do."""
    if not link_to:
        return format_html_join(", ", "{}", ((m.name,) for m in municipalities))
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        (
            (reverse("dashboard:municipality", args=[link_to, m.slug]), m.name)
            for m in municipalities
        ),
    )
