"""Helpers of the tests that send a submission workbook out and back
(tests/test_submission_workbook_*.py) and of the bad-input tests that upload one
(tests/test_bad_input_*.py): the users and round those need, a workbook downloaded, changed and
uploaded again, what an upload could change, the committed corpus of bad workbooks
(tests/bad_inputs/) as uploads, and a workbook with parts of its zip rewritten
(tests/test_upload_bombs.py). The names keep the leading underscore they had in the modules
the tests were moved from, so that the tests read as they did."""

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from monitoring import downloads
from monitoring.models import Membership, ProgressEntry, ReportingRound
from municipalities.models import YearlyFigures
from programmes.models import IndicatorValue

CORPUS = Path(__file__).parent / "bad_inputs"


def _person(username, role, **scope):
    user = get_user_model().objects.create_user(username)
    Membership.objects.create(user=user, role=role, **scope)
    return user


def _open_round(programme, year, by):
    return ReportingRound.objects.create(
        programme=programme,
        year=year,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        opened_by=by,
    )


def _download(client, submission):
    response = client.get(reverse("monitoring:workbook", args=[submission.pk]))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.getvalue()))


def _file(book, name="jelgava-2015.xlsx"):
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=downloads.XLSX)


def _row(sheet, code):
    return next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == code)


def _upload(client, submission, uploaded):
    return client.post(
        reverse("monitoring:workbook-upload", args=[submission.pk]), {"workbook": uploaded}
    )


def _saved(submission):
    """Everything an upload could change, to compare before and after."""
    municipality, year = submission.municipality, submission.round.year
    submission.refresh_from_db()
    return (
        submission.version,
        sorted(
            ProgressEntry.objects.filter(municipality=municipality, year=year).values_list(
                "node__code", "status", "narrative", "quantity", "planned_quantity"
            )
        ),
        list(IndicatorValue.objects.filter(municipality=municipality, year=year).values()),
        list(YearlyFigures.objects.filter(municipality=municipality, year=year).values()),
    )


def _lv(message, **values):
    with translation.override("lv"):
        return str(message % values) if values else str(message)


def _upload_file(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    content = (CORPUS / name).read_bytes() if content is None else content
    return SimpleUploadedFile(name, content, content_type=downloads.XLSX)


def _with_parts(content: bytes, changes=None, added=None) -> bytes:
    """The .xlsx `content` as a zip again, each part named in `changes` passed through its
    function (bytes to bytes) and `added(archive)` then writing parts of its own."""
    changes = changes or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for name in source.namelist():
            data = source.read(name)
            archive.writestr(name, changes[name](data) if name in changes else data)
        if added:
            added(archive)
    return buffer.getvalue()
