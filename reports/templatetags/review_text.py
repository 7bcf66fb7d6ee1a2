"""The review's long columns, written in Python rather than by a template loop.

A national review holds some 2,800 narratives; drawn by a `{% for %}` of tags and filters
they were a third of the page's time. The markup is the one the template wrote, and every
text in it is escaped.
"""

from collections.abc import Sequence
from html import escape  # django.utils.html.escape without its lazy wrapper: the same text

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext

from reports.review import Narrative

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
