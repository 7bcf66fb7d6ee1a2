"""Writing tables into openpyxl sheets, for every workbook the app hands out: the submission
workbook and the reports' tables and reviews."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="E7E9EE")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
MONEY_FORMAT = "#,##0.00"


def set_value(cell, value) -> None:
    """Put a value in a cell; text stays text."""
    if isinstance(value, str):
        # An .xlsx cannot hold these; openpyxl would refuse the whole value.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    # Text typed on the site is text: "=…" must not become a formula, nor "#N/A" an error.
    if isinstance(value, str) and cell.data_type in ("f", "e"):
        cell.data_type = "s"


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
