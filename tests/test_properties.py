"""Properties that hold for any input: forms and cell validators refuse with a message or give
a value within the declared limits, and a workbook that reads as valid survives a save and a
download unchanged."""

import io
import math
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring import downloads, rules, services
from monitoring.forms import EntryForm, FiguresForm
from monitoring.models import Status
from monitoring.rules import NARRATIVE_MAX_LENGTH
from monitoring.workbook import keys, layout, reading, writing
from municipalities.models import EURO_ADOPTION_YEAR, Currency, Municipality, YearlyFigures
from tests.snapshot import snapshot

# Function-scoped fixtures (the database, the named users) are shared by the examples of one
# test; the examples that write roll back what they wrote.
EXAMPLES = settings(
    max_examples=100,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FEW_EXAMPLES = settings(EXAMPLES, max_examples=40)

# A Decimal holds 28 digits: clean_number() fails with decimal.InvalidOperation, not a
# CellError, from 10**26 up (see test_numbers_beyond_a_decimals_precision_are_refused below).
# The other properties stay below that, so that they test everything else.
BEYOND_PRECISION = 10**26

# What a spreadsheet cell can hold as text: no surrogates, control or unassigned characters.
CELL_CHARACTERS = st.characters(exclude_categories=("Cs", "Cc", "Cn"))
cell_text = st.text(CELL_CHARACTERS | st.sampled_from("\n\t "), max_size=40)

# Text typed into a form field or a cell, biased towards what nearly reads as a number.
numberish = st.one_of(
    st.text(max_size=20),
    st.from_regex(r"\A\s?-?[\d \u00a0]{0,16}([.,]\d{0,4})?\s?\Z"),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["", " ", "-0", "1e5", "1E-3", "NaN", "Infinity", "0x10", "1_000"]),
)
# A form is given text by a browser, but anything by code that builds one from other data.
form_values = st.one_of(numberish, st.integers(), st.floats(), st.decimals())

# What openpyxl hands over for a cell, below BEYOND_PRECISION.
cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(BEYOND_PRECISION - 1), BEYOND_PRECISION - 1),
    st.floats(min_value=-1e25, max_value=1e25),
    st.sampled_from([math.nan, math.inf, -math.inf]),
    st.decimals(min_value=-(10**24), max_value=10**24, allow_nan=False, allow_infinity=False),
    # Text of up to 26 characters holds at most 26 digits: below BEYOND_PRECISION too.
    st.text(max_size=26),
    numberish.filter(lambda text: len(text) <= 26),
    st.datetimes(),
    st.dates(),
    st.times(),
)

STATUS_WORDS = [
    *Status.values,
    *(rules.status_label(value) for value in Status.values),
    "IZPILDĪTS",
    " daļēji izpildīts ",
    "implemented",
]


def _places(number: Decimal, places: int) -> bool:
    return number == number.quantize(Decimal(1).scaleb(-places))


# --- (a) the entry form ---------------------------------------------------------------------


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
        assert isinstance(number, Decimal) and number.is_finite()
        assert 0 <= number < 10**10
        assert _places(number, 2)


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


# --- (b) the workbook's cell validators -----------------------------------------------------


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
        assert isinstance(number, Decimal)
        assert 0 <= number < 10**10 and _places(number, 2)


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


# --- (c) parse_workbook on random cells, and the round trip ---------------------------------


formula = cell_text.map(lambda text: "=" + text)  # a formula, or text that looks like one
empty = st.one_of(st.none(), formula)  # a formula has no value when openpyxl reads it
amount = st.decimals(min_value=0, max_value=10**9, places=2).map(float)
# What a person would type in each column a person fills in: (sheet, column) → contents.
PLAUSIBLE = {
    (layout.SHEET_TASKS, 3): st.one_of(empty, st.sampled_from(STATUS_WORDS)),
    (layout.SHEET_TASKS, 4): st.one_of(empty, cell_text, st.integers()),
    (layout.SHEET_TASKS, 5): st.one_of(empty, amount, st.sampled_from(["1 234,50", "0,5"])),
    (layout.SHEET_TASKS, 6): st.one_of(empty, amount, st.integers(0, 10**6).map(str)),
    (layout.SHEET_INDICATORS, 3): st.one_of(empty, amount, amount.map(lambda a: -a)),
    (layout.SHEET_INDICATORS, 4): st.one_of(empty, cell_text),
    (layout.SHEET_FIGURES, 2): st.one_of(empty, st.integers(0, 10**6)),
}
# Anything, anywhere: text in number cells, error codes, codes changed or removed, rows past
# the end of a sheet.
wild = st.one_of(
    st.none(),
    cell_text,
    formula,
    st.integers(-(10**6), 10**13),
    st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
    st.sampled_from(["#N/A", "#DIV/0!", "-0", "12.345", "1.5e3", "9.9", "1.11", " 1.2 "]),
)
WILD_COLUMNS = [*PLAUSIBLE, (layout.SHEET_TASKS, 1), (layout.SHEET_INDICATORS, 1)]


def _edits(sizes: dict[str, int]):
    """Up to six plausible edits inside the sheets and up to two wild ones anywhere."""

    def plausible(cell):
        (sheet, _column), contents = cell, PLAUSIBLE[cell]
        return st.tuples(st.just(cell), st.integers(2, sizes[sheet]), contents)

    return st.tuples(
        st.lists(st.sampled_from(list(PLAUSIBLE)).flatmap(plausible), max_size=6),
        st.lists(st.tuples(st.sampled_from(WILD_COLUMNS), st.integers(2, 40), wild), max_size=2),
    ).map(lambda pair: pair[0] + pair[1])


def _xlsx_upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("jelgava-2015.xlsx", content, content_type=downloads.XLSX)


def _cleaned(content: bytes) -> dict:
    """Every filled-in value of the workbook as the upload reads it, by sheet and key."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    labels = {label: name for name, label in layout.figure_labels(2015).items()}
    values = {}

    def rows(sheet, width):
        for row in book[sheet].iter_rows(min_row=2, values_only=True):
            if any(rules.cell_text(value) for value in row):  # as the upload skips them
                yield (*row, *[None] * width)[:width]

    for row in rows(layout.SHEET_TASKS, 6):
        values[("task", rules.cell_text(row[0]))] = (
            rules.STATUS.clean(row[2]),
            rules.ENTRY["narrative"].clean(row[3]),
            rules.ENTRY["quantity"].clean(row[4]),
            rules.ENTRY["quantity"].clean(row[5]),
        )
    for row in rows(layout.SHEET_INDICATORS, 4):
        values[("indicator", rules.cell_text(row[0]))] = (
            rules.INDICATOR_VALUE["value"].clean(row[2]),
            rules.INDICATOR_VALUE["text"].clean(row[3]),
        )
    for label, value in rows(layout.SHEET_FIGURES, 2):
        name = labels[rules.cell_text(label)]
        values[("figure", name)] = rules.FIGURES[name].clean(value)
    book.close()
    return values


@pytest.fixture
def base_workbook(jelgava_submission, people):
    """Jelgava's 2015 workbook with a little already saved, so that emptying a cell counts."""
    nodes = {n.code: n.pk for n in services.reportable_nodes(jelgava_submission.round.programme)}
    indicator = jelgava_submission.round.programme.indicators.first()
    services.submission_save(
        submission=jelgava_submission,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(
            entries={nodes["1.2"]: {"status": "partial", "narrative": "Sākts.", "quantity": 3}},
            indicator_values={indicator.pk: {"value": Decimal("1.5"), "text": "Aplēse."}},
            figures={"currency": "EUR", "social_budget": Decimal("1000"), "clients": 12},
        ),
    )
    jelgava_submission.refresh_from_db()
    return writing.submission_workbook(jelgava_submission)


@pytest.mark.django_db
def test_any_workbook_is_read_without_error_and_a_valid_one_round_trips(
    people, jelgava_submission, base_workbook
):
    outcomes = Counter()
    book = openpyxl.load_workbook(io.BytesIO(base_workbook), read_only=True)
    sizes = {sheet.title: sheet.max_row for sheet in book.worksheets}
    book.close()

    @FEW_EXAMPLES
    @given(changes=_edits(sizes))
    def check(changes):
        book = openpyxl.load_workbook(io.BytesIO(base_workbook))
        for (sheet, column), row, value in changes:
            book[sheet].cell(row, column).value = value
        buffer = io.BytesIO()
        book.save(buffer)
        uploaded = buffer.getvalue()

        with transaction.atomic():
            submission = type(jelgava_submission).objects.get(pk=jelgava_submission.pk)
            before = snapshot()
            result = reading.parse_workbook(submission, _xlsx_upload(uploaded))
            assert snapshot() == before  # reading saves nothing
            outcomes[result.is_valid] += 1
            if not result.is_valid:
                assert all(error.message for error in result.errors)
                assert (result.changes, result.data) == ([], services.SubmissionData())
            else:
                saved = services.submission_save(
                    submission=submission,
                    by=people.jelgava_staff,
                    version=submission.version,
                    data=result.data,
                )
                downloaded = writing.submission_workbook(saved)
                assert _cleaned(downloaded) == _cleaned(uploaded)
                again = reading.parse_workbook(saved, _xlsx_upload(uploaded))
                assert again.is_valid and again.changes == []
            transaction.set_rollback(True)

    check()
    # The strategies must reach both outcomes, or half of the property goes untested.
    assert outcomes[True] and outcomes[False], outcomes
