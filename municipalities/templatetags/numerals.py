"""Every count, amount and month a page shows, written one way: as the active language writes
numbers, thousands grouped (5 400 and 5 400,50 in Latvian, with a non-breaking space), and
months ("2015. g. marts")."""

import datetime
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django import template
from django.utils.formats import date_format, get_format, number_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def num(value, decimals=None):
    """The number grouped by thousands; "—" when missing.

    Without an argument, two decimals unless it is whole (a count, an indicator value); with one,
    always that many (``num:2`` for money). Text that is not a number is returned as it is.
    """
    return num_in(get_language(), value, decimals)


def num_in(language: str | None, value, decimals=None):
    """`num` in `language`, the active one: for the Jinja2 rows (monitoring/jinja2.py), which
    read it once per table rather than once per number."""
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
    if type(value) is int and (separator := _thousands_by_three(language)) is not None:
        # What number_format writes for a whole number, without its per-call format lookups:
        # a review writes some thousand counts.
        return f"{value:,}".replace(",", separator)
    return number_format(value, use_l10n=True, force_grouping=True)


@lru_cache(maxsize=16)
def _thousands_by_three(language: str | None) -> str | None:
    """The language's thousands separator when it groups digits by threes, as both of the
    app's languages do; None otherwise, left to number_format."""
    if get_format("NUMBER_GROUPING", language, use_l10n=True) != 3:
        return None
    return get_format("THOUSAND_SEPARATOR", language, use_l10n=True)


_MONTH = re.compile(r"(\d{4})-(\d{2})")


@register.filter
def month(value):
    """A saved month ("2015-03") as the language writes it; a year alone stays as it is."""
    found = _MONTH.fullmatch(value or "")
    if not found:
        return value
    return date_format(datetime.date(int(found[1]), int(found[2]), 1), "YEAR_MONTH_FORMAT")
