"""Any table of the dashboards as a download: CSV or Excel, with the same rows as the page."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

from monitoring.workbook import write_table

# A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list[Any]]

    def csv_response(self, filename: str) -> HttpResponse:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([neutralise(str(h)) for h in self.headers])
        for row in self.rows:
            writer.writerow(["" if v is None else neutralise(v) for v in row])
        # The byte-order mark makes Excel read the file as UTF-8 (Latvian letters).
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response

    def xlsx_response(self, filename: str) -> HttpResponse:
        book = Workbook()
        sheet = book.active
        sheet.title = str(self.title)[:31]
        write_table(
            sheet,
            [str(h) for h in self.headers],
            ([neutralise(v) for v in row] for row in self.rows),
            widths=[max(10, min(60, len(str(h)) + 4)) for h in self.headers],
            wrap=range(1, len(self.headers) + 1),
        )
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response

    def response(self, file_format: str, filename: str) -> HttpResponse:
        if file_format == "csv":
            return self.csv_response(filename)
        return self.xlsx_response(filename)
