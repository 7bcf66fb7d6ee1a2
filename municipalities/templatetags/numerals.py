"""Every count and amount a page shows, written one way: as the active language writes numbers,
thousands grouped (5 400 and 5 400,50 in Latvian, with a non-breaking space)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def num(value, decimals=None):
    """The number grouped by thousands; "—" when missing.

    Without an argument, two decimals unless it is whole (a count, an indicator value); with one,
    always that many (``num:2`` for money). Text that is not a number is returned as it is.
    """
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return value
    if isinstance(value, str | float):
        try:
            value = Decimal(str(value).replace("\xa0", "").replace(" ", "").replace(",", "."))
        except InvalidOperation:
            return value
    if decimals is not None:
        return number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            value = int(value)
        else:
            return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return number_format(value, use_l10n=True, force_grouping=True)
