from django import template
from django.utils.safestring import SafeString

from monitoring.jinja2 import render_rows

register = template.Library()


@register.simple_tag
def task_rows(rows, year: int, *, editable: bool, compare: bool = False) -> SafeString:
    """A group's task rows (templates/jinja2/monitoring/_task_rows.html, drawn by Jinja2)."""
    return render_rows(
        "monitoring/_task_rows.html",
        {"rows": rows, "year": year, "editable": editable, "compare": compare},
    )
