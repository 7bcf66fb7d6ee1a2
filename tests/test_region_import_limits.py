"""The region workbook's upload has the submission workbook's limits: a file that is not an
.xlsx, one whose sheet declares more rows than any sheet is read to, or one that would unpack
to more than a workbook needs is refused, saving nothing; the largest real region (Latgale's
21 municipalities × 157 tasks, with the published 2014 texts) stays well inside them and comes
back with nothing to import."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from monitoring import downloads, services
from monitoring.models import Membership
from monitoring.workbook import upload as limits
from monitoring.workbook.region import MAX_REGION_ROWS, region_workbook
from programmes.models import Programme
from tests.region_workbooks import saved, upload
from tests.workbooks import _lv, _with_parts

pytestmark = pytest.mark.django_db

ENTRY_SHEET = "xl/worksheets/sheet2.xml"  # openpyxl writes the sheets in order: Ieraksti second


def _file(content: bytes, name="zemgale-2015-ieraksti.xlsx"):
    return SimpleUploadedFile(name, content, content_type=downloads.XLSX)


def _rows_to(content: bytes, last_row: int) -> bytes:
    def change(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*" ?/>', b"", xml)
        return xml.replace(b"</sheetData>", f'<row r="{last_row}"/></sheetData>'.encode())

    return _with_parts(content, {ENTRY_SHEET: change})


def _many_parts(content: bytes) -> bytes:
    def added(archive):
        for n in range(limits.MAX_PARTS):
            archive.writestr(f"xl/extra/part{n}.xml", b"<x/>")

    return _with_parts(content, added=added)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda content: _rows_to(content, limits.MAX_SHEET_ROWS + 1), "rows"),
        (_many_parts, "parts"),
    ],
)
def test_a_workbook_past_the_limits_is_refused(client, people, zemgale_round, make, message):
    client.force_login(people.zemgale_coordinator)
    before = saved(zemgale_round)

    response = upload(client, zemgale_round, _file(make(region_workbook(zemgale_round))))

    assert response.status_code == 400
    (error,) = response.context["result"].errors
    expected = {
        "rows": _lv(limits.SHEET_TOO_LARGE, sheet="Ieraksti", count=limits.MAX_SHEET_ROWS),
        "parts": _lv(limits.UNPACKS_TOO_LARGE),
    }[message]
    assert error.message == expected
    assert saved(zemgale_round) == before


def test_a_file_that_is_not_a_workbook_is_refused(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)

    response = upload(client, zemgale_round, _file(b"Pasvaldiba;Kods", name="ieraksti.csv"))

    assert response.status_code == 400
    assert response.context["form"].errors["workbook"] == [_lv(limits.NOT_XLSX)]


def test_the_largest_real_region_is_well_inside_every_limit(client, people):
    latgale = Programme.objects.get(slug="latgale")
    coordinator = people.latgale_coordinator
    assert Membership.objects.filter(user=coordinator, region=latgale.region).exists()
    reporting_round = services.round_open(
        programme=latgale,
        year=2014,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        by=coordinator,
    )
    content = region_workbook(reporting_round)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = archive.infolist()
        rows = archive.read(ENTRY_SHEET).count(b"<row ")
    assert rows - 1 == reporting_round.submissions.count() * 157 == 3297
    assert 3 * rows <= MAX_REGION_ROWS
    assert 4 * len(content) <= limits.MAX_UPLOAD_BYTES
    assert 5 * len(parts) <= limits.MAX_PARTS
    assert 3 * max(part.file_size for part in parts) <= limits.MAX_PART_BYTES
    assert 5 * sum(part.file_size for part in parts) <= limits.MAX_UNPACKED_BYTES
    client.force_login(coordinator)

    response = upload(client, reporting_round, _file(content, name="latgale-2014-ieraksti.xlsx"))

    assert response.status_code == 200, response.context["result"].errors[:3]
    assert response.context["result"].reports == []
