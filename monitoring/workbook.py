"""The Excel round trip of one submission: a workbook prefilled with what is saved, and the
upload that reads it back, checks every cell and lists what it would change.

Sheet names, column headers and the labels in the cells are the file's format, so they are
Latvian whatever language the interface is in: a workbook downloaded with the English
interface uploads the same way. The cell validators (`clean_*`) are shared with the admin's
bulk import (monitoring/resources.py), so both refuse the same things with the same words.
"""

import functools
import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.conf import settings
from django.utils import translation
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from monitoring import services
from monitoring.forms import NARRATIVE_MAX_LENGTH
from monitoring.models import ProgressEntry, Status, Submission
from municipalities.models import (
    EURO_ADOPTION_YEAR,
    Currency,
    Municipality,
    UnknownMunicipality,
    YearlyFigures,
)
from programmes.models import Indicator, IndicatorValue, Programme, ProgrammeNode

SHEET_SUMMARY = "Pārskats"
SHEET_TASKS = "Uzdevumi"
SHEET_INDICATORS = "Rādītāji"
SHEET_FIGURES = "Finanses"

KEY_MUNICIPALITY = "Pašvaldība"
KEY_YEAR = "Gads"
KEY_PROGRAMME = "Programma"
KEY_INSTRUCTIONS = "Norādījumi"
INSTRUCTIONS = (
    "Aizpildiet lapas „Uzdevumi”, „Rādītāji” un „Finanses” un augšupielādējiet failu "
    "atpakaļ. Nemainiet lapu nosaukumus, kolonnu virsrakstus, kodus un šīs lapas vērtības. "
    "Statusu izvēlieties no saraksta. Tukša šūna nozīmē, ka vērtība nav norādīta."
)

TASK_HEADERS = (
    "Kods",
    "Uzdevums",
    "Statuss",
    "Izpildes apraksts",
    "Sasniegtais skaits",
    "Plānotais skaits",
)
INDICATOR_HEADERS = ("Nr.", "Rādītājs", "Vērtība", "Komentārs")
FIGURE_HEADERS = ("Rādītājs", "Vērtība")
# The column of the task sheet each entry field is read from.
TASK_COLUMNS = {"status": 2, "narrative": 3, "quantity": 4, "planned_quantity": 5}

FIGURE_FIELDS = YearlyFigures.FIELDS
WHOLE_FIGURES = tuple(name for name in FIGURE_FIELDS if name not in YearlyFigures.MONEY_FIELDS)
INDICATOR_PREFIXES = {
    Indicator.Kind.RESULT_INDICATOR: "R",
    Indicator.Kind.PLANNED_RESULT: "D",
}
INDICATOR_COMMENT_MAX_LENGTH = 500

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Browsers and operating systems label .xlsx uploads inconsistently; these are the labels
# seen for real workbooks. The content itself is checked when it is read.
ACCEPTED_CONTENT_TYPES = frozenset(
    {
        XLSX_CONTENT_TYPE,
        "application/octet-stream",
        "application/zip",
        "application/x-zip-compressed",
        "",
    }
)
MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 2000

FILE_TOO_LARGE = _("The file is larger than %(size)d MB.")
NOT_XLSX = _("Upload an Excel workbook with the extension .xlsx.")
NOT_A_WORKBOOK = _("The file cannot be read as an Excel workbook (.xlsx).")
MISSING_SHEET = _('The workbook has no sheet "%(sheet)s". Download the workbook again.')
WRONG_HEADERS = _("The first row of the sheet must be: %(columns)s.")
TOO_MANY_ROWS = _("The sheet has more than %(count)d rows.")
MISSING_VALUE = _('The value of "%(key)s" is missing.')
UNKNOWN_MUNICIPALITY = _('Unknown municipality "%(name)s".')
WRONG_MUNICIPALITY = _('The workbook is for "%(name)s", but this report is for %(municipality)s.')
NOT_A_YEAR = _('"%(value)s" is not a year.')
WRONG_YEAR = _("The workbook is for %(found)d, but this report is for %(year)d.")
WRONG_PROGRAMME = _('The workbook is for the programme "%(found)s", not "%(programme)s".')
MISSING_CODE = _("The row has no code.")
UNKNOWN_TASK = _('Unknown task code "%(code)s".')
NOT_MUNICIPAL_TASK = _("Municipalities do not report on %(code)s.")
DUPLICATE_ROW = _('"%(key)s" appears more than once (also in row %(row)d).')
UNKNOWN_STATUS = _('Unknown status "%(value)s". Choose one of: %(choices)s.')
NOT_A_NUMBER = _('"%(value)s" is not a number.')
NEGATIVE_NUMBER = _("The number cannot be negative.")
NOT_WHOLE_NUMBER = _("The number must be a whole number.")
TOO_MANY_DECIMALS = _("Use at most %(places)d decimal places.")
NUMBER_TOO_LARGE = _("The number is too large.")


def text_too_long(length: int, maximum: int) -> str:
    return ngettext(
        "The text has %(length)d character; at most %(max)d are allowed.",
        "The text has %(length)d characters; at most %(max)d are allowed.",
        length,
    ) % {"length": length, "max": maximum}


UNKNOWN_INDICATOR = _(
    'Unknown indicator "%(code)s". Numbers start with R- (result indicators) '
    "or D- (planned results)."
)
UNKNOWN_FIGURE = _('Unknown figure "%(label)s".')
UNKNOWN_CURRENCY = _('Unknown currency "%(value)s". Write EUR or LVL.')
BENEFITS_EXCEED_TOTAL = _("The benefits of each kind add up to more than the total.")

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="E7E9EE")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_MONEY_FORMAT = "#,##0.00"
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
# Spaces of any width are thousands separators in Latvian ("1 234,50").
_SEPARATORS = re.compile(r"[\s\u00a0\u202f]")


class WorkbookError(ValueError):
    """The upload or one of its values is refused; str() says why, for the person uploading."""


class CellError(WorkbookError):
    """A cell's value is refused."""


class RowError(NamedTuple):
    sheet: str
    row: int | None
    message: str


class Change(NamedTuple):
    """One value the workbook would change: `key` is the task code, indicator number or
    figure label; `old` and `new` are display text."""

    sheet: str
    key: str
    field: str
    old: str
    new: str


@dataclass
class WorkbookResult:
    """What an uploaded workbook holds: `data` has only what differs from what is saved, and is
    empty (never to be applied) when there are `errors`."""

    data: services.SubmissionData = field(default_factory=services.SubmissionData)
    changes: list[Change] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


# --- cell validators, shared with the admin import ------------------------------------------


def cell_text(value: Any) -> str:
    """A cell's value as stripped text; whole floats lose their ".0" (Excel stores 12 as 12.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _quoted(value: Any) -> str:
    return Truncator(cell_text(value)).chars(60)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def clean_text(value: Any, *, max_length: int) -> str:
    text = cell_text(value)
    if len(text) > max_length:
        raise CellError(text_too_long(len(text), max_length))
    return text


def clean_narrative(value: Any) -> str:
    return clean_text(value, max_length=NARRATIVE_MAX_LENGTH)


def clean_number(
    value: Any,
    *,
    max_digits: int = 12,
    decimal_places: int = 2,
    whole: bool = False,
    allow_negative: bool = False,
) -> Decimal | int | None:
    """A number from a numeric cell or from text such as "1 234,50"; None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(NOT_A_NUMBER % {"value": _quoted(value)})
    if isinstance(value, str):
        text = _SEPARATORS.sub("", value)
        if "," in text and "." in text:
            raise CellError(NOT_A_NUMBER % {"value": _quoted(value)})
        text = text.replace(",", ".")
        if not _NUMBER.fullmatch(text):
            raise CellError(NOT_A_NUMBER % {"value": _quoted(value)})
        number = Decimal(text)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(NOT_A_NUMBER % {"value": _quoted(value)})
        # repr() is the shortest text that reads back as the same float: 0.1, not 0.1000000…
        number = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        raise CellError(NOT_A_NUMBER % {"value": _quoted(value)})
    if number < 0 and not allow_negative:
        raise CellError(NEGATIVE_NUMBER)
    # The size first: rounding a number of more digits than the context holds would fail.
    if abs(number) >= 10 ** (max_digits - decimal_places):
        raise CellError(NUMBER_TOO_LARGE)
    if whole and number != number.to_integral_value():
        raise CellError(NOT_WHOLE_NUMBER)
    if number != number.quantize(Decimal(1).scaleb(-decimal_places)):
        raise CellError(TOO_MANY_DECIMALS % {"places": decimal_places})
    return int(number) if whole else number


def clean_quantity(value: Any) -> Decimal | None:
    return clean_number(value, max_digits=ProgressEntry._meta.get_field("quantity").max_digits)


def status_label(value: str) -> str:
    """The status as the workbook writes it: its Latvian label ("" for none)."""
    if not value:
        return ""
    with translation.override("lv"):
        return str(Status(value).label)


@functools.cache
def _status_keys() -> dict[str, str]:
    """Every way a status may be written in a cell: its value, its label in each language."""
    known = {status.value: status.value for status in Status}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            known.update({_key(str(status.label)): status.value for status in Status})
    return known


def clean_status(value: Any) -> str:
    """A status from its label in any of the site's languages (any case) or its value."""
    text = _key(cell_text(value))
    if not text:
        return ""
    known = _status_keys()
    if text not in known:
        choices = ", ".join(status_label(status) for status in Status.values)
        raise CellError(UNKNOWN_STATUS % {"value": _quoted(value), "choices": choices})
    return known[text]


def clean_year(value: Any) -> int:
    text = cell_text(value)
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text):
        raise CellError(NOT_A_YEAR % {"value": _quoted(value)})
    return int(text)


def clean_municipality(value: Any, *, year: int) -> Municipality:
    """The municipality a name or any known variant of it meant in the year."""
    name = cell_text(value)
    try:
        return Municipality.resolve(name, year=year)
    except UnknownMunicipality:
        raise CellError(UNKNOWN_MUNICIPALITY % {"name": Truncator(name).chars(60)}) from None


def nodes_by_code(programme: Programme) -> dict[str, ProgrammeNode]:
    """Every element of the programme, by code as `clean_task` looks it up."""
    return {_key(node.code): node for node in programme.nodes.all()}


def clean_task(
    value: Any,
    *,
    nodes: dict[str, ProgrammeNode],
    reportable: set[int],
    not_reported=NOT_MUNICIPAL_TASK,
) -> ProgrammeNode:
    """The element with the code, which must be one of the `reportable` ones (by pk)."""
    code = cell_text(value)
    if not code:
        raise CellError(MISSING_CODE)
    node = nodes.get(_key(code))
    if node is None:
        raise CellError(UNKNOWN_TASK % {"code": Truncator(code).chars(30)})
    if node.pk not in reportable:
        raise CellError(not_reported % {"code": node.code})
    return node


def clean_currency(value: Any) -> str:
    text = cell_text(value).upper()
    if text not in Currency.values:
        raise CellError(UNKNOWN_CURRENCY % {"value": _quoted(value)})
    return text


# --- what is saved ------------------------------------------------------------------------


@dataclass
class _Saved:
    nodes: list[ProgrammeNode]
    entries: dict[int, ProgressEntry]
    indicators: list[Indicator]
    values: dict[int, IndicatorValue]
    figures: YearlyFigures | None


def _saved(submission: Submission) -> _Saved:
    """Everything the workbook shows for the submission, in five queries."""
    programme = submission.round.programme
    municipality, year = submission.municipality, submission.round.year
    return _Saved(
        nodes=services.reportable_nodes(programme),
        entries={
            e.node_id: e
            for e in ProgressEntry.objects.filter(
                node__programme=programme, municipality=municipality, year=year
            )
        },
        indicators=list(programme.indicators.all()),
        values={
            v.indicator_id: v
            for v in IndicatorValue.objects.filter(
                indicator__programme=programme, municipality=municipality, year=year
            )
        },
        figures=YearlyFigures.objects.filter(municipality=municipality, year=year).first(),
    )


def indicator_number(indicator: Indicator) -> str:
    return f"{INDICATOR_PREFIXES[indicator.kind]}-{indicator.code}"


def _figure_names(year: int) -> tuple[str, ...]:
    return (*FIGURE_FIELDS, "currency") if year < EURO_ADOPTION_YEAR else FIGURE_FIELDS


def figure_labels(year: int) -> dict[str, str]:
    """Field name → the Latvian label of its row on the figures sheet."""
    with translation.override("lv"):
        return {
            name: capfirst(str(YearlyFigures._meta.get_field(name).verbose_name))
            for name in _figure_names(year)
        }


def _figure_values(figures: YearlyFigures | None) -> dict[str, Any]:
    names = ("currency", *FIGURE_FIELDS)
    if figures is None:
        return {name: Currency.EUR if name == "currency" else None for name in names}
    return {name: getattr(figures, name) for name in names}


# --- writing ------------------------------------------------------------------------------


def _set(cell, value) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    # Text typed on the site is text: "=…" must not become a formula, nor "#N/A" an error.
    if isinstance(value, str) and cell.data_type in ("f", "e"):
        cell.data_type = "s"


def write_table(sheet, headers, rows, *, widths, wrap=(), formats=None) -> None:
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        _set(cell, header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column)
            _set(cell, value)
            cell.alignment = _WRAP if column in wrap else _TOP
            if formats and column in formats:
                cell.number_format = formats[column]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def submission_workbook(submission: Submission) -> bytes:
    """The submission as an .xlsx workbook, prefilled with what is saved now."""
    saved = _saved(submission)
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
        row[0].font = _BOLD
        row[0].alignment = _TOP
        row[1].alignment = _WRAP
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 90

    tasks = book.create_sheet(SHEET_TASKS)
    task_rows = []
    for node in saved.nodes:
        entry = saved.entries.get(node.pk)
        task_rows.append(
            (
                node.code,
                node.title,
                status_label(entry.status) if entry else "",
                entry.narrative if entry else "",
                entry.quantity if entry else None,
                entry.planned_quantity if entry else None,
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
    for indicator in saved.indicators:
        value = saved.values.get(indicator.pk)
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
    saved_figures = _figure_values(saved.figures)
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
            row[1].number_format = _MONEY_FORMAT

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading ------------------------------------------------------------------------------


def check_upload(uploaded_file) -> None:
    """Refuse what is too large or plainly not an .xlsx file, before reading it."""
    if (getattr(uploaded_file, "size", 0) or 0) > MAX_UPLOAD_BYTES:
        raise WorkbookError(FILE_TOO_LARGE % {"size": MAX_UPLOAD_MB})
    name = getattr(uploaded_file, "name", "") or ""
    content_type = (getattr(uploaded_file, "content_type", "") or "").split(";")[0].strip()
    if not name.lower().endswith(".xlsx") or content_type not in ACCEPTED_CONTENT_TYPES:
        raise WorkbookError(NOT_XLSX)


def _read_sheets(uploaded_file) -> dict[str, list[tuple[int, tuple]]]:
    """The non-empty rows of the workbook's known sheets, as (row number, values); at most
    MAX_ROWS + 1 per sheet, so a sheet with too many shows up without reading it all."""
    uploaded_file.seek(0)
    content = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise WorkbookError(FILE_TOO_LARGE % {"size": MAX_UPLOAD_MB})
    if not content.startswith(b"PK"):
        raise WorkbookError(NOT_A_WORKBOOK)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean "unreadable"
        raise WorkbookError(NOT_A_WORKBOOK) from None
    sheets = {}
    try:
        for name in (SHEET_SUMMARY, SHEET_TASKS, SHEET_INDICATORS, SHEET_FIGURES):
            if name not in book.sheetnames:
                continue
            rows = []
            for number, values in enumerate(book[name].iter_rows(values_only=True), start=1):
                if any(cell_text(v) for v in values):
                    rows.append((number, tuple(values)))
                    if len(rows) > MAX_ROWS:
                        break
            sheets[name] = rows
    except Exception:  # a damaged sheet fails only when it is read
        raise WorkbookError(NOT_A_WORKBOOK) from None
    finally:
        book.close()
    return sheets


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

    def rows(self, sheet: str, headers: tuple[str, ...] | None) -> list[tuple[int, tuple]] | None:
        """The sheet's data rows, or None (with the error) when its shape is wrong."""
        rows = self.sheets[sheet]
        if len(rows) > MAX_ROWS:
            self.error(sheet, None, TOO_MANY_ROWS % {"count": MAX_ROWS})
            return None
        if headers is None:
            return rows
        found = [_key(cell_text(v)) for v in _pad(rows[0][1], len(headers))] if rows else []
        if found != [_key(h) for h in headers]:
            self.error(
                sheet, rows[0][0] if rows else 1, WRONG_HEADERS % {"columns": " | ".join(headers)}
            )
            return None
        return [(number, _pad(values, len(headers))) for number, values in rows[1:]]

    def read(self) -> WorkbookResult:
        for sheet in (SHEET_SUMMARY, SHEET_TASKS):
            if sheet not in self.sheets:
                self.error(sheet, None, MISSING_SHEET % {"sheet": sheet})
                return self.result
        summary = self.rows(SHEET_SUMMARY, None)
        if summary is None or not self.summary(summary):
            return self.result
        saved = _saved(self.submission)
        shapes = {
            SHEET_TASKS: TASK_HEADERS,
            SHEET_INDICATORS: INDICATOR_HEADERS,
            SHEET_FIGURES: FIGURE_HEADERS,
        }
        tables = {
            sheet: self.rows(sheet, headers)
            for sheet, headers in shapes.items()
            if sheet in self.sheets
        }
        if self.result.errors:
            return self.result
        self.tasks(tables[SHEET_TASKS], saved)
        if SHEET_INDICATORS in tables:
            self.indicators(tables[SHEET_INDICATORS], saved)
        if SHEET_FIGURES in tables:
            self.figures(tables[SHEET_FIGURES], saved)
        return self.result

    def summary(self, rows) -> bool:
        """Check the workbook is this submission's; False (with errors) when it is not."""
        cells: dict[str, tuple[int, Any]] = {}
        for number, row in rows:
            cells.setdefault(_key(cell_text(row[0])).rstrip(":"), (number, _pad(row, 2)[1]))
        start = len(self.result.errors)
        for key in (KEY_MUNICIPALITY, KEY_YEAR):
            number, value = cells.get(_key(key), (None, None))
            if not cell_text(value):
                self.error(SHEET_SUMMARY, number, MISSING_VALUE % {"key": key})
        if len(self.result.errors) > start:
            return False

        number, name = cells[_key(KEY_MUNICIPALITY)]
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
                        "name": _quoted(name),
                        "municipality": self.submission.municipality.name,
                    },
                )

        number, value = cells[_key(KEY_YEAR)]
        try:
            year = clean_year(value)
        except CellError as exc:
            self.error(SHEET_SUMMARY, number, exc)
        else:
            if year != self.year:
                self.error(SHEET_SUMMARY, number, WRONG_YEAR % {"found": year, "year": self.year})

        number, slug = cells.get(_key(KEY_PROGRAMME), (None, None))
        if cell_text(slug) and cell_text(slug) != self.programme.slug:
            self.error(
                SHEET_SUMMARY,
                number,
                WRONG_PROGRAMME
                % {
                    "found": _quoted(slug),
                    "programme": self.programme.slug,
                },
            )
        return len(self.result.errors) == start

    def tasks(self, rows, saved: _Saved) -> None:
        nodes = nodes_by_code(self.programme)
        reportable = {node.pk for node in saved.nodes}
        cleaners = {
            "status": clean_status,
            "narrative": clean_narrative,
            "quantity": clean_quantity,
            "planned_quantity": clean_quantity,
        }
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
            values = {}
            for name, clean in cleaners.items():
                try:
                    values[name] = clean(row[TASK_COLUMNS[name]])
                except CellError as exc:
                    self.error(SHEET_TASKS, number, exc)
            if len(values) < len(cleaners):
                continue
            entry = saved.entries.get(node.pk)
            old = {
                "status": entry.status if entry else "",
                "narrative": entry.narrative if entry else "",
                "quantity": entry.quantity if entry else None,
                "planned_quantity": entry.planned_quantity if entry else None,
            }
            changed = [
                name
                for name in cleaners
                if not (
                    _same_text(old[name], values[name])
                    if name == "narrative"
                    else old[name] == values[name]
                )
            ]
            if changed:
                self.result.data.entries[node.pk] = values
            for name in changed:
                self.change(
                    SHEET_TASKS,
                    node.code,
                    TASK_HEADERS[TASK_COLUMNS[name]],
                    _display(old[name], name),
                    _display(values[name], name),
                )

    def indicators(self, rows, saved: _Saved) -> None:
        by_number = {_key(indicator_number(i)).replace(" ", ""): i for i in saved.indicators}
        seen: dict[int, int] = {}
        for number, row in rows:
            code = cell_text(row[0])
            if not code:
                self.error(SHEET_INDICATORS, number, MISSING_CODE)
                continue
            indicator = by_number.get(_key(code).replace(" ", ""))
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
                    "value": clean_number(row[2], max_digits=14, allow_negative=True),
                    "text": clean_text(row[3], max_length=INDICATOR_COMMENT_MAX_LENGTH),
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
                for name, column in (("value", 2), ("text", 3))
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

    def figures(self, rows, saved: _Saved) -> None:
        labels = figure_labels(self.year)
        by_label = {_key(label): name for name, label in labels.items()}
        old = _figure_values(saved.figures)
        new = dict(old)
        seen: dict[str, int] = {}
        total_row = None
        for number, row in rows:
            label = cell_text(row[0])
            name = by_label.get(_key(label))
            if name is None:
                self.error(SHEET_FIGURES, number, UNKNOWN_FIGURE % {"label": _quoted(label)})
                continue
            if name in seen:
                self.error(
                    SHEET_FIGURES, number, DUPLICATE_ROW % {"key": labels[name], "row": seen[name]}
                )
                continue
            seen[name] = number
            total_row = number if name == "benefits_total" else total_row
            try:
                if name == "currency":
                    new[name] = clean_currency(row[1])
                elif name in WHOLE_FIGURES:
                    new[name] = clean_number(row[1], whole=True, max_digits=9, decimal_places=0)
                else:
                    max_digits = YearlyFigures._meta.get_field(name).max_digits
                    new[name] = clean_number(row[1], max_digits=max_digits)
            except CellError as exc:
                self.error(SHEET_FIGURES, number, exc)
        if YearlyFigures.benefits_exceed_total(new):
            self.error(SHEET_FIGURES, total_row, BENEFITS_EXCEED_TOTAL)
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
        sheets = _read_sheets(uploaded_file)
    except WorkbookError as exc:
        return WorkbookResult(errors=[RowError("", None, str(exc))])
    result = _Reader(submission, sheets).read()
    if result.errors:
        return WorkbookResult(errors=result.errors)
    return result


# --- the parsed data in the session ------------------------------------------------------

_DECIMAL_KEYS = frozenset({"quantity", "planned_quantity", "value", *YearlyFigures.MONEY_FIELDS})


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def _typed(values: dict[str, Any]) -> dict[str, Any]:
    return {k: Decimal(v) if k in _DECIMAL_KEYS and v is not None else v for k, v in values.items()}


def data_to_json(data: services.SubmissionData) -> dict[str, Any]:
    """The parsed data as JSON can hold it (decimals as text, ids as keys in text)."""
    return {
        "entries": {str(pk): _plain(v) for pk, v in data.entries.items()},
        "indicator_values": {str(pk): _plain(v) for pk, v in data.indicator_values.items()},
        "figures": None if data.figures is None else _plain(data.figures),
    }


def data_from_json(stored: dict[str, Any]) -> services.SubmissionData:
    return services.SubmissionData(
        entries={int(pk): _typed(v) for pk, v in stored["entries"].items()},
        indicator_values={int(pk): _typed(v) for pk, v in stored["indicator_values"].items()},
        figures=None if stored["figures"] is None else _typed(stored["figures"]),
    )
