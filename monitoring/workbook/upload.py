"""The uploaded file itself: refuse what is too large or not an .xlsx workbook, and read the
rows of the sheets the submission workbook has."""

import io

from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from monitoring.downloads import XLSX
from monitoring.rules import cell_text
from monitoring.workbook.layout import SHEET_FIGURES, SHEET_INDICATORS, SHEET_SUMMARY, SHEET_TASKS

# Browsers and operating systems label .xlsx uploads inconsistently; these are the labels
# seen for real workbooks. The content itself is checked when it is read.
ACCEPTED_CONTENT_TYPES = frozenset(
    {
        XLSX,
        "application/octet-stream",
        "application/zip",
        "application/x-zip-compressed",
        "",
    }
)
MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 2000

FILE_TOO_LARGE = _("The file is larger than %(size)d MB.")
NOT_XLSX = _("Upload an Excel workbook with the extension .xlsx.")
NOT_A_WORKBOOK = _("The file cannot be read as an Excel workbook (.xlsx).")


class WorkbookError(ValueError):
    """The upload is refused as a whole; str() says why, for the person uploading."""


def check_upload(uploaded_file) -> None:
    """Refuse what is too large or plainly not an .xlsx file, before reading it."""
    if (getattr(uploaded_file, "size", 0) or 0) > MAX_UPLOAD_BYTES:
        raise WorkbookError(FILE_TOO_LARGE % {"size": MAX_UPLOAD_MB})
    name = getattr(uploaded_file, "name", "") or ""
    content_type = (getattr(uploaded_file, "content_type", "") or "").split(";")[0].strip()
    if not name.lower().endswith(".xlsx") or content_type not in ACCEPTED_CONTENT_TYPES:
        raise WorkbookError(NOT_XLSX)


def read_sheets(uploaded_file) -> dict[str, list[tuple[int, tuple]]]:
    """The non-empty rows of the workbook's known sheets, as (row number, values); at most
    MAX_ROWS + 1 per sheet, so a sheet with too many shows up without reading it all."""
    uploaded_file.seek(0)
    content = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise WorkbookError(FILE_TOO_LARGE % {"size": MAX_UPLOAD_MB})
    if not content.startswith(b"PK"):
        raise WorkbookError(NOT_A_WORKBOOK)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean "unreadable"
        raise WorkbookError(NOT_A_WORKBOOK) from None
    sheets = {}
    try:
        for name in (SHEET_SUMMARY, SHEET_TASKS, SHEET_INDICATORS, SHEET_FIGURES):
            if name not in book.sheetnames:
                continue
            rows = []
            for number, values in enumerate(book[name].iter_rows(values_only=True), start=1):
                if any(cell_text(v) for v in values):
                    rows.append((number, tuple(values)))
                    if len(rows) > MAX_ROWS:
                        break
            sheets[name] = rows
    except Exception:  # a damaged sheet fails only when it is read
        raise WorkbookError(NOT_A_WORKBOOK) from None
    finally:
        book.close()
    return sheets
