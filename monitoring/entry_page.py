"""Everything the submission page shows, fetched in a fixed number of queries.

The same page serves the staff member's entry form, its read-only view and the coordinator's
review (with last year beside this year).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.text import capfirst

from monitoring.catalogue import CatalogueSection, catalogue_section
from monitoring.continuity import unchanged_since
from monitoring.forms import EntryForm, FiguresForm, IndicatorValueForm, ProjectFormSet
from monitoring.models import ProgressEntry, Project, Submission
from monitoring.questions import task_questions
from monitoring.services import SubmissionData, submission_history
from monitoring.workbook.layout import indicator_number
from municipalities.models import YearlyFigures
from programmes.models import (
    Indicator,
    IndicatorValue,
    PlannedQuantity,
    ProgrammeNode,
)
from programmes.tree import walk_tree


@dataclass
class TaskRow:
    node: ProgrammeNode
    form: EntryForm
    entry: ProgressEntry | None
    previous: ProgressEntry | None
    previous_region: ProgressEntry | None
    plan: PlannedQuantity | None
    asks_quantity: bool = True
    # The first year of the run of identical entries ending this year (monitoring/continuity.py).
    unchanged_since: int | None = None

    @property
    def answered(self) -> bool:
        """Has the task a status, as the form stands (typed, or saved)?"""
        return bool(self.form["status"].value())

    @property
    def can_repeat(self) -> bool:
        """Can "as last year" take last year's status and text?"""
        return self.previous is not None and bool(self.previous.status)

    @property
    def changed_since_last_year(self) -> bool:
        if self.previous is None or self.entry is None:
            return False
        return (self.entry.status, self.entry.narrative) != (
            self.previous.status,
            self.previous.narrative,
        )


@dataclass
class TaskGroup:
    top: ProgrammeNode
    parent: ProgrammeNode
    rows: list[TaskRow] = field(default_factory=list)


# Up to this many tasks the form shows every block open; a longer programme (Latgale: 157)
# opens the blocks that need attention and lets the others be opened from the contents.
ALL_OPEN_UP_TO = 40


@dataclass
class Block:
    """A top-level goal of the programme with its tasks: one part of the form to fill."""

    top: ProgrammeNode
    groups: list[TaskGroup] = field(default_factory=list)
    is_open: bool = True

    @property
    def rows(self) -> list[TaskRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def answered(self) -> int:
        return sum(row.answered for row in self.rows)

    @property
    def has_errors(self) -> bool:
        return any(row.form.errors for row in self.rows)


@dataclass
class IndicatorRow:
    indicator: Indicator
    form: IndicatorValueForm
    value: IndicatorValue | None
    previous: IndicatorValue | None

    @property
    def number(self) -> str:
        return indicator_number(self.indicator)


@dataclass
class EntryPage:
    submission: Submission
    blocks: list[Block]
    indicators: list[IndicatorRow]
    figures_form: FiguresForm
    figures: YearlyFigures | None
    previous_figures: YearlyFigures | None
    projects: Any
    history: list
    catalogue: CatalogueSection

    @property
    def groups(self) -> list[TaskGroup]:
        return [group for block in self.blocks for group in block.groups]

    @property
    def total(self) -> int:
        return sum(block.total for block in self.blocks)

    @property
    def answered(self) -> int:
        return sum(block.answered for block in self.blocks)

    @property
    def figure_rows(self) -> list[tuple[str, Any, Any]]:
        """(label, last year, this year) for every figure; money in euro (lats converted)."""
        return [
            (capfirst(str(YearlyFigures._meta.get_field(name).verbose_name)), previous, current)
            for name, previous, current in YearlyFigures.side_by_side(
                self.previous_figures, self.figures
            )
        ]

    @property
    def forms(self) -> list:
        return [
            *(row.form for group in self.groups for row in group.rows),
            *(row.form for row in self.indicators),
            self.figures_form,
            self.projects,
            *self.catalogue.forms,
        ]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    def data(self) -> SubmissionData:
        """The cleaned form data, for the save service (call after is_valid)."""
        projects = []
        for form in self.projects.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            values = {name: form.cleaned_data.get(name) for name in form.Meta.fields}
            values["id"] = form.instance.pk
            values["delete"] = form.cleaned_data.get("DELETE", False)
            projects.append(values)
        return SubmissionData(
            entries={row.node.pk: row.form.cleaned_data for g in self.groups for row in g.rows},
            indicator_values={row.indicator.pk: row.form.cleaned_data for row in self.indicators},
            figures=self.figures_form.data_for_service(),
            projects=projects,
            catalogue=self.catalogue.data(),
        )


def _plain(number: Decimal | None) -> Decimal | None:
    """4.00 as 4 and 2.50 as 2.5, so a form shows what the person typed."""
    if number is None:
        return None
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()


def _entry_initial(entry: ProgressEntry | None) -> dict[str, Any]:
    if entry is None:
        return {}
    return {
        "status": entry.status,
        "narrative": entry.narrative,
        "quantity": entry.quantity,
        "planned_quantity": entry.planned_quantity,
    }


def entry_page(submission: Submission, data: dict | None = None) -> EntryPage:
    """Build the page for a submission; with POST data the forms are bound to it."""
    programme = submission.round.programme
    municipality = submission.municipality
    year = submission.round.year
    years = (year, year - 1)

    nodes = walk_tree(programme.nodes.all())
    # The municipality's entries of both years, and last year's region-wide ones (shown where
    # the municipality has none, as the seeded reviews are region-wide).
    entries = {
        (e.node_id, e.year, e.municipality_id is None): e
        for e in ProgressEntry.objects.filter(
            Q(municipality=municipality, year__in=years)
            | Q(municipality__isnull=True, year=year - 1),
            node__programme=programme,
        ).order_by()  # kept by key: the default order would join the municipalities to sort
    }
    questions = task_questions(programme, municipality)
    since = unchanged_since(programme, year, counting=None, municipality=municipality)

    blocks: list[Block] = []
    by_pk = {node.pk: node for node in nodes}
    top = None
    for node in nodes:
        if node.level == 0:
            top = node
        if not node.reported_by_municipalities:
            continue
        if not blocks or blocks[-1].top is not top:
            blocks.append(Block(top=top))
        groups = blocks[-1].groups
        parent = by_pk.get(node.parent_id, top)
        if not groups or groups[-1].parent is not parent:
            groups.append(TaskGroup(top=top, parent=parent))
        entry = entries.get((node.pk, year, False))
        form = EntryForm(data, prefix=f"n{node.pk}", initial=_entry_initial(entry))
        asks_quantity = questions.asks_quantity(node)
        if not asks_quantity:
            del form.fields["quantity"]
        elif node.unit:
            form.fields["quantity"].label = f"{form.fields['quantity'].label} ({node.unit})"
        if not questions.asks_planned(node):
            del form.fields["planned_quantity"]
        groups[-1].rows.append(
            TaskRow(
                node=node,
                form=form,
                entry=entry,
                previous=entries.get((node.pk, year - 1, False)),
                previous_region=entries.get((node.pk, year - 1, True)),
                plan=questions.plan(node),
                asks_quantity=asks_quantity,
                unchanged_since=since.get((node.pk, municipality.pk)),
            )
        )
    _open_blocks(blocks)

    values = {
        (v.indicator_id, v.year): v
        for v in IndicatorValue.objects.filter(
            indicator__programme=programme, municipality=municipality, year__in=years
        )
    }
    indicators = []
    for indicator in programme.indicators.all():
        value = values.get((indicator.pk, year))
        initial = {"value": _plain(value.value), "text": value.text} if value else {}
        indicators.append(
            IndicatorRow(
                indicator=indicator,
                form=IndicatorValueForm(data, prefix=f"i{indicator.pk}", initial=initial),
                value=value,
                previous=values.get((indicator.pk, year - 1)),
            )
        )

    figures_by_year = {
        f.year: f for f in YearlyFigures.objects.filter(municipality=municipality, year__in=years)
    }
    figures = figures_by_year.get(year)
    projects = ProjectFormSet(
        data,
        prefix="projects",
        queryset=Project.objects.filter(municipality=municipality, year=year).order_by("pk"),
    )
    history = submission_history(submission.history.all())
    return EntryPage(
        submission=submission,
        blocks=blocks,
        indicators=indicators,
        figures_form=FiguresForm(data, prefix="figures", instance=figures, year=year),
        figures=figures,
        previous_figures=figures_by_year.get(year - 1),
        projects=projects,
        history=history,
        catalogue=catalogue_section(municipality, year, data),
    )


def _open_blocks(blocks: list[Block]) -> None:
    """Which blocks the form shows open: all of a short programme; of a long one, those with
    an error and the first one not yet answered in full (the first block if all are)."""
    if sum(block.total for block in blocks) <= ALL_OPEN_UP_TO:
        return
    unfinished = next((b for b in blocks if b.answered < b.total), blocks[0] if blocks else None)
    for block in blocks:
        block.is_open = block is unfinished or block.has_errors
