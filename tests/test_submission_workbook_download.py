"""A submission goes out as an Excel workbook holding what is saved: its sheets, headers, codes
in natural order, statuses as a drop-down list, numbers as numbers, Latvian labels whatever the
interface's language, a currency row for the years before the euro, text that looks like a
formula kept as text, and a fixed number of queries whatever the programme's size."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from monitoring import rules, services
from monitoring.models import ProgressEntry, Status, Submission
from monitoring.workbook import layout, reading, writing
from programmes.models import IndicatorValue
from tests.factories import municipality_create, programme_create
from tests.workbooks import _download, _file, _lv, _open_round, _person, _row

pytestmark = pytest.mark.django_db

# The download reads what the tasks ask (monitoring/questions.py: the plans and the tasks
# counted before), to ask a number only where the entry form does (issue 13).
DOWNLOAD_QUERIES = 10


def test_the_workbook_holds_what_is_saved(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    response = client.get(reverse("monitoring:workbook", args=[submission.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="jelgava-2015.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == ["Pārskats", "Uzdevumi", "Rādītāji", "Finanses"]
    summary = {row[0]: row[1] for row in book["Pārskats"].iter_rows(values_only=True)}
    assert (summary["Pašvaldība"], summary["Gads"], summary["Programma"]) == (
        "Jelgava",
        2015,
        "zemgale",
    )
    tasks = book["Uzdevumi"]
    assert [c.value for c in tasks[1]] == list(layout.TASK_HEADERS)
    assert tasks[1][0].font.b
    codes = [row[0] for row in tasks.iter_rows(min_row=2, values_only=True)]
    assert codes[6:9] == ["1.9", "1.10", "2.1"]  # natural order, and 1.11 is the region's
    first = next(tasks.iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[0] == "1.1"
    assert first[2] == _lv(Status.IMPROVED.label)
    assert first[4] == 2 and isinstance(first[4], int | float)  # a number, not text
    (validation,) = tasks.data_validations.dataValidation
    assert str(validation.sqref) == f"C2:C{len(codes) + 1}"
    assert _lv(Status.PARTIAL.label) in validation.formula1
    indicators = [row[0] for row in book["Rādītāji"].iter_rows(min_row=2, values_only=True)]
    assert indicators[:2] == ["D-1", "D-2"] and len(indicators) == 14
    figures = dict(book["Finanses"].iter_rows(min_row=2, values_only=True))
    assert figures["Sociālais budžets"] == 1000
    assert "Valūta" not in figures  # euro years have no currency row


@pytest.mark.parametrize("size", [1, 5])
def test_download_makes_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    programme = programme_create(blocks=size, tasks_per_block=size, indicators=2 * size)
    municipality = municipality_create(programme.region)
    staff = _person(f"darbinieks-{municipality.slug}", "staff", municipality=municipality)
    submission = Submission.objects.create(
        round=_open_round(programme, 2015, staff), municipality=municipality
    )
    for node in services.reportable_nodes(programme):
        ProgressEntry.objects.create(node=node, municipality=municipality, year=2015, status="")
    for indicator in programme.indicators.all():
        IndicatorValue.objects.create(indicator=indicator, municipality=municipality, year=2015)
    client.force_login(staff)

    with django_assert_num_queries(DOWNLOAD_QUERIES):
        response = client.get(reverse("monitoring:workbook", args=[submission.pk]))

    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert book["Uzdevumi"].max_row == size * size + 1


def test_the_workbook_is_latvian_in_the_english_interface(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    client.cookies["django_language"] = "en"
    book = _download(client, submission)
    assert [c.value for c in book["Uzdevumi"][1]] == list(layout.TASK_HEADERS)
    first = next(book["Uzdevumi"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[2] == rules.status_label(Status.IMPROVED)
    assert "Sociālais budžets" in dict(book["Finanses"].iter_rows(min_row=2, values_only=True))


def test_a_year_before_the_euro_has_a_currency_row(jelgava_staff, submission):
    submission.round.year = 2013
    submission.round.save()
    book = openpyxl.load_workbook(io.BytesIO(writing.submission_workbook(submission)))
    figures = book["Finanses"]
    assert figures.cell(_row(figures, "Valūta"), 2).value == "EUR"
    figures.cell(_row(figures, "Valūta"), 2, "lvl")
    figures.cell(_row(figures, "Sociālais budžets"), 2, 700.5)
    book["Pārskats"]["B2"] = 2013

    result = reading.parse_workbook(submission, _file(book))

    assert result.is_valid, result.errors
    assert result.data.figures["currency"] == "LVL"
    assert result.data.figures["social_budget"] == Decimal("700.5")


def test_text_that_looks_like_a_formula_stays_text(submission):
    entry = ProgressEntry.objects.get(municipality=submission.municipality, year=2015)
    entry.narrative = '=HYPERLINK("http://example.com")\x0b'
    entry.save()
    book = openpyxl.load_workbook(io.BytesIO(writing.submission_workbook(submission)))
    cell = book["Uzdevumi"].cell(_row(book["Uzdevumi"], "1.1"), 4)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com")', "s")
