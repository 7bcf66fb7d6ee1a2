"""The web form and the workbook are two channels of one report (issue 13): the workbook asks a
planned number only where the form does and refuses one elsewhere, saving nothing; indicators
go by the same number in both; the workbook's headers are the form's labels (and the old header
still uploads); a formula without a saved value is refused, never read as empty, and one with
its value is read as that value."""

import io
import re

import pytest
from django.utils import translation

from monitoring.forms import EntryForm, IndicatorValueForm
from monitoring.workbook import layout, reading
from monitoring.workbook.result import Change, RowError
from programmes.models import PlannedQuantity
from tests.workbooks import _download, _file, _lv, _row, _saved, _upload, _upload_file, _with_parts

pytestmark = pytest.mark.django_db

PLANNED = layout.TASK_COLUMNS["planned_quantity"] + 1


@pytest.fixture
def plan_of_1_2(submission):
    return PlannedQuantity.objects.create(
        node=submission.round.programme.nodes.get(code="1.2"),
        municipality=submission.municipality,
        quantity=4,
    )


def _page(client, submission) -> str:
    with translation.override("lv"):
        return client.get(submission.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="lv").content.decode()


def test_a_planned_number_is_asked_only_where_the_form_asks_it(
    client, jelgava_staff, submission, plan_of_1_2
):
    client.force_login(jelgava_staff)
    tasks = _download(client, submission)["Uzdevumi"]
    planned = {row[0].value: row[PLANNED - 1].value for row in tasks.iter_rows(min_row=2)}
    html = _page(client, submission)

    assert planned["1.2"] is None
    assert {code for code, value in planned.items() if value != layout.NOT_APPLICABLE} == {"1.2"}
    fields = set(re.findall(r'name="n(\d+)-planned_quantity"', html))
    assert fields == {str(plan_of_1_2.node_id)}


def test_a_planned_number_where_none_is_planned_is_refused_and_nothing_saved(
    client, jelgava_staff, submission, plan_of_1_2
):
    client.force_login(jelgava_staff)
    book = _download(client, submission)
    tasks = book["Uzdevumi"]
    tasks.cell(_row(tasks, "1.2"), PLANNED, 5)  # planned: accepted
    row = _row(tasks, "1.3")
    tasks.cell(row, PLANNED, 5)
    before = _saved(submission)

    response = _upload(client, submission, _file(book))

    assert response.status_code == 400
    message = _lv(reading.NO_PLANNED_NUMBER, code="1.3")
    assert response.context["result"].errors == [RowError("Uzdevumi", row, message)]
    assert _saved(submission) == before


def test_the_indicators_go_by_the_same_numbers_on_the_form_and_in_the_workbook(
    client, jelgava_staff, submission
):
    client.force_login(jelgava_staff)
    sheet = _download(client, submission)["Rādītāji"]
    in_workbook = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    html = _page(client, submission)
    section = html[html.index('id="indicators-title"') :]
    on_form = re.findall(r'<th scope="row">([^<]*)</th>', section.split("</table>")[0])

    assert in_workbook[:2] == ["D-1", "D-2"]
    assert on_form == in_workbook


def test_the_headers_are_the_form_labels(client, jelgava_staff, submission):
    with translation.override("lv"):
        task_labels = [str(field.label) for field in EntryForm().fields.values()]
        indicator_labels = [str(field.label) for field in IndicatorValueForm().fields.values()]
    assert list(layout.TASK_HEADERS[2:]) == task_labels
    assert list(layout.INDICATOR_HEADERS[2:]) == indicator_labels

    client.force_login(jelgava_staff)
    html = _page(client, submission)
    assert f'<h2 id="indicators-title">{layout.SHEET_INDICATORS}</h2>' in html
    assert f'<h2 id="tasks-title">{layout.SHEET_TASKS}</h2>' in html
    for header in layout.INDICATOR_HEADERS:
        assert f'<th scope="col">{header}</th>' in html


def test_a_workbook_with_the_old_planned_header_still_uploads(
    client, jelgava_staff, submission, plan_of_1_2
):
    client.force_login(jelgava_staff)
    book = _download(client, submission)
    tasks = book["Uzdevumi"]
    tasks.cell(1, PLANNED, "Plānotais skaits")
    tasks.cell(_row(tasks, "1.2"), PLANNED, 5)

    response = _upload(client, submission, _file(book))

    assert response.status_code == 200
    assert response.context["result"].changes == [
        Change("Uzdevumi", "1.2", "Gadam plānotais skaits", "", "5")
    ]


def _xlsx(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _formula_in_quantity_of_1_2(client, submission, cached: str | None) -> tuple[bytes, int]:
    """The workbook with =1+1 as 1.2's number achieved, saved with `cached` as its value or
    (as openpyxl and some programs write it) with none."""
    book = _download(client, submission)
    tasks = book["Uzdevumi"]
    row = _row(tasks, "1.2")
    tasks.cell(row, layout.TASK_COLUMNS["quantity"] + 1, "=1+1")
    content = _xlsx(book)
    if cached is not None:

        def with_value(xml: bytes) -> bytes:
            changed, count = re.subn(
                rb"(<c r=\"E%d\"[^>]*>)<f>1\+1</f>(?:<v\s*/>|<v></v>)?" % row,
                rb"\g<1><f>1+1</f><v>" + cached.encode() + rb"</v>",
                xml,
            )
            assert count == 1
            return changed

        content = _with_parts(content, {"xl/worksheets/sheet2.xml": with_value})
    return content, row


def test_a_formula_without_a_saved_value_is_refused(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    content, row = _formula_in_quantity_of_1_2(client, submission, cached=None)
    before = _saved(submission)

    response = _upload(client, submission, _upload_file("jelgava-2015.xlsx", content))

    assert response.status_code == 400
    message = _lv(reading.UNCALCULATED_FORMULA, cell=f"E{row}")
    assert response.context["result"].errors == [RowError("Uzdevumi", row, message)]
    assert _saved(submission) == before


def test_a_formula_with_a_saved_value_is_read_as_that_value(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    content, _row_number = _formula_in_quantity_of_1_2(client, submission, cached="2")

    response = _upload(client, submission, _upload_file("jelgava-2015.xlsx", content))

    assert response.status_code == 200
    assert response.context["result"].changes == [
        Change("Uzdevumi", "1.2", "Sasniegtais skaits", "", "2")
    ]
