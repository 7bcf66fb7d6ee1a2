"""An upload costs what it really holds: a workbook that declares or skips to a million rows, or
unpacks to hundreds of megabytes, is refused with a clear message, saves nothing, and is refused
after reading no more rows than a real workbook has (openpyxl's rows are counted, not timed)
and without unpacking it. The largest real workbook (Latgale's 157 tasks, every narrative at its
longest) stays well inside every limit."""

import io
import re
import tracemalloc
import zipfile

import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from monitoring import rules, services, workbook_views
from monitoring.models import ProgressEntry, Status, Submission
from monitoring.workbook import reading, upload
from monitoring.workbook.result import RowError, WorkbookResult
from monitoring.workbook.writing import submission_workbook
from municipalities.models import Municipality
from programmes.models import Programme
from tests.snapshot import snapshot
from tests.workbooks import _lv, _open_round, _person, _upload, _upload_file, _with_parts

pytestmark = pytest.mark.django_db

TASKS_SHEET = "xl/worksheets/sheet2.xml"  # openpyxl writes the sheets in order: Uzdevumi second
SHARED_STRINGS = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
SHARED_STRINGS_RELATION = (
    b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)


def _rows_to(content: bytes, last_row: int, dimension: str | None) -> bytes:
    """The workbook with an empty row `last_row` on the tasks sheet, and the sheet declaring
    `dimension` (or no dimension at all)."""

    def change(xml: bytes) -> bytes:
        declared = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
        xml = re.sub(rb'<dimension ref="[^"]*" ?/>', declared, xml)
        return xml.replace(b"</sheetData>", f'<row r="{last_row}"/></sheetData>'.encode())

    return _with_parts(content, {TASKS_SHEET: change})


def _shared_strings(content: bytes, count: int, size: int) -> bytes:
    """The workbook with `count` shared strings of `size` letters each, written as a stream:
    a few hundred kilobytes that unpack to count × size bytes."""

    def added(archive):
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            string = b"<si><t>" + b"A" * size + b"</t></si>"
            for _ in range(count):
                part.write(string)
            part.write(b"</sst>")

    return _with_parts(
        content,
        {
            "[Content_Types].xml": lambda xml: xml.replace(
                b"</Types>", SHARED_STRINGS + b"</Types>"
            ),
            "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
                b"</Relationships>", SHARED_STRINGS_RELATION + b"</Relationships>"
            ),
        },
        added,
    )


def _many_parts(content: bytes, count: int) -> bytes:
    def added(archive):
        for number in range(count):
            archive.writestr(f"customXml/item{number}.xml", b"<item/>")

    return _with_parts(content, added=added)


@pytest.fixture
def work(monkeypatch):
    """The rows and cells openpyxl's read-only sheets have yielded so far: what reading cost."""
    done = {"rows": 0, "cells": 0}
    cells_by_row = ReadOnlyWorksheet._cells_by_row

    def counted(self, *args, **kwargs):
        for row in cells_by_row(self, *args, **kwargs):
            done["rows"] += 1
            done["cells"] += len(row)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counted)

    def read(content: bytes, submission) -> tuple[WorkbookResult, dict[str, int]]:
        done.update(rows=0, cells=0)
        result = reading.parse_workbook(submission, _upload_file("jelgava-2015.xlsx", content))
        return result, dict(done)

    return read


def _refused(client, submission, content: bytes, message: str) -> None:
    """The upload is refused as a whole with `message`, and nothing is saved or kept."""
    before = snapshot()
    response = _upload(client, submission, _upload_file("jelgava-2015.xlsx", content))
    assert response.status_code == 400
    assert response.context["result"].errors == [RowError("", None, message)]
    assert not client.session.get(workbook_views.SESSION_KEY)
    assert snapshot() == before


SHEET_TOO_LARGE = {"sheet": "Uzdevumi", "count": upload.MAX_SHEET_ROWS}


@pytest.mark.parametrize(
    ("last_row", "dimension"),
    [(20_000, "A1:XFD20000"), (1_048_576, "A1:XFD1048576")],
    ids=["20000 rows", "the most a sheet has"],
)
def test_a_sheet_declaring_too_many_rows_is_refused_before_its_rows_are_read(
    client, jelgava_staff, submission, work, last_row, dimension
):
    client.force_login(jelgava_staff)
    content = submission_workbook(submission)
    bomb = _rows_to(content, last_row, dimension)

    _refused(client, submission, bomb, _lv(upload.SHEET_TOO_LARGE, **SHEET_TOO_LARGE))
    _, real = work(content, submission)
    _, refused = work(bomb, submission)
    assert refused["rows"] < real["rows"] and refused["cells"] < real["cells"]


def test_a_sheet_skipping_to_its_last_row_is_read_no_further_than_the_row_limit(
    client, jelgava_staff, submission, work
):
    """Without a dimension, openpyxl makes up an empty row for each row number skipped."""
    client.force_login(jelgava_staff)
    content = submission_workbook(submission)
    bomb = _rows_to(content, 1_048_576, dimension=None)

    _refused(client, submission, bomb, _lv(upload.SHEET_TOO_LARGE, **SHEET_TOO_LARGE))
    _, real = work(content, submission)
    _, refused = work(bomb, submission)
    assert refused["rows"] <= real["rows"] + upload.MAX_SHEET_ROWS + 1
    assert refused["cells"] <= real["cells"] + (upload.MAX_SHEET_ROWS + 1) * upload.MAX_COLUMNS


@pytest.mark.parametrize("dimension", [None, f"A1:F{upload.MAX_SHEET_ROWS}"])
def test_every_row_counts_towards_the_limit_empty_or_not(submission, work, dimension):
    content = submission_workbook(submission)

    result, _ = work(_rows_to(content, upload.MAX_SHEET_ROWS, dimension), submission)
    assert result.is_valid, result.errors

    beyond = f"A1:F{upload.MAX_SHEET_ROWS + 1}" if dimension else None
    result, _ = work(_rows_to(content, upload.MAX_SHEET_ROWS + 1, beyond), submission)
    assert result.errors == [RowError("", None, _lv(upload.SHEET_TOO_LARGE, **SHEET_TOO_LARGE))]


def test_800_strings_of_a_megabyte_are_refused_without_unpacking_them(
    client, jelgava_staff, submission, work
):
    client.force_login(jelgava_staff)
    bomb = _shared_strings(submission_workbook(submission), count=800, size=1024 * 1024)
    assert len(bomb) < upload.MAX_UPLOAD_BYTES

    unpacks_too_large = _lv(upload.UNPACKS_TOO_LARGE)
    _refused(client, submission, bomb, unpacks_too_large)
    tracemalloc.start()
    result, done = work(bomb, submission)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.errors == [RowError("", None, unpacks_too_large)]
    assert done == {"rows": 0, "cells": 0}
    assert peak < 10 * len(bomb)  # the upload and its copies; it unpacks to 800 MB


@pytest.mark.parametrize(
    "make",
    [
        # A part within the sizes that would unpack at a thousand to one.
        lambda content: _shared_strings(content, count=2, size=1024 * 1024),
        # A part larger than any a report has.
        lambda content: _shared_strings(content, count=1, size=upload.MAX_PART_BYTES),
        lambda content: _many_parts(content, upload.MAX_PARTS),
    ],
    ids=["compression ratio", "part size", "number of parts"],
)
def test_each_limit_of_the_zip_refuses_on_its_own(submission, work, make):
    result, done = work(make(submission_workbook(submission)), submission)
    assert result.errors == [RowError("", None, _lv(upload.UNPACKS_TOO_LARGE))]
    assert done == {"rows": 0, "cells": 0}


@pytest.fixture
def largest_workbook():
    """A downloaded workbook of the largest programme, Latgale: every one of its 157 tasks
    filled in, each narrative as long as it may be and all of them the same text (which
    compresses the most)."""
    latgale = Programme.objects.get(slug="latgale")
    municipality = Municipality.objects.filter(region=latgale.region).order_by("name").first()
    coordinator = _person("koordinatore-latgale", "coordinator", region=latgale.region)
    year = latgale.years[1]
    submission = Submission.objects.create(
        round=_open_round(latgale, year, coordinator), municipality=municipality
    )
    narrative = ("Atvērts dienas centrs; strādā piecas dienas nedēļā. " * 100)[
        : rules.NARRATIVE_MAX_LENGTH
    ]
    nodes = services.reportable_nodes(latgale)
    ProgressEntry.objects.bulk_create(
        ProgressEntry(
            node=node,
            municipality=municipality,
            year=year,
            status=Status.IMPROVED,
            narrative=narrative,
            quantity=999999999,
            planned_quantity=999999999,
        )
        for node in nodes
    )
    return submission, len(nodes), submission_workbook(submission)


def test_the_largest_real_workbook_is_well_inside_every_limit(largest_workbook):
    submission, tasks, content = largest_workbook
    assert tasks == 157
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = archive.infolist()
    assert 5 * len(parts) <= upload.MAX_PARTS
    assert 5 * max(part.file_size for part in parts) <= upload.MAX_PART_BYTES
    assert 10 * sum(part.file_size for part in parts) <= upload.MAX_UNPACKED_BYTES
    ratio = max(part.file_size / part.compress_size for part in parts)
    assert 3 * ratio <= upload.MAX_COMPRESSION_RATIO
    rows = 1 + tasks
    assert 10 * rows <= upload.MAX_ROWS and 50 * rows <= upload.MAX_SHEET_ROWS

    result = reading.parse_workbook(submission, _upload_file("latgale.xlsx", content))
    assert result.is_valid and result.changes == []
