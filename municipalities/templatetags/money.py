"""The fixed lats-to-euro rate, for the sentences that state it (templates/_lats_note.html)."""

from django import template
from django.utils.formats import number_format

from municipalities.models import LVL_PER_EUR

register = template.Library()


@register.simple_tag
def lats_per_eur() -> str:
    """The rate as the active language writes numbers (0,702804 in Latvian)."""
    return number_format(LVL_PER_EUR)
