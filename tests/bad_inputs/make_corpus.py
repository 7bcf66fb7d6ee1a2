"""Write the bad workbooks of tests/test_bad_input_workbooks.py into this folder.

    .venv/bin/python tests/bad_inputs/make_corpus.py

Each workbook is Jelgava's 2015 Zemgale report, small (three tasks), and differs from
`good.xlsx` in one way only, so a refusal can only be for that one thing. The sheet names and
headers are the upload format of monitoring/workbook/ (layout.py), written out here so that the
script needs no Django. Timestamps are fixed, so running it again rewrites the same bytes.

The oversized upload (more than 5 MB) is not committed: the test builds it when it runs.
"""

import datetime
import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime.datetime(2015, 1, 1)
STAMP = b"2015-01-01T00:00:00Z"

TASK_HEADERS = [
    "Kods",
    "Uzdevums",
    "Statuss",
    "Izpildes apraksts",
    "Sasniegtais skaits",
    "Gadam plānotais skaits",
]
FIGURE_HEADERS = ["Rādītājs", "Vērtība"]
# Rows 2, 3 and 4 of the task sheet.
TASKS = [
    ["1.1", "", "izpildīts", "Atvērts dienas centrs.", 2, None],
    # Jelgava has no plan, so no planned number is asked (issue 13): 4 is the number achieved.
    ["1.2", "", "daļēji izpildīts", "", 4, None],
    ["1.3", "", "", "Grupu darbs sākts.", None, None],
]
LONG_NARRATIVE_LENGTH = 5001  # rules.NARRATIVE_MAX_LENGTH + 1


def _book(
    *,
    municipality="Jelgava",
    year=2015,
    task_headers=TASK_HEADERS,
    tasks=TASKS,
    figures=(("Sociālais budžets", 1000),),
) -> Workbook:
    book = Workbook()
    summary = book.active
    summary.title = "Pārskats"
    for row in (["Pašvaldība", municipality], ["Gads", year], ["Programma", "zemgale"]):
        summary.append(row)
    sheet = book.create_sheet("Uzdevumi")
    for row in [task_headers, *tasks]:
        sheet.append(list(row))
    sheet = book.create_sheet("Finanses")
    for row in [FIGURE_HEADERS, *figures]:
        sheet.append(list(row))
    book.properties.created = book.properties.modified = FIXED_TIME
    return book


def _xlsx(book: Workbook) -> bytes:
    """The workbook's bytes, with every zip member dated FIXED_TIME."""
    raw = io.BytesIO()
    book.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving as "modified", whatever was set.
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP, content)
            target.writestr(member, content)
    return fixed.getvalue()


def _tasks_with(code: str, column: int, value) -> list[list]:
    return [[*row[:column], value, *row[column + 1 :]] if row[0] == code else row for row in TASKS]


def corpus() -> dict[str, bytes]:
    """File name → content."""
    good = _xlsx(_book())
    return {
        "good.xlsx": good,
        # A CSV export saved under the workbook's name: no zip at all.
        "not_xlsx.xlsx": "Kods;Statuss\n1.1;izpildīts\n".encode(),
        "empty.xlsx": b"",
        # The download cut off half-way: the zip's directory at the end is missing.
        "truncated.xlsx": good[: len(good) // 2],
        "wrong_headers.xlsx": _xlsx(
            _book(task_headers=[*TASK_HEADERS[:2], "Stāvoklis", *TASK_HEADERS[3:]])
        ),
        "bad_numbers.xlsx": _xlsx(
            _book(
                tasks=[
                    TASKS[0],
                    _tasks_with("1.2", 4, "daudz")[1],
                    _tasks_with("1.3", 4, -3)[2],
                ],
                figures=(("Sociālais budžets", "-5"),),
            )
        ),
        "unknown_task.xlsx": _xlsx(_book(tasks=[*TASKS, ["9.9", "", "izpildīts", "", None, None]])),
        "unknown_municipality.xlsx": _xlsx(_book(municipality="Jelgavas apriņķis")),
        "duplicate_rows.xlsx": _xlsx(
            _book(
                tasks=[*TASKS, ["1.1", "", "uzlabojies", "Otrreiz.", None, None]],
                figures=(("Sociālais budžets", 1000), ("sociālais  budžets", 2000)),
            )
        ),
        "year_outside_programme.xlsx": _xlsx(_book(year=2030)),
        "long_narrative.xlsx": _xlsx(
            _book(tasks=_tasks_with("1.3", 3, "ā" * LONG_NARRATIVE_LENGTH))
        ),
        # A number Excel shows as 1E+30: beyond what a Decimal of 28 digits can round.
        "huge_number.xlsx": _xlsx(_book(tasks=_tasks_with("1.2", 4, 1e30))),
    }


def main() -> None:
    for name, content in corpus().items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
