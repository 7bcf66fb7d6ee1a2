"""The limits of every value a municipality reports, stated once.

Each rule cleans a raw value, whether a spreadsheet cell (int, float, Decimal, str, None, bool)
or what a browser sent, into the value that is saved, or refuses it with a `CellError` whose
text is one of the messages below. The entry forms (monitoring/forms.py), the workbook upload
(monitoring/workbook/) and the admin's bulk import (monitoring/resources.py) all go through
the declarations at the end, so what one accepts the others accept, with the same words.
Column sizes come from the model fields, which stay the one place for them.
"""

import datetime
import functools
import math
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from monitoring.models import Project, Status
from municipalities.models import CatalogueYear, Currency, ServiceOffer, StaffCount, YearlyFigures
from programmes.models import IndicatorValue, Proposal

NOT_A_NUMBER = _('"%(value)s" is not a number.')
NEGATIVE_NUMBER = _("The number cannot be negative.")
NOT_WHOLE_NUMBER = _("The number must be a whole number.")
TOO_MANY_DECIMALS = _("Use at most %(places)d decimal places.")
NUMBER_TOO_LARGE = _("The number is too large.")
CONTROL_CHARACTER = _("The text contains a control character that cannot be saved.")
UNKNOWN_STATUS = _('Unknown status "%(value)s". Choose one of: %(choices)s.')
UNKNOWN_CURRENCY = _('Unknown currency "%(value)s". Write EUR or LVL.')
BENEFITS_EXCEED_TOTAL = _("The benefits of each kind add up to more than the total.")
NOT_A_DATE = _('"%(value)s" is not a date.')
DATE_TOO_FAR = _("The date cannot be later than %(date)s, two years from today.")
NOT_A_MONTH = _('"%(value)s" is not a month: write it as 2015-03, or the year alone as 2015.')
MONTH_OUT_OF_RANGE = _("The year must be between %(first)d and %(last)d.")
DEADLINE_IN_PAST = _("The deadline cannot be in the past.")
# Also said by services.submission_reopen, which checks the same for callers without a form.
NEW_DEADLINE_IN_PAST = _("The new deadline cannot be in the past.")


def text_too_long(length: int, maximum: int) -> str:
    return ngettext(
        "The text has %(length)d character; at most %(max)d are allowed.",
        "The text has %(length)d characters; at most %(max)d are allowed.",
        length,
    ) % {"length": length, "max": maximum}


class CellError(ValueError):
    """A value is refused; str() says why, for the person who typed it."""


_NUMBER = re.compile(r"-?\d+(\.\d+)?")
# Spaces of any width are thousands separators in Latvian ("1 234,50").
_SEPARATORS = re.compile(r"[\s\u00a0\u202f]")
# Every C0 control character but tab, line feed and carriage return (which a textarea sends),
# and DEL: none can be typed on purpose, and an .xlsx cannot hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def cell_text(value: Any) -> str:
    """A value as stripped text; whole floats lose their ".0" (Excel stores 12 as 12.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def quoted(value: Any) -> str:
    """The value as a message quotes it: short enough to read."""
    return Truncator(cell_text(value)).chars(60)


def key(text: str) -> str:
    """Text as it is compared with a label or code: spaces collapsed, any case."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def clean_number(
    value: Any,
    *,
    max_digits: int = 12,
    decimal_places: int = 2,
    whole: bool = False,
    allow_negative: bool = False,
) -> Decimal | int | None:
    """A number from a numeric cell or from text such as "1 234,50"; None for an empty one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    not_a_number = CellError(NOT_A_NUMBER % {"value": quoted(value)})
    if isinstance(value, bool):
        raise not_a_number
    if isinstance(value, str):
        text = _SEPARATORS.sub("", value)
        if "," in text and "." in text:
            raise not_a_number
        text = text.replace(",", ".")
        if not _NUMBER.fullmatch(text):
            raise not_a_number
        number = Decimal(text)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise not_a_number
        # repr() is the shortest text that reads back as the same float: 0.1, not 0.1000000…
        number = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
        if not number.is_finite():
            raise not_a_number
    else:
        raise not_a_number
    if number < 0 and not allow_negative:
        raise CellError(NEGATIVE_NUMBER)
    # The size first: rounding a number of more digits than the context holds would fail.
    if abs(number) >= 10 ** (max_digits - decimal_places):
        raise CellError(NUMBER_TOO_LARGE)
    if whole and number != number.to_integral_value():
        raise CellError(NOT_WHOLE_NUMBER)
    if number != number.quantize(Decimal(1).scaleb(-decimal_places)):
        raise CellError(TOO_MANY_DECIMALS % {"places": decimal_places})
    return int(number) if whole else number


def status_label(value: str) -> str:
    """The status as the workbook and the admin export write it: its Latvian label."""
    if not value:
        return ""
    with translation.override("lv"):
        return str(Status(value).label)


class RuleField(forms.Field):
    """A form field that cleans what was typed with its rule, so the form refuses exactly
    what the workbook and the admin import refuse."""

    def __init__(self, rule, **kwargs):
        self.rule = rule
        kwargs.setdefault("widget", rule.widget())
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), **self.rule.widget_attrs(widget)}

    def to_python(self, value):
        try:
            return self.rule.clean(value)
        except CellError as exc:
            raise forms.ValidationError(exc.args[0], code="invalid") from None


class _Rule:
    def widget(self) -> forms.Widget:
        return forms.TextInput()

    def widget_attrs(self, widget) -> dict:
        return {}

    def formfield(self, **kwargs) -> RuleField:
        kwargs.setdefault("required", False)
        return RuleField(self, **kwargs)


class NumberRule(_Rule):
    def __init__(self, *, max_digits, decimal_places=2, whole=False, allow_negative=False):
        self.limits = {
            "max_digits": max_digits,
            "decimal_places": 0 if whole else decimal_places,
            "whole": whole,
            "allow_negative": allow_negative,
        }

    @classmethod
    def of(cls, model: type[models.Model], name: str, **kwargs) -> "NumberRule":
        """The rule of a DecimalField, its size as the model declares it."""
        column = model._meta.get_field(name)
        return cls(max_digits=column.max_digits, decimal_places=column.decimal_places, **kwargs)

    def clean(self, value: Any) -> Decimal | int | None:
        return clean_number(value, **self.limits)

    def widget(self):
        return forms.NumberInput()

    def widget_attrs(self, widget):
        if not isinstance(widget, forms.NumberInput):
            return {}
        places = self.limits["decimal_places"]
        attrs = {"step": "1" if places == 0 else str(Decimal(1).scaleb(-places))}
        return attrs if self.limits["allow_negative"] else {**attrs, "min": "0"}


class TextRule(_Rule):
    def __init__(self, *, max_length: int):
        self.max_length = max_length

    @classmethod
    def of(cls, model: type[models.Model], name: str) -> "TextRule":
        return cls(max_length=model._meta.get_field(name).max_length)

    def clean(self, value: Any) -> str:
        text = cell_text(value)
        if _CONTROL.search(text):
            raise CellError(CONTROL_CHARACTER)
        if len(text) > self.max_length:
            raise CellError(text_too_long(len(text), self.max_length))
        return text

    def widget_attrs(self, widget):
        return {"maxlength": str(self.max_length)} if not widget.is_hidden else {}


class ChoiceRule(_Rule):
    """One of `choices`, written as its value or, `by_label`, as its label in any of the
    site's languages; in any case. An empty value is "" where `blank`, refused otherwise."""

    def __init__(self, choices: type[models.TextChoices], *, unknown, blank=True, by_label=False):
        self.choices, self.unknown, self.blank, self.by_label = choices, unknown, blank, by_label

    @functools.cached_property
    def _known(self) -> dict[str, str]:
        known = {key(value): value for value in self.choices.values}
        if self.by_label:
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    known.update({key(str(c.label)): c.value for c in self.choices})
        return known

    def clean(self, value: Any) -> str:
        text = key(cell_text(value))
        if not text and self.blank:
            return ""
        if text not in self._known:
            with translation.override("lv"):  # the labels the workbook's list offers
                labels = ", ".join(str(choice.label) for choice in self.choices)
            raise CellError(self.unknown % {"value": quoted(value), "choices": labels})
        return self._known[text]

    def widget(self):
        blank = [("", _("— choose —"))] if self.blank else []
        return forms.Select(choices=[*blank, *self.choices.choices])


class _DateInput(forms.DateInput):
    """A date picker that offers only the days the rule allows, as of the day it is shown."""

    input_type = "date"

    def __init__(self, rule):
        super().__init__(format="%Y-%m-%d")
        self.rule = rule

    def get_context(self, name, value, attrs):
        first, last = self.rule.bounds()
        attrs = {**(attrs or {}), "min": first.isoformat(), "max": last.isoformat()}
        return super().get_context(name, value, attrs)


class DateRule(_Rule):
    """A day from today to two years ahead: a deadline no one can meet, or one so far that
    the report never closes (9999-12-31), is a slip of the keyboard."""

    def __init__(self, *, in_past):
        self.in_past = in_past

    @staticmethod
    def bounds() -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        try:
            return today, today.replace(year=today.year + 2)
        except ValueError:  # 29 February
            return today, today.replace(year=today.year + 2, day=28)

    def clean(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.datetime):
            value = value.date()
        if not isinstance(value, datetime.date):
            text = cell_text(value)
            if not text:
                return None
            value = self._parse(text)
        first, last = self.bounds()
        if value < first:
            raise CellError(self.in_past)
        if value > last:
            raise CellError(DATE_TOO_FAR % {"date": formats.date_format(last, "SHORT_DATE_FORMAT")})
        return value

    @staticmethod
    def _parse(text: str) -> datetime.date:
        for pattern in ("%Y-%m-%d", *formats.get_format("DATE_INPUT_FORMATS")):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise CellError(NOT_A_DATE % {"value": quoted(text)})

    def widget(self):
        return _DateInput(self)


class _MonthInput(forms.TextInput):
    """The browser's month picker; a year saved without a month (as the published projects
    give some) is shown as text, so that saving the form does not lose it."""

    input_type = "month"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if value and not MonthRule.MONTH.fullmatch(str(value)):
            context["widget"]["type"] = "text"
        return context


class MonthRule(_Rule):
    """A month, saved as "2015-03", or a year alone, "2015", where only the year is known. The
    workbook's date cells are read as their month; "03.2015" and "2015.03" are read too."""

    MONTH = re.compile(r"(\d{4})-(\d{2})")
    _FORMS = (
        re.compile(r"(?P<year>\d{4})(?:[-./](?P<month>\d{1,2}))?\.?"),
        re.compile(r"(?P<month>\d{1,2})[./](?P<year>\d{4})\.?"),
    )
    FIRST_YEAR = 1990

    def clean(self, value: Any) -> str:
        if isinstance(value, datetime.date):
            year, month = value.year, value.month
        else:
            text = cell_text(value)
            if not text:
                return ""
            found = next((m for f in self._FORMS if (m := f.fullmatch(text))), None)
            month = int(found["month"]) if found and found["month"] else None
            if found is None or (month is not None and not 1 <= month <= 12):
                raise CellError(NOT_A_MONTH % {"value": quoted(text)})
            year = int(found["year"])
        last = timezone.localdate().year + 10
        if not self.FIRST_YEAR <= year <= last:
            raise CellError(MONTH_OUT_OF_RANGE % {"first": self.FIRST_YEAR, "last": last})
        return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"

    def widget(self):
        return _MonthInput()


class FlagRule(_Rule):
    """Yes, no or not known; anything else is not known, as Django's NullBooleanField reads it."""

    _WORDS = {"true": True, "1": True, "jā": True, "false": False, "0": False, "nē": False}

    def clean(self, value: Any) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        return self._WORDS.get(key(cell_text(value)))

    def widget(self):
        return forms.NullBooleanSelect()


# --- the rule of every reported field -----------------------------------------------------
#
# Where the form and the workbook disagreed, the stricter limit that a person can still meet
# won: counts of people are whole, never negative, at most 9 digits (the workbook's limit;
# the form took up to 2 147 483 647); amounts are never negative (the form took a negative
# project budget); an indicator value may be negative (a change from last year).

NARRATIVE_MAX_LENGTH = 5000
INDICATOR_COMMENT_MAX_LENGTH = 500
# The model's title is a TextField; a project's name is a line, not a narrative.
PROJECT_TITLE_MAX_LENGTH = 500
COUNT_MAX_DIGITS = 9

STATUS = ChoiceRule(Status, unknown=UNKNOWN_STATUS, by_label=True)
CURRENCY = ChoiceRule(Currency, unknown=UNKNOWN_CURRENCY, blank=False)

ENTRY = {
    "status": STATUS,
    "narrative": TextRule(max_length=NARRATIVE_MAX_LENGTH),
    "quantity": NumberRule(max_digits=COUNT_MAX_DIGITS, whole=True),
    "planned_quantity": NumberRule(max_digits=COUNT_MAX_DIGITS, whole=True),
}
INDICATOR_VALUE = {
    "value": NumberRule.of(IndicatorValue, "value", allow_negative=True),
    "text": TextRule(max_length=INDICATOR_COMMENT_MAX_LENGTH),
}
FIGURES = {
    "currency": CURRENCY,
    **{name: NumberRule.of(YearlyFigures, name) for name in YearlyFigures.MONEY_FIELDS},
    "clients": NumberRule(max_digits=COUNT_MAX_DIGITS, whole=True),
    "recipients": NumberRule(max_digits=COUNT_MAX_DIGITS, whole=True),
}
PROJECT = {
    "title": TextRule(max_length=PROJECT_TITLE_MAX_LENGTH),
    "funding_source": TextRule.of(Project, "funding_source"),
    "budget": NumberRule.of(Project, "budget"),
    "currency": CURRENCY,
    "budget_text": TextRule.of(Project, "budget_text"),
    "start": MonthRule(),
    "end": MonthRule(),
    "continued": FlagRule(),
}
# The service catalogue (municipalities/models/catalogue.py).
SERVICE_OFFER = {
    **{
        name: TextRule.of(ServiceOffer, name)
        for name in ("name", "provider", "price_unit", "price_notes")
    },
    "unit_price": NumberRule.of(ServiceOffer, "unit_price"),
    "clients": NumberRule(max_digits=COUNT_MAX_DIGITS, whole=True),
    "places": NumberRule(max_digits=COUNT_MAX_DIGITS, whole=True),
    "budget": NumberRule.of(ServiceOffer, "budget"),
    "currency": CURRENCY,
    "notes": TextRule(max_length=NARRATIVE_MAX_LENGTH),
}
STAFF_COUNT = {
    "role": TextRule.of(StaffCount, "role"),
    "count": NumberRule(max_digits=COUNT_MAX_DIGITS, whole=True),
}
CATALOGUE_YEAR = {
    "staff_total": NumberRule(max_digits=COUNT_MAX_DIGITS, whole=True),
    "budget": NumberRule.of(CatalogueYear, "budget"),
    "currency": CURRENCY,
    "budget_lines": TextRule(max_length=NARRATIVE_MAX_LENGTH),
    "to_develop": TextRule(max_length=NARRATIVE_MAX_LENGTH),
}
PRICE_WITHOUT_UNIT = _("Say what the price is for, e.g. an hour.")
SERVICE_LISTED_TWICE = _(
    "This service is listed twice this year: give each its own name, or remove one."
)
ROLE_LISTED_TWICE = _("This role is listed twice this year.")
ROLE_WITHOUT_COUNT = _("Give the number of staff of this role.")
COUNT_WITHOUT_ROLE = _("Name the role these staff have.")

RETURN_COMMENT = TextRule(max_length=NARRATIVE_MAX_LENGTH)
REOPEN_REASON = TextRule(max_length=NARRATIVE_MAX_LENGTH)
REOPEN_UNTIL = DateRule(in_past=NEW_DEADLINE_IN_PAST)
ROUND_DEADLINE = DateRule(in_past=DEADLINE_IN_PAST)
# A survey answer (monitoring/surveys.py) is a narrative like a task's.
SURVEY_ANSWER = TextRule(max_length=NARRATIVE_MAX_LENGTH)
# A proposal to the programme and the coordinator's decision on it (monitoring/proposals.py).
PROPOSAL = {
    "text": TextRule(max_length=NARRATIVE_MAX_LENGTH),
    "reason": TextRule(max_length=NARRATIVE_MAX_LENGTH),
    "decided_how": TextRule.of(Proposal, "decided_how"),
}


def model_formfield(declaration: dict[str, _Rule]):
    """A ModelForm's `formfield_callback`: the declared rule of each field, with the label,
    help, requiredness and default the model gives it."""

    def formfield(model_field, **kwargs):
        rule = declaration.get(model_field.name)
        if rule is None:
            return model_field.formfield(**kwargs)
        kwargs.setdefault("label", capfirst(model_field.verbose_name))
        kwargs.setdefault("help_text", model_field.help_text)
        kwargs.setdefault("required", not model_field.blank)
        if model_field.has_default():
            kwargs.setdefault("initial", model_field.get_default())
        return rule.formfield(**kwargs)

    return formfield
