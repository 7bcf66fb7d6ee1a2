"""The submission as an .xlsx workbook, prefilled with what is saved, to fill in and upload."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from monitoring.entry_page import planned_quantities
from monitoring.excel import BOLD, MONEY_FORMAT, TOP, WRAP, write_table
from monitoring.models import Status, Submission
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


def submission_workbook(submission: Submission) -> bytes:
    """The submission as an .xlsx workbook, prefilled with what is saved now."""
    now = saved(submission)
    programme, year = submission.round.programme, submission.round.year
    book = Workbook()

    summary = book.active
    summary.title = SHEET_SUMMARY
    for key, value in (
        (KEY_MUNICIPALITY, submission.municipality.name),
        (KEY_YEAR, year),
        (KEY_PROGRAMME, programme.slug),
        (KEY_INSTRUCTIONS, INSTRUCTIONS),
    ):
        summary.append([key, value])
    for row in summary.iter_rows():
        row[0].font = BOLD
        row[0].alignment = TOP
        row[1].alignment = WRAP
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 90

    tasks = book.create_sheet(SHEET_TASKS)
    # As on the entry form, a planned number is asked only where the programme plans one.
    plans = planned_quantities(programme, submission.municipality)
    task_rows = []
    for node in now.nodes:
        entry = now.entries.get(node.pk)
        if node.pk not in plans:
            planned = NOT_APPLICABLE
        else:
            planned = entry.planned_quantity if entry else None
        task_rows.append(
            (
                node.code,
                node.title,
                status_label(entry.status) if entry else "",
                entry.narrative if entry else "",
                entry.quantity if entry else None,
                planned,
            )
        )
    write_table(
        tasks,
        TASK_HEADERS,
        task_rows,
        widths=(10, 50, 24, 70, 14, 14),
        wrap=(2, 4),
        formats={1: "@"},  # typed codes stay text: "1.10" must not turn into 1.1
    )
    for node, row in zip(now.nodes, tasks.iter_rows(min_row=2), strict=True):
        if node.pk not in plans:
            row[5].fill = NOT_APPLICABLE_FILL
            row[5].font = NOT_APPLICABLE_FONT
    if task_rows:
        labels = [status_label(status) for status in Status.values]
        validation = DataValidation(
            type="list",
            formula1='"{}"'.format(",".join(labels)),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Nezināms statuss",
            error="Izvēlieties statusu no saraksta.",
        )
        validation.add(f"C2:C{len(task_rows) + 1}")
        tasks.add_data_validation(validation)

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
