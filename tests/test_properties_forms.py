"""Properties of the entry form and the figures form for any input (hypothesis): a form either
has errors, each with a message, or gives values within the declared limits (a known status,
text within its length, finite numbers of the fields' digits and places, whole numbers within
the database's range, benefits within their total, the euro from its adoption year)."""

from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from monitoring.forms import EntryForm, FiguresForm
from monitoring.models import Status
from monitoring.rules import NARRATIVE_MAX_LENGTH
from monitoring.workbook import layout
from municipalities.models import EURO_ADOPTION_YEAR, Currency, YearlyFigures
from tests.strategies import EXAMPLES, _places, form_values


@EXAMPLES
@given(
    status=st.one_of(st.sampled_from(["", *Status.values]), st.text(max_size=20)),
    narrative=st.one_of(
        st.text(),
        st.builds(lambda c, n: c * n, st.characters(), st.integers(4990, 5010)),
    ),
    quantity=form_values,
    planned_quantity=form_values,
)
def test_the_entry_form_is_valid_within_its_limits_or_has_errors(
    status, narrative, quantity, planned_quantity
):
    form = EntryForm(
        {
            "n1-status": status,
            "n1-narrative": narrative,
            "n1-quantity": quantity,
            "n1-planned_quantity": planned_quantity,
        },
        prefix="n1",
    )
    if not form.is_valid():
        assert form.errors
        assert all(message for messages in form.errors.values() for message in messages)
        return
    cleaned = form.cleaned_data
    assert cleaned["status"] in ("", *Status.values)
    assert isinstance(cleaned["narrative"], str)
    assert len(cleaned["narrative"]) <= NARRATIVE_MAX_LENGTH
    for name in ("quantity", "planned_quantity"):
        number = cleaned[name]
        if number is None:
            continue
        assert isinstance(number, int)
        assert 0 <= number < 10**9


@pytest.mark.django_db
@EXAMPLES
@given(
    year=st.sampled_from([2012, 2015]),
    currency=st.one_of(st.sampled_from(Currency.values), st.text(max_size=4)),
    values=st.fixed_dictionaries({name: form_values for name in layout.FIGURE_FIELDS}),
)
def test_the_figures_form_is_valid_within_its_limits_or_has_errors(year, currency, values):
    data = {f"figures-{name}": value for name, value in values.items()}
    data["figures-currency"] = currency
    form = FiguresForm(data, prefix="figures", year=year)
    if not form.is_valid():
        assert form.errors
        assert all(message for messages in form.errors.values() for message in messages)
        return
    cleaned = form.data_for_service()
    assert cleaned["currency"] in Currency.values
    if year >= EURO_ADOPTION_YEAR:
        assert cleaned["currency"] == Currency.EUR
    for name in YearlyFigures.MONEY_FIELDS:
        number = cleaned[name]
        if number is not None:
            assert isinstance(number, Decimal) and number.is_finite()
            assert 0 <= number < 10**12 and _places(number, 2)
    low, high = connection.ops.integer_field_range("PositiveIntegerField")
    for name in ("clients", "recipients"):
        number = cleaned[name]
        assert number is None or (isinstance(number, int) and low <= number <= high)
    parts = [cleaned[n] for n in ("benefits_gmi", "benefits_housing", "benefits_other")]
    if cleaned["benefits_total"] is not None and None not in parts:
        assert sum(parts) <= cleaned["benefits_total"]
