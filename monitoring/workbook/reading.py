"""Reading an uploaded submission workbook: check every cell against the rules of
monitoring/rules.py and list what it would change, saving nothing."""

from decimal import Decimal
from typing import Any

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from monitoring import rules
from monitoring.models import Status, Submission
from monitoring.questions import task_questions
from monitoring.rules import CellError, cell_text, key, quoted
from monitoring.workbook.keys import (
    DUPLICATE_ROW,
    MISSING_CODE,
    clean_municipality,
    clean_task,
    clean_year,
    nodes_by_code,
)
from monitoring.workbook.layout import (
    FIGURE_HEADERS,
    INDICATOR_COLUMNS,
    INDICATOR_HEADERS,
    KEY_MUNICIPALITY,
    KEY_PROGRAMME,
    KEY_YEAR,
    NOT_APPLICABLE,
    OLD_TASK_HEADERS,
    SHEET_FIGURES,
    SHEET_INDICATORS,
    SHEET_SUMMARY,
    SHEET_TASKS,
    TASK_COLUMNS,
    TASK_HEADERS,
    figure_labels,
    indicator_number,
)
from monitoring.workbook.result import Change, RowError, WorkbookResult
from monitoring.workbook.saved import Saved, figure_values, saved
from monitoring.workbook.upload import (
    MAX_ROWS,
    UNCALCULATED,
    WorkbookError,
    check_upload,
    read_sheets,
)
from municipalities.models import YearlyFigures

MISSING_SHEET = _('The workbook has no sheet "%(sheet)s". Download the workbook again.')
WRONG_HEADERS = _("The first row of the sheet must be: %(columns)s.")
TOO_MANY_ROWS = _("The sheet has more than %(count)d rows.")
MISSING_VALUE = _('The value of "%(key)s" is missing.')
WRONG_MUNICIPALITY = _('The workbook is for "%(name)s", but this report is for %(municipality)s.')
WRONG_YEAR = _("The workbook is for %(found)d, but this report is for %(year)d.")
WRONG_PROGRAMME = _('The workbook is for the programme "%(found)s", not "%(programme)s".')
UNKNOWN_INDICATOR = _(
    'Unknown indicator "%(code)s". Numbers start with R- (result indicators) '
    "or D- (planned results)."
)
UNKNOWN_FIGURE = _('Unknown figure "%(label)s".')
NO_PLANNED_NUMBER = _(
    'The programme plans no number for task "%(code)s": leave its planned number empty or "—".'
)
NO_NUMBER = _('Task "%(code)s" counts nothing: leave its number achieved empty or "—".')
UNCALCULATED_FORMULA = _(
    "Cell %(cell)s holds a formula without a calculated value: open the file in Excel, "
    "save it and upload it again."
)
# The headers each sheet may have: the old ones of a workbook downloaded before they changed.
ACCEPTED_HEADERS = {SHEET_TASKS: (TASK_HEADERS, OLD_TASK_HEADERS)}


def _pad(values: tuple, width: int) -> tuple:
    return (*values, *([None] * (width - len(values))))[:width]


def _display(value: Any, name: str = "") -> str:
    if value is None:
        return ""
    if name == "status":
        return str(Status(value).label) if value else ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _same_text(saved: str, new: str) -> bool:
    # The site's form sends line ends as \r\n, Excel keeps \n; neither is a change.
    return saved.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()


def sheet_table(
    rows, sheet: str, headers: tuple[str, ...] | None, error, max_rows: int = MAX_ROWS
) -> list[tuple[int, tuple]] | None:
    """The sheet's data rows (below its `headers`, each as wide), or None when its shape is
    wrong, each problem told to `error(sheet, row, message)`."""
    if len(rows) > max_rows:
        error(sheet, None, TOO_MANY_ROWS % {"count": max_rows})
        return None
    uncalculated = [
        (number, column)
        for number, values in rows
        for column, value in enumerate(values, start=1)
        if value is UNCALCULATED
    ]
    for number, column in uncalculated:
        cell = f"{get_column_letter(column)}{number}"
        error(sheet, number, UNCALCULATED_FORMULA % {"cell": cell})
    if uncalculated:
        return None
    if headers is None:
        return rows
    found = [key(cell_text(v)) for v in _pad(rows[0][1], len(headers))] if rows else []
    accepted = ACCEPTED_HEADERS.get(sheet, (headers,))
    if all(found != [key(h) for h in option] for option in accepted):
        error(sheet, rows[0][0] if rows else 1, WRONG_HEADERS % {"columns": " | ".join(headers)})
        return None
    return [(number, _pad(values, len(headers))) for number, values in rows[1:]]


def clean_task_row(
    row: tuple, columns: dict[str, int], node, questions
) -> tuple[dict[str, Any], dict[str, str]]:
    """A task's entry fields from the row's `columns` (field → index) by monitoring/rules.py,
    a number only where the task asks it (monitoring/questions.py; elsewhere empty or "—"):
    (values, {}), or ({}, {field: message}) when a cell is refused."""
    cleaners = dict(rules.ENTRY)
    errors = {}
    for name, asks, message in (
        ("quantity", questions.asks_quantity(node), NO_NUMBER),
        ("planned_quantity", questions.asks_planned(node), NO_PLANNED_NUMBER),
    ):
        if asks:
            continue
        del cleaners[name]
        if cell_text(row[columns[name]]) not in ("", NOT_APPLICABLE):
            errors[name] = str(message % {"code": node.code})
    if errors:
        return {}, errors
    values = {}
    for name, rule in cleaners.items():
        try:
            values[name] = rule.clean(row[columns[name]])
        except CellError as exc:
            errors[name] = str(exc)
    return ({}, errors) if errors else (values, {})


def entry_changes(entry, values: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, saved, new) as display text for each of `values` that differs from `entry`'s."""
    blank = {"status": "", "narrative": ""}
    old = {name: getattr(entry, name) if entry else blank.get(name) for name in values}
    return [
        (name, _display(old[name], name), _display(values[name], name))
        for name in values
        if not (
            _same_text(old[name], values[name])
            if name == "narrative"
            else old[name] == values[name]
        )
    ]


class _Reader:
    def __init__(self, submission: Submission, sheets: dict):
        self.submission = submission
        self.programme = submission.round.programme
        self.year = submission.round.year
        self.sheets = sheets
        self.result = WorkbookResult()

    def error(self, sheet: str, row: int | None, message) -> None:
        self.result.errors.append(RowError(sheet, row, str(message)))

    def change(self, sheet: str, key: str, column: str, old: str, new: str) -> None:
        self.result.changes.append(Change(sheet, key, column, old, new))

    def read(self) -> WorkbookResult:
        for sheet in (SHEET_SUMMARY, SHEET_TASKS):
            if sheet not in self.sheets:
                self.error(sheet, None, MISSING_SHEET % {"sheet": sheet})
                return self.result
        summary = sheet_table(self.sheets[SHEET_SUMMARY], SHEET_SUMMARY, None, self.error)
        if summary is None or not self.summary(summary):
            return self.result
        now = saved(self.submission)
        shapes = {
            SHEET_TASKS: TASK_HEADERS,
            SHEET_INDICATORS: INDICATOR_HEADERS,
            SHEET_FIGURES: FIGURE_HEADERS,
        }
        tables = {
            sheet: sheet_table(self.sheets[sheet], sheet, headers, self.error)
            for sheet, headers in shapes.items()
            if sheet in self.sheets
        }
        if self.result.errors:
            return self.result
        self.tasks(tables[SHEET_TASKS], now)
        if SHEET_INDICATORS in tables:
            self.indicators(tables[SHEET_INDICATORS], now)
        if SHEET_FIGURES in tables:
            self.figures(tables[SHEET_FIGURES], now)
        return self.result

    def summary(self, rows) -> bool:
        """Check the workbook is this submission's; False (with errors) when it is not."""
        cells: dict[str, tuple[int, Any]] = {}
        for number, row in rows:
            cells.setdefault(key(cell_text(row[0])).rstrip(":"), (number, _pad(row, 2)[1]))
        start = len(self.result.errors)
        for required in (KEY_MUNICIPALITY, KEY_YEAR):
            number, value = cells.get(key(required), (None, None))
            if not cell_text(value):
                self.error(SHEET_SUMMARY, number, MISSING_VALUE % {"key": required})
        if len(self.result.errors) > start:
            return False

        number, name = cells[key(KEY_MUNICIPALITY)]
        try:
            municipality = clean_municipality(name, year=self.year)
        except CellError as exc:
            self.error(SHEET_SUMMARY, number, exc)
        else:
            if municipality.pk != self.submission.municipality_id:
                self.error(
                    SHEET_SUMMARY,
                    number,
                    WRONG_MUNICIPALITY
                    % {
                        "name": quoted(name),
                        "municipality": self.submission.municipality.name,
                    },
                )

        number, value = cells[key(KEY_YEAR)]
        try:
            year = clean_year(value)
        except CellError as exc:
            self.error(SHEET_SUMMARY, number, exc)
        else:
            if year != self.year:
                self.error(SHEET_SUMMARY, number, WRONG_YEAR % {"found": year, "year": self.year})

        number, slug = cells.get(key(KEY_PROGRAMME), (None, None))
        if cell_text(slug) and cell_text(slug) != self.programme.slug:
            self.error(
                SHEET_SUMMARY,
                number,
                WRONG_PROGRAMME
                % {
                    "found": quoted(slug),
                    "programme": self.programme.slug,
                },
            )
        return len(self.result.errors) == start

    def tasks(self, rows, saved: Saved) -> None:
        nodes = nodes_by_code(self.programme)
        reportable = {node.pk for node in saved.nodes}
        # The numbers the entry form asks (monitoring/questions.py); "—" or empty elsewhere.
        questions = task_questions(self.programme, self.submission.municipality)
        seen: dict[int, int] = {}
        for number, row in rows:
            try:
                node = clean_task(row[0], nodes=nodes, reportable=reportable)
            except CellError as exc:
                self.error(SHEET_TASKS, number, exc)
                continue
            if node.pk in seen:
                self.error(
                    SHEET_TASKS, number, DUPLICATE_ROW % {"key": node.code, "row": seen[node.pk]}
                )
                continue
            seen[node.pk] = number
            values, errors = clean_task_row(row, TASK_COLUMNS, node, questions)
            for message in errors.values():
                self.error(SHEET_TASKS, number, message)
            if errors:
                continue
            changes = entry_changes(saved.entries.get(node.pk), values)
            if changes:
                self.result.data.entries[node.pk] = values
            for name, old, new in changes:
                self.change(SHEET_TASKS, node.code, TASK_HEADERS[TASK_COLUMNS[name]], old, new)

    def indicators(self, rows, saved: Saved) -> None:
        by_number = {key(indicator_number(i)).replace(" ", ""): i for i in saved.indicators}
        seen: dict[int, int] = {}
        for number, row in rows:
            code = cell_text(row[0])
            if not code:
                self.error(SHEET_INDICATORS, number, MISSING_CODE)
                continue
            indicator = by_number.get(key(code).replace(" ", ""))
            if indicator is None:
                self.error(
                    SHEET_INDICATORS,
                    number,
                    UNKNOWN_INDICATOR % {"code": Truncator(code).chars(30)},
                )
                continue
            if indicator.pk in seen:
                self.error(
                    SHEET_INDICATORS,
                    number,
                    DUPLICATE_ROW % {"key": indicator_number(indicator), "row": seen[indicator.pk]},
                )
                continue
            seen[indicator.pk] = number
            try:
                new = {
                    name: rule.clean(row[INDICATOR_COLUMNS[name]])
                    for name, rule in rules.INDICATOR_VALUE.items()
                }
            except CellError as exc:
                self.error(SHEET_INDICATORS, number, exc)
                continue
            saved_value = saved.values.get(indicator.pk)
            old = {
                "value": saved_value.value if saved_value else None,
                "text": saved_value.text if saved_value else "",
            }
            changed = [
                (name, column)
                for name, column in INDICATOR_COLUMNS.items()
                if not (
                    _same_text(old[name], new[name]) if name == "text" else old[name] == new[name]
                )
            ]
            if changed:
                self.result.data.indicator_values[indicator.pk] = new
            for name, column in changed:
                self.change(
                    SHEET_INDICATORS,
                    indicator_number(indicator),
                    INDICATOR_HEADERS[column],
                    _display(old[name]),
                    _display(new[name]),
                )

    def figures(self, rows, saved: Saved) -> None:
        labels = figure_labels(self.year)
        by_label = {key(label): name for name, label in labels.items()}
        old = figure_values(saved.figures)
        new = dict(old)
        seen: dict[str, int] = {}
        total_row = None
        for number, row in rows:
            label = cell_text(row[0])
            name = by_label.get(key(label))
            if name is None:
                self.error(SHEET_FIGURES, number, UNKNOWN_FIGURE % {"label": quoted(label)})
                continue
            if name in seen:
                self.error(
                    SHEET_FIGURES, number, DUPLICATE_ROW % {"key": labels[name], "row": seen[name]}
                )
                continue
            seen[name] = number
            total_row = number if name == "benefits_total" else total_row
            try:
                new[name] = rules.FIGURES[name].clean(row[1])
            except CellError as exc:
                self.error(SHEET_FIGURES, number, exc)
        if YearlyFigures.benefits_exceed_total(new):
            self.error(SHEET_FIGURES, total_row, rules.BENEFITS_EXCEED_TOTAL)
        changed = [name for name in old if old[name] != new[name]]
        if changed and not self.result.errors:
            self.result.data.figures = new
        for name in changed:
            self.change(
                SHEET_FIGURES,
                labels.get(name, name),
                FIGURE_HEADERS[1],
                _display(old[name]),
                _display(new[name]),
            )


def parse_workbook(submission: Submission, uploaded_file) -> WorkbookResult:
    """Read an uploaded workbook against the submission as it is saved now.

    The result lists every error (sheet, row, message) and every change; with any error its
    data and changes are empty, so nothing can be applied by mistake.
    """
    try:
        check_upload(uploaded_file)
        sheets = read_sheets(uploaded_file)
    except WorkbookError as exc:
        return WorkbookResult(errors=[RowError("", None, str(exc))])
    result = _Reader(submission, sheets).read()
    if result.errors:
        return WorkbookResult(errors=result.errors)
    return result
