"""Writing tables into openpyxl sheets, for every workbook the app hands out: the submission
workbook and the reports' tables and reviews; and the cell rules of every spreadsheet and CSV
the app or its admin writes, so that no text typed on the site runs as a formula."""

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="E7E9EE")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
MONEY_FORMAT = "#,##0.00"

# A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def storable(value: Any) -> Any:
    """Text without the characters an .xlsx cannot hold (openpyxl would refuse the whole
    value, and the whole export with it); other values as they are."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def looks_like_formula(value: Any) -> bool:
    """Text a spreadsheet would take for a formula, also behind apostrophes already there."""
    return isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """A value as a CSV or a spreadsheet cell may hold it: storable, and text that a
    spreadsheet would take for a formula behind a leading apostrophe. The apostrophe is
    added to text already starting with apostrophes too, so that `restore()` gives back
    exactly what was written."""
    value = storable(value)
    return "'" + value if looks_like_formula(value) else value


def restore(value: Any) -> Any:
    """What `neutralise()` was given, from what it wrote: for a file coming back."""
    if looks_like_formula(value) and value.startswith("'"):
        return value[1:]
    return value


def set_value(cell, value) -> None:
    """Put a value in a cell; text stays text, and stays text when it is edited in Excel."""
    value = storable(value)
    cell.value = value
    # Text typed on the site is text: "=…" must not become a formula, nor "#N/A" an error.
    if isinstance(value, str) and cell.data_type in ("f", "e"):
        cell.data_type = "s"
    # Excel's own mark of text typed after an apostrophe: shown and read back as it is (the
    # submission workbook comes back to be compared with what is saved), and editing the
    # cell does not turn it into a formula.
    if looks_like_formula(value):
        cell.quotePrefix = True


def write_table(sheet, headers, rows, *, widths, wrap=(), formats=None) -> None:
    """A header row and the rows below it; `wrap` and `formats` are by column number."""
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        set_value(cell, header)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column)
            set_value(cell, value)
            cell.alignment = WRAP if column in wrap else TOP
            if formats and column in formats:
                cell.number_format = formats[column]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
