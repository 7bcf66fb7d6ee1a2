"""Helpers of the tests of the region workbook (tests/test_region_import*.py): the workbook
downloaded, a row of it found and changed, the upload and its confirmation, and what an import
could change, to compare before and after."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring import downloads
from monitoring.models import ProgressEntry, Submission
from monitoring.workbook.region import ENTRY_COLUMNS, SHEET_ENTRIES

# The entry sheet's columns as openpyxl numbers them (from 1).
COLUMN = {"municipality": 1, "code": 2, **{name: i + 1 for name, i in ENTRY_COLUMNS.items()}}


def download(client, reporting_round):
    response = client.get(reverse("monitoring:region-workbook", args=[reporting_round.pk]))
    assert response.status_code == 200, response.status_code
    return openpyxl.load_workbook(io.BytesIO(response.getvalue()))


def row_of(book, municipality: str, code: str) -> int:
    """The entry sheet's row number of the municipality's entry on the task."""
    return next(
        row[0].row
        for row in book[SHEET_ENTRIES].iter_rows(min_row=2)
        if (row[0].value, row[1].value) == (municipality, code)
    )


def fill(book, name: str, task: str, /, **values) -> int:
    """Write `values` (by column: municipality, code or an entry field) in the row of the
    municipality `name` on the `task`; returns its number."""
    number = row_of(book, name, task)
    for name, value in values.items():
        book[SHEET_ENTRIES].cell(number, COLUMN[name]).value = value  # None empties it
    return number


def as_upload(book, name="zemgale-2015-ieraksti.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=downloads.XLSX)


def upload(client, reporting_round, uploaded):
    return client.post(
        reverse("monitoring:region-import", args=[reporting_round.pk]), {"workbook": uploaded}
    )


def confirm(client, reporting_round, token, **kwargs):
    return client.post(
        reverse("monitoring:region-import-confirm", args=[reporting_round.pk]),
        {"token": token},
        **kwargs,
    )


def saved(reporting_round):
    """Everything an import could change in the year's reports: entries, versions, states and
    the number of entry history records."""
    return (
        sorted(
            ProgressEntry.objects.filter(year=reporting_round.year).values_list(
                "node_id", "municipality_id", "status", "narrative", "quantity", "planned_quantity"
            )
        ),
        sorted(
            Submission.objects.filter(round=reporting_round).values_list("pk", "version", "state")
        ),
        ProgressEntry.history.count(),
    )
