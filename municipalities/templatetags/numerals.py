"""Every count, amount and month a page shows, written one way: as the active language writes
numbers, thousands grouped (5 400 and 5 400,50 in Latvian, with a non-breaking space), and
months ("2015. g. marts")."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import date_format, number_format

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


_MONTH = re.compile(r"(\d{4})-(\d{2})")


@register.filter
def month(value):
    """A saved month ("2015-03") as the language writes it; a year alone stays as it is."""
    found = _MONTH.fullmatch(value or "")
    if not found:
        return value
    return date_format(datetime.date(int(found[1]), int(found[2]), 1), "YEAR_MONTH_FORMAT")
