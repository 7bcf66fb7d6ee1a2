"""The uploaded file itself: refuse what is too large or not an .xlsx workbook, and read the
rows of the sheets the submission workbook has, at a cost bounded by what the file really
holds: its parts' sizes are checked before anything is unpacked, and no sheet is read past
MAX_SHEET_ROWS rows, empty ones included."""

import io
import zipfile

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
# Filled-in rows of a sheet; the largest programme (Latgale) has 157 tasks.
MAX_ROWS = 2000

# What the .xlsx may unpack to. The workbook of the largest programme (Latgale, 157 tasks),
# as the site writes it with every narrative at its 5000 characters, is 637 KB in 12 parts
# that unpack to 1.1 MB, 1.1 MB of it the sheet of tasks; its parts compress at most 6.5 to 1,
# and 52 to 1 when all the narratives are the same text. Excel adds a few parts of its own.
# The limits leave a margin of several times (tests/test_upload_bombs.py checks it).
# Python's zipfile never unpacks more than a part declares, so checking the declared sizes
# bounds what openpyxl can unpack.
MAX_PARTS = 100
MAX_PART_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # deflate's own limit is about 1030 to 1
# Every row of a sheet, empty ones included (openpyxl yields an empty row for each row number
# a sheet skips, and up to the size it declares), and the columns read of each row.
MAX_SHEET_ROWS = 10_000
MAX_COLUMNS = 50

FILE_TOO_LARGE = _("The file is larger than %(size)d MB.")
NOT_XLSX = _("Upload an Excel workbook with the extension .xlsx.")
NOT_A_WORKBOOK = _("The file cannot be read as an Excel workbook (.xlsx).")
UNPACKS_TOO_LARGE = _(
    "The workbook holds more than a report needs and cannot be read. "
    "Download the workbook again and fill it in."
)
SHEET_TOO_LARGE = _(
    'The sheet "%(sheet)s" has more than %(count)d rows, counting empty ones. '
    "Delete the rows below the table."
)


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


def check_archive(content: bytes) -> None:
    """Refuse a zip that would unpack to more than a report needs, reading only its list of
    parts, before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise WorkbookError(NOT_A_WORKBOOK) from None
    too_large = WorkbookError(UNPACKS_TOO_LARGE)
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise too_large
    for part in parts:
        if part.file_size > MAX_PART_BYTES or (
            part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
        ):
            raise too_large


def sheet_rows(sheet) -> list[tuple[int, tuple]]:
    """The non-empty rows of a read-only sheet, as (row number, values of the first
    MAX_COLUMNS columns); at most MAX_ROWS + 1, so a sheet with too many shows up without
    reading it all. Refused when the sheet declares, or yields, more than MAX_SHEET_ROWS rows
    of any kind."""
    too_large = WorkbookError(SHEET_TOO_LARGE % {"sheet": sheet.title, "count": MAX_SHEET_ROWS})
    if (sheet.max_row or 0) > MAX_SHEET_ROWS:
        raise too_large
    rows = []
    # The column bound also sizes the empty rows openpyxl makes up for the rows a sheet skips.
    width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
    numbered = enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1)
    for number, values in numbered:
        if number > MAX_SHEET_ROWS:
            raise too_large
        if any(cell_text(v) for v in values):
            rows.append((number, tuple(values)))
            if len(rows) > MAX_ROWS:
                break
    return rows


def read_sheets(uploaded_file) -> dict[str, list[tuple[int, tuple]]]:
    """The non-empty rows of the workbook's known sheets (see sheet_rows())."""
    uploaded_file.seek(0)
    content = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise WorkbookError(FILE_TOO_LARGE % {"size": MAX_UPLOAD_MB})
    if not content.startswith(b"PK"):
        raise WorkbookError(NOT_A_WORKBOOK)
    check_archive(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean "unreadable"
        raise WorkbookError(NOT_A_WORKBOOK) from None
    sheets = {}
    try:
        for name in (SHEET_SUMMARY, SHEET_TASKS, SHEET_INDICATORS, SHEET_FIGURES):
            if name in book.sheetnames:
                sheets[name] = sheet_rows(book[name])
    except WorkbookError:
        raise
    except Exception:  # a damaged sheet fails only when it is read
        raise WorkbookError(NOT_A_WORKBOOK) from None
    finally:
        book.close()
    return sheets
