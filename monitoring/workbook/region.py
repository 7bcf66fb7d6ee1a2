"""The region workbook of a reporting year: every municipality's entries on the tasks that
municipalities report on, one row per municipality and task, for the region's coordinator to
fill in and import at once.

Its entry columns are the submission workbook's task columns behind the municipality's name,
written and read by the same helpers (monitoring/workbook/writing.py and reading.py), so a cell
means the same in both and is checked by the same rule (monitoring/rules.py); a number is asked
where the entry form asks it (monitoring/questions.py). Reading saves nothing: it lists, per
report, what the import would change, and every bad cell; with any, it changes nothing.
"""

import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from monitoring import access, services
from monitoring.excel import write_table
from monitoring.models import ProgressEntry, ReportingRound, Submission
from monitoring.questions import TaskQuestions, questions_of
from monitoring.rules import CellError, cell_text, key, quoted
from monitoring.workbook.keys import (
    DUPLICATE_ROW,
    UNKNOWN_MUNICIPALITY,
    clean_task,
    clean_year,
    nodes_by_code,
)
from monitoring.workbook.layout import (
    KEY_INSTRUCTIONS,
    KEY_MUNICIPALITY,
    KEY_PROGRAMME,
    KEY_YEAR,
    SHEET_SUMMARY,
    TASK_COLUMNS,
    TASK_HEADERS,
)
from monitoring.workbook.reading import (
    MISSING_SHEET,
    MISSING_VALUE,
    WRONG_PROGRAMME,
    clean_task_row,
    entry_changes,
    sheet_table,
)
from monitoring.workbook.result import Change
from monitoring.workbook.upload import MAX_SHEET_ROWS, WorkbookError, check_upload, read_sheets
from monitoring.workbook.writing import (
    grey_not_applicable,
    status_validation,
    task_cells,
    write_summary,
)
from municipalities.models import Municipality, normalize_name
from programmes.models import ProgrammeNode

SHEET_ENTRIES = "Ieraksti"
KEY_REGION = "Reģions"
ENTRY_HEADERS = (KEY_MUNICIPALITY, *TASK_HEADERS)
# The column of the entry sheet each entry field is read from: the task sheet's, one along.
ENTRY_COLUMNS = {name: column + 1 for name, column in TASK_COLUMNS.items()}
REGION_INSTRUCTIONS = (
    "Aizpildiet lapu „Ieraksti” un augšupielādējiet failu atpakaļ pārskata gada lapā. Katra "
    "rinda ir vienas pašvaldības ieraksts par vienu uzdevumu. Nemainiet lapu nosaukumus, "
    "kolonnu virsrakstus, pašvaldību nosaukumus, kodus un šīs lapas vērtības. Statusu "
    "izvēlieties no saraksta. Tukša šūna nozīmē, ka vērtība nav norādīta. „—” skaita kolonnā "
    "nozīmē, ka uzdevums šo skaitu neprasa. Rindas, kuras nemaināt, var arī izdzēst."
)
# Filled-in rows of the entry sheet: the largest region (Latgale, 21 municipalities × 157
# tasks) has 3 297; no sheet is read past MAX_SHEET_ROWS rows, empty ones included, anyway.
MAX_REGION_ROWS = MAX_SHEET_ROWS

MISSING_MUNICIPALITY = _("The row has no municipality.")
OUTSIDE_REGION = _("%(municipality)s is not a municipality of this planning region (%(region)s).")
NOT_IN_ROUND = _("%(municipality)s has no report in this reporting year.")
WRONG_ROUND_YEAR = _("The workbook is for %(found)d, but this reporting year is %(year)d.")
REPORT_LOCKED = _(
    "The report of %(municipality)s is %(state)s, so the import cannot change it: "
    "leave its rows as they are."
)
REPORT_PAST_DEADLINE = _(
    "The deadline of the report of %(municipality)s has passed, so the import cannot change "
    "it: reopen the report first, or leave its rows as they are."
)


class RegionError(NamedTuple):
    """A bad cell or row: `column` is its letter and header, "" when the row as a whole."""

    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class ReportChanges:
    """What the import would change in one municipality's report: `entries` as
    services.SubmissionData holds them, `changes` as the preview lists them."""

    submission: Submission
    changes: list[Change] = field(default_factory=list)
    entries: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass
class RegionResult:
    """The reports the workbook would change, in the order of the municipalities; none (never
    to be applied) when there are `errors`."""

    reports: list[ReportChanges] = field(default_factory=list)
    errors: list[RegionError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def change_count(self) -> int:
        return sum(len(report.changes) for report in self.reports)


@dataclass
class RegionSaved:
    """What is saved for the year's reports: `submissions` in the order of the municipalities,
    each with its round and municipality; entries and questions by municipality id."""

    submissions: list[Submission]
    nodes: list[ProgrammeNode]
    entries: dict[tuple[int, int], ProgressEntry]  # (municipality id, node id)
    questions: dict[int, TaskQuestions]


def region_saved(reporting_round: ReportingRound) -> RegionSaved:
    """Everything the region workbook shows, in six queries whatever the sizes."""
    programme, year = reporting_round.programme, reporting_round.year
    municipalities = list(
        Municipality.objects.filter(submissions__round=reporting_round).in_order()
    )
    by_municipality = {s.municipality_id: s for s in reporting_round.submissions.all()}
    submissions = []
    for municipality in municipalities:
        submission = by_municipality[municipality.pk]
        submission.round, submission.municipality = reporting_round, municipality
        submissions.append(submission)
    return RegionSaved(
        submissions=submissions,
        nodes=services.reportable_nodes(programme),
        entries={
            (e.municipality_id, e.node_id): e
            for e in ProgressEntry.objects.filter(
                node__programme=programme, municipality__in=municipalities, year=year
            )
        },
        questions=questions_of(programme, municipalities),
    )


def region_workbook(reporting_round: ReportingRound) -> bytes:
    """The year's reports as one .xlsx workbook, prefilled with what is saved now."""
    now = region_saved(reporting_round)
    programme = reporting_round.programme
    book = Workbook()
    summary = book.active
    summary.title = SHEET_SUMMARY
    write_summary(
        summary,
        (
            (KEY_REGION, programme.region.name),
            (KEY_PROGRAMME, programme.slug),
            (KEY_YEAR, reporting_round.year),
            (KEY_INSTRUCTIONS, REGION_INSTRUCTIONS),
        ),
    )
    sheet = book.create_sheet(SHEET_ENTRIES)
    rows = [
        (
            submission.municipality.name,
            *task_cells(
                node,
                now.entries.get((submission.municipality_id, node.pk)),
                now.questions[submission.municipality_id],
            ),
        )
        for submission in now.submissions
        for node in now.nodes
    ]
    write_table(
        sheet,
        ENTRY_HEADERS,
        rows,
        widths=(24, 10, 50, 24, 70, 14, 14),
        wrap=(3, 5),
        formats={2: "@"},  # typed codes stay text: "1.10" must not turn into 1.1
    )
    for row in sheet.iter_rows(min_row=2, min_col=ENTRY_COLUMNS["quantity"] + 1):
        grey_not_applicable(row)
    if rows:
        column = get_column_letter(ENTRY_COLUMNS["status"] + 1)
        sheet.add_data_validation(status_validation(f"{column}2:{column}{len(rows) + 1}"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Names:
    """Municipality.resolve(name, year=…) for every row at once: the year's municipalities and
    their name variants are read once, and a name means the one municipality it names, in
    any case, or whose variant has its key."""

    def __init__(self, year: int):
        self.by_name, self.by_key = defaultdict(set), defaultdict(set)
        for municipality in Municipality.objects.active_in_year(year).prefetch_related("aliases"):
            self.by_name[municipality.name.casefold()].add(municipality)
            for alias in municipality.aliases.all():
                self.by_key[alias.key].add(municipality)

    def resolve(self, text: str) -> Municipality:
        found = self.by_name.get(text.casefold(), set()) | self.by_key.get(
            normalize_name(text), set()
        )
        if len(found) != 1:
            raise CellError(UNKNOWN_MUNICIPALITY % {"name": Truncator(text).chars(60)})
        return next(iter(found))


class _Reader:
    def __init__(self, reporting_round: ReportingRound, sheets: dict, by):
        self.round, self.sheets, self.by = reporting_round, sheets, by
        self.result = RegionResult()

    def error(self, sheet: str, row: int | None, message, column: int | None = None) -> None:
        where = (
            "" if column is None else f"{get_column_letter(column + 1)} ({ENTRY_HEADERS[column]})"
        )
        self.result.errors.append(RegionError(sheet, row, where, str(message)))

    def read(self) -> RegionResult:
        for sheet in (SHEET_SUMMARY, SHEET_ENTRIES):
            if sheet not in self.sheets:
                self.error(sheet, None, MISSING_SHEET % {"sheet": sheet})
                return self.result
        summary = sheet_table(self.sheets[SHEET_SUMMARY], SHEET_SUMMARY, None, self.error)
        if summary is None or not self.summary(summary):
            return self.result
        rows = sheet_table(
            self.sheets[SHEET_ENTRIES], SHEET_ENTRIES, ENTRY_HEADERS, self.error, MAX_REGION_ROWS
        )
        if rows is not None:
            self.entries(rows)
        if self.result.errors:
            self.result.reports = []
        return self.result

    def summary(self, rows) -> bool:
        """Check the workbook is this year's of this programme; False (with errors) if not."""
        cells = {}
        for number, row in rows:
            cells.setdefault(key(cell_text(row[0])).rstrip(":"), (number, (*row, None)[1]))
        programme = self.round.programme
        number, slug = cells.get(key(KEY_PROGRAMME), (None, None))
        if not cell_text(slug):
            self.error(SHEET_SUMMARY, number, MISSING_VALUE % {"key": KEY_PROGRAMME})
        elif cell_text(slug) != programme.slug:
            found = {"found": quoted(slug), "programme": programme.slug}
            self.error(SHEET_SUMMARY, number, WRONG_PROGRAMME % found)
        number, value = cells.get(key(KEY_YEAR), (None, None))
        try:
            if not cell_text(value):
                raise CellError(MISSING_VALUE % {"key": KEY_YEAR})
            if (year := clean_year(value)) != self.round.year:
                raise CellError(WRONG_ROUND_YEAR % {"found": year, "year": self.round.year})
        except CellError as exc:
            self.error(SHEET_SUMMARY, number, exc)
        return not self.result.errors

    def municipality(self, text: str, names: _Names, by_municipality: dict) -> Submission:
        if not text:
            raise CellError(MISSING_MUNICIPALITY)
        municipality = names.resolve(text)
        region = self.round.programme.region
        if municipality.region_id != region.pk:
            raise CellError(
                OUTSIDE_REGION % {"municipality": municipality.name, "region": region.short_name}
            )
        if municipality.pk not in by_municipality:
            raise CellError(NOT_IN_ROUND % {"municipality": municipality.name})
        return by_municipality[municipality.pk]

    def entries(self, rows) -> None:
        saved = region_saved(self.round)
        names = _Names(self.round.year)
        by_municipality = {s.municipality_id: s for s in saved.submissions}
        nodes = nodes_by_code(self.round.programme)
        reportable = {node.pk for node in saved.nodes}
        reports = {s.pk: ReportChanges(s) for s in saved.submissions}
        seen: dict[tuple[int, int], int] = {}
        for number, row in rows:
            try:
                submission = self.municipality(cell_text(row[0]), names, by_municipality)
            except CellError as exc:
                self.error(SHEET_ENTRIES, number, exc, column=0)
                submission = None
            try:
                node = clean_task(row[1], nodes=nodes, reportable=reportable)
            except CellError as exc:
                self.error(SHEET_ENTRIES, number, exc, column=1)
                continue
            if submission is None:
                continue
            pair = (submission.pk, node.pk)
            if pair in seen:
                name = f"{submission.municipality.name} {node.code}"
                self.error(SHEET_ENTRIES, number, DUPLICATE_ROW % {"key": name, "row": seen[pair]})
                continue
            seen[pair] = number
            municipality_id = submission.municipality_id
            values, problems = clean_task_row(
                row, ENTRY_COLUMNS, node, saved.questions[municipality_id]
            )
            for name, message in problems.items():
                self.error(SHEET_ENTRIES, number, message, column=ENTRY_COLUMNS[name])
            if problems:
                continue
            changes = entry_changes(saved.entries.get((municipality_id, node.pk)), values)
            if changes and not access.can_edit(self.by, submission):
                self.error(
                    SHEET_ENTRIES, number, _locked(submission), column=ENTRY_COLUMNS[changes[0][0]]
                )
                continue
            report = reports[submission.pk]
            if changes:
                report.entries[node.pk] = values
            for name, old, new in changes:
                report.changes.append(
                    Change(SHEET_ENTRIES, node.code, ENTRY_HEADERS[ENTRY_COLUMNS[name]], old, new)
                )
        self.result.reports = [report for report in reports.values() if report.changes]


def _locked(submission: Submission) -> str:
    """Why the import may not change the report (monitoring/access.py: can_edit)."""
    name = submission.municipality.name
    if submission.is_draft:
        return str(REPORT_PAST_DEADLINE % {"municipality": name})
    state = Submission.State(submission.state).label
    return str(REPORT_LOCKED % {"municipality": name, "state": state})


def parse_region_workbook(reporting_round: ReportingRound, uploaded_file, *, by) -> RegionResult:
    """Read an uploaded region workbook against the year's reports as they are saved now, for
    the person `by` who would import it: a change to a report they may not edit is an error.

    The result lists every error (sheet, row, column, message) and, per report, every change;
    with any error it holds no changes, so nothing can be applied by mistake.
    """
    try:
        check_upload(uploaded_file)
        sheets = read_sheets(uploaded_file, (SHEET_SUMMARY, SHEET_ENTRIES), MAX_REGION_ROWS)
    except WorkbookError as exc:
        return RegionResult(errors=[RegionError("", None, "", str(exc))])
    return _Reader(reporting_round, sheets, by).read()
