"""The property of the workbook upload for any edits (hypothesis): Jelgava's downloaded
workbook, changed in up to six plausible cells and two wild ones, is read without an exception
and saves nothing; if it reads as invalid every error has a message and nothing is kept, and if
it reads as valid it survives a save and a download unchanged and then has nothing left to
save. The strategies must reach both outcomes."""

import io
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from monitoring import downloads, rules, services
from monitoring.workbook import layout, reading, writing
from tests.snapshot import snapshot
from tests.strategies import FEW_EXAMPLES, STATUS_WORDS

# What a spreadsheet cell can hold as text: no surrogates, control or unassigned characters.
CELL_CHARACTERS = st.characters(exclude_categories=("Cs", "Cc", "Cn"))
cell_text = st.text(CELL_CHARACTERS | st.sampled_from("\n\t "), max_size=40)


formula = cell_text.map(lambda text: "=" + text)  # a formula, or text that looks like one
# openpyxl writes a formula without its value: the upload refuses it since issue 13.
empty = st.one_of(st.none(), formula)
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
            # "—" marks a number the task does not ask (monitoring/questions.py).
            None if row[4] == layout.NOT_APPLICABLE else rules.ENTRY["quantity"].clean(row[4]),
            None if row[5] == layout.NOT_APPLICABLE else rules.ENTRY["quantity"].clean(row[5]),
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
