"""Properties of the workbook's cell validators for any cell openpyxl can hand over
(hypothesis): clean_number, the quantity, status, year, narrative, currency and municipality
cleaners either refuse with a non-empty message (a CellError) or give a value of the right type
within the declared limits; and numbers beyond a Decimal's precision are refused, not an
error."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from monitoring import rules
from monitoring.models import Status
from monitoring.rules import NARRATIVE_MAX_LENGTH
from monitoring.workbook import keys
from municipalities.models import Currency, Municipality
from tests.strategies import EXAMPLES, FEW_EXAMPLES, STATUS_WORDS, _places, cell_values

NUMBER_RULES = st.one_of(
    # How the workbook and the admin import call it...
    st.sampled_from(
        [
            {},
            {"max_digits": 14, "allow_negative": True},
            {"max_digits": 14},
            {"whole": True, "max_digits": 9, "decimal_places": 0},
        ]
    ),
    # ...and any other sensible combination.
    st.fixed_dictionaries(
        {
            "max_digits": st.integers(3, 16),
            "decimal_places": st.integers(0, 2),
            "whole": st.booleans(),
            "allow_negative": st.booleans(),
        }
    ),
)


def _refused(exc: rules.CellError) -> None:
    assert isinstance(exc, rules.CellError)
    assert str(exc).strip()


@EXAMPLES
@given(value=cell_values, limits=NUMBER_RULES)
def test_clean_number_gives_a_number_within_limits_or_a_message(value, limits):
    max_digits = limits.get("max_digits", 12)
    places = limits.get("decimal_places", 2)
    try:
        number = rules.clean_number(value, **limits)
    except rules.CellError as exc:
        _refused(exc)
        return
    if value is None or (isinstance(value, str) and not value.strip()):
        assert number is None
        return
    assert isinstance(number, int if limits.get("whole") else Decimal)
    assert not isinstance(number, bool)
    number = Decimal(number)
    assert number.is_finite()
    assert abs(number) < 10 ** (max_digits - places)
    assert _places(number, places)
    assert limits.get("allow_negative") or number >= 0


@EXAMPLES
@given(value=cell_values)
def test_clean_quantity_fits_the_entry_field_or_gives_a_message(value):
    try:
        number = rules.ENTRY["quantity"].clean(value)
    except rules.CellError as exc:
        _refused(exc)
        return
    if number is not None:
        assert isinstance(number, int)
        assert 0 <= number < 10**9


@EXAMPLES
@given(value=st.one_of(cell_values, st.sampled_from(STATUS_WORDS)))
def test_clean_status_gives_a_status_or_a_message(value):
    try:
        status = rules.STATUS.clean(value)
    except rules.CellError as exc:
        _refused(exc)
        return
    assert status in ("", *Status.values)
    assert (status == "") == (rules.cell_text(value).strip() == "")


@EXAMPLES
@given(value=st.one_of(cell_values, st.integers(0, 9999), st.from_regex(r"\A\s*\d{3,5}\s*\Z")))
def test_clean_year_gives_a_four_digit_year_or_a_message(value):
    try:
        year = keys.clean_year(value)
    except rules.CellError as exc:
        _refused(exc)
        return
    assert isinstance(year, int) and not isinstance(year, bool)
    assert 0 <= year <= 9999


@EXAMPLES
@given(
    value=st.one_of(
        cell_values,
        st.text(),
        st.builds(lambda c, n: c * n, st.characters(), st.integers(4990, 5010)),
    )
)
def test_clean_narrative_gives_text_within_the_limit_or_a_message(value):
    try:
        text = rules.ENTRY["narrative"].clean(value)
    except rules.CellError as exc:
        _refused(exc)
        return
    assert isinstance(text, str)
    assert len(text) <= NARRATIVE_MAX_LENGTH
    assert text == rules.cell_text(value)


@EXAMPLES
@given(value=st.one_of(cell_values, st.sampled_from(["eur", " LVL ", "Ls", "€"])))
def test_clean_currency_gives_a_currency_or_a_message(value):
    try:
        currency = rules.CURRENCY.clean(value)
    except rules.CellError as exc:
        _refused(exc)
        return
    assert currency in Currency.values


@pytest.mark.django_db
@FEW_EXAMPLES
@given(
    value=st.one_of(
        cell_values,
        st.sampled_from(["Jelgava", "jelgavas valstspilsēta", "Dobele", "Balvu nov.", "Rīga"]),
    ),
    year=st.sampled_from([2009, 2015, 2022]),
)
@example(value="\x00", year=2009)  # PostgreSQL refuses a NUL in a query: found on PostgreSQL
def test_clean_municipality_gives_a_municipality_or_a_message(value, year):
    try:
        municipality = keys.clean_municipality(value, year=year)
    except rules.CellError as exc:
        _refused(exc)
        return
    assert isinstance(municipality, Municipality)


@pytest.mark.parametrize(
    "value",
    [1e26, 1e30, 10**30, "1" * 27, "-1" + "0" * 40],
    ids=["float 1e26", "float 1e30", "int 10**30", "text of 27 digits", "text -1e40"],
)
def test_numbers_beyond_a_decimals_precision_are_refused(value):
    with pytest.raises(rules.CellError):
        rules.clean_number(value, allow_negative=True)
