"""The uploaded file itself: refuse what is too large or not an .xlsx workbook, and read the
rows of the sheets the submission workbook has, at a cost bounded by what the file really
holds: its parts' sizes are checked before anything is unpacked, and no sheet is read past
MAX_SHEET_ROWS rows, empty ones included. A workbook whose sheets hold formulas is read twice,
each time within the same limits: once for the values Excel saved, once to see which cells hold
formulas, so that a formula saved without its result is told apart from an empty cell."""

import io
import re
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


# A formula element of a sheet part, with or without a namespace prefix.
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s/>]")


class WorkbookError(ValueError):
    """The upload is refused as a whole; str() says why, for the person uploading."""


class UncalculatedFormula:
    """The value read for a formula cell saved without its result (a workbook written by a
    program, not saved by Excel): neither a value nor empty, so the reader refuses it."""

    def __repr__(self) -> str:
        return "UNCALCULATED"


UNCALCULATED = UncalculatedFormula()


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


def has_formulas(content: bytes) -> bool:
    """Whether a sheet of the (checked) archive holds a formula: only then is it read a second
    time, so a workbook without formulas costs one read."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return any(
            FORMULA_ELEMENT.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def sheet_rows(sheet, formulas=None, max_rows: int = MAX_ROWS) -> list[tuple[int, tuple]]:
    """The non-empty rows of a read-only sheet, as (row number, values of the first
    MAX_COLUMNS columns); at most `max_rows` + 1, so a sheet with too many shows up without
    reading it all. Refused when the sheet declares, or yields, more than MAX_SHEET_ROWS rows
    of any kind. With `formulas`, the same sheet read with data_only=False, a formula cell
    without a saved result is UNCALCULATED instead of None."""
    too_large = WorkbookError(SHEET_TOO_LARGE % {"sheet": sheet.title, "count": MAX_SHEET_ROWS})
    if max(sheet.max_row or 0, (formulas.max_row or 0) if formulas is not None else 0) > (
        MAX_SHEET_ROWS
    ):
        raise too_large
    rows = []
    # The column bound also sizes the empty rows openpyxl makes up for the rows a sheet skips.
    width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
    values = sheet.iter_rows(max_col=width, values_only=True)
    cells = formulas.iter_rows(max_col=width) if formulas is not None else None
    for number, row in enumerate(values, start=1):
        if number > MAX_SHEET_ROWS:
            raise too_large
        row = tuple(row)
        # Both reads walk the same rows of the same part, so they stay in step.
        formula_row = next(cells, ()) if cells is not None else ()
        if any(getattr(cell, "data_type", None) == "f" for cell in formula_row):
            row = tuple(
                UNCALCULATED if value is None and getattr(cell, "data_type", None) == "f" else value
                for value, cell in zip(row, (*formula_row, *[None] * len(row)), strict=False)
            )
        if any(value is UNCALCULATED or cell_text(value) for value in row):
            rows.append((number, row))
            if len(rows) > max_rows:
                break
    return rows


SHEETS = (SHEET_SUMMARY, SHEET_TASKS, SHEET_INDICATORS, SHEET_FIGURES)


def read_sheets(
    uploaded_file, sheets: tuple[str, ...] = SHEETS, max_rows: int = MAX_ROWS
) -> dict[str, list[tuple[int, tuple]]]:
    """The non-empty rows of the workbook's `sheets` that it has (see sheet_rows()): the
    submission workbook's, unless the caller reads another kind."""
    uploaded_file.seek(0)
    content = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise WorkbookError(FILE_TOO_LARGE % {"size": MAX_UPLOAD_MB})
    if not content.startswith(b"PK"):
        raise WorkbookError(NOT_A_WORKBOOK)
    check_archive(content)
    books = []
    try:
        for data_only in (True, False) if has_formulas(content) else (True,):
            books.append(load_workbook(io.BytesIO(content), read_only=True, data_only=data_only))
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean "unreadable"
        for book in books:
            book.close()
        raise WorkbookError(NOT_A_WORKBOOK) from None
    book, formulas = (*books, None)[:2]
    found = {}
    try:
        for name in sheets:
            if name in book.sheetnames:
                found[name] = sheet_rows(book[name], formulas[name] if formulas else None, max_rows)
    except WorkbookError:
        raise
    except Exception:  # a damaged sheet fails only when it is read
        raise WorkbookError(NOT_A_WORKBOOK) from None
    finally:
        for opened in books:
            opened.close()
    return found
