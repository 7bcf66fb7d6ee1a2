"""Any table of the dashboards as a download: CSV or Excel, with the same rows as the page."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse
from openpyxl import Workbook

from monitoring.downloads import CSV, XLSX, file_response
from monitoring.excel import neutralise, write_table


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list[Any]]

    def csv_response(self, filename: str) -> FileResponse:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([neutralise(str(h)) for h in self.headers])
        for row in self.rows:
            writer.writerow(["" if v is None else neutralise(v) for v in row])
        # The byte-order mark makes Excel read the file as UTF-8 (Latvian letters).
        return file_response("\ufeff" + buffer.getvalue(), f"{filename}.csv", CSV)

    def xlsx_response(self, filename: str) -> FileResponse:
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
        return file_response(buffer.getvalue(), f"{filename}.xlsx", XLSX)

    def response(self, file_format: str, filename: str) -> FileResponse:
        if file_format == "csv":
            return self.csv_response(filename)
        return self.xlsx_response(filename)
