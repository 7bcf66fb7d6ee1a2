from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def task_rows(rows, year: int, *, editable: bool, compare: bool = False) -> str:
    """A group's task rows (templates/jinja2/monitoring/_task_rows.html, drawn by Jinja2)."""
    rows_template = engines["jinja2"].get_template("monitoring/_task_rows.html")
    html = rows_template.render(
        {"rows": rows, "year": year, "editable": editable, "compare": compare}
    )
    # The jinja2 environment always escapes (monitoring/jinja2.py), as Django's templates do.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
