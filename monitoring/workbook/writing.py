"""The submission as an .xlsx workbook, prefilled with what is saved, to fill in and upload."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from monitoring.excel import BOLD, MONEY_FORMAT, TOP, WRAP, write_table
from monitoring.models import Status, Submission
from monitoring.questions import task_questions
from monitoring.rules import status_label
from monitoring.workbook.layout import (
    FIGURE_HEADERS,
    INDICATOR_HEADERS,
    INSTRUCTIONS,
    KEY_INSTRUCTIONS,
    KEY_MUNICIPALITY,
    KEY_PROGRAMME,
    KEY_YEAR,
    NOT_APPLICABLE,
    SHEET_FIGURES,
    SHEET_INDICATORS,
    SHEET_SUMMARY,
    SHEET_TASKS,
    TASK_HEADERS,
    WHOLE_FIGURES,
    figure_labels,
    indicator_number,
)
from monitoring.workbook.saved import figure_values, saved

NOT_APPLICABLE_FILL = PatternFill("solid", start_color="D9D9D9")
NOT_APPLICABLE_FONT = Font(color="808080")


def write_summary(sheet, pairs) -> None:
    """The summary sheet's rows: each key in bold beside its value."""
    for key, value in pairs:
        sheet.append([key, value])
    for row in sheet.iter_rows():
        row[0].font = BOLD
        row[0].alignment = TOP
        row[1].alignment = WRAP
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90


def task_cells(node, entry, questions) -> tuple:
    """A task's cells on the task sheet (layout.TASK_HEADERS) with the saved `entry` or None:
    the numbers "—" where the task asks none (monitoring/questions.py)."""
    quantity = entry.quantity if entry else None
    planned = entry.planned_quantity if entry else None
    return (
        node.code,
        node.title,
        status_label(entry.status) if entry else "",
        entry.narrative if entry else "",
        quantity if questions.asks_quantity(node) else NOT_APPLICABLE,
        planned if questions.asks_planned(node) else NOT_APPLICABLE,
    )


def grey_not_applicable(cells) -> None:
    """Grey the cells holding "—": the task asks nothing there."""
    for cell in cells:
        if cell.value == NOT_APPLICABLE:
            cell.fill = NOT_APPLICABLE_FILL
            cell.font = NOT_APPLICABLE_FONT


def status_validation(cells: str) -> DataValidation:
    """A drop-down list of the statuses' Latvian labels for the `cells` ("C2:C30")."""
    labels = [status_label(status) for status in Status.values]
    validation = DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(labels)),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nezināms statuss",
        error="Izvēlieties statusu no saraksta.",
    )
    validation.add(cells)
    return validation


def submission_workbook(submission: Submission) -> bytes:
    """The submission as an .xlsx workbook, prefilled with what is saved now."""
    now = saved(submission)
    programme, year = submission.round.programme, submission.round.year
    book = Workbook()

    summary = book.active
    summary.title = SHEET_SUMMARY
    write_summary(
        summary,
        (
            (KEY_MUNICIPALITY, submission.municipality.name),
            (KEY_YEAR, year),
            (KEY_PROGRAMME, programme.slug),
            (KEY_INSTRUCTIONS, INSTRUCTIONS),
        ),
    )

    tasks = book.create_sheet(SHEET_TASKS)
    # The numbers the entry form asks, and "—" where it asks none (monitoring/questions.py).
    questions = task_questions(programme, submission.municipality)
    task_rows = [task_cells(node, now.entries.get(node.pk), questions) for node in now.nodes]
    write_table(
        tasks,
        TASK_HEADERS,
        task_rows,
        widths=(10, 50, 24, 70, 14, 14),
        wrap=(2, 4),
        formats={1: "@"},  # typed codes stay text: "1.10" must not turn into 1.1
    )
    for row in tasks.iter_rows(min_row=2, min_col=5):
        grey_not_applicable(row)
    if task_rows:
        tasks.add_data_validation(status_validation(f"C2:C{len(task_rows) + 1}"))

    indicators = book.create_sheet(SHEET_INDICATORS)
    indicator_rows = []
    for indicator in now.indicators:
        value = now.values.get(indicator.pk)
        title = f"{indicator.title} ({indicator.unit})" if indicator.unit else indicator.title
        indicator_rows.append(
            (
                indicator_number(indicator),
                title,
                value.value if value else None,
                value.text if value else "",
            )
        )
    write_table(
        indicators,
        INDICATOR_HEADERS,
        indicator_rows,
        widths=(8, 60, 14, 50),
        wrap=(2, 4),
        formats={1: "@"},
    )

    figures = book.create_sheet(SHEET_FIGURES)
    saved_figures = figure_values(now.figures)
    labels = figure_labels(year)
    write_table(
        figures,
        FIGURE_HEADERS,
        [(label, saved_figures[name]) for name, label in labels.items()],
        widths=(45, 18),
    )
    for (name, _label), row in zip(labels.items(), figures.iter_rows(min_row=2), strict=True):
        if name in WHOLE_FIGURES:
            row[1].number_format = "#,##0"
        elif name != "currency":
            row[1].number_format = MONEY_FORMAT

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
