"""What each task asks a municipality: the one answer the entry form, the workbook (both ways)
and its checks read, so the two channels ask the same things.

Every task asks a status and a description. A number achieved is asked where the task counts
something: the programme gives the task a unit, plans a number for it, or a number was reported
on it before (the published reviews count services on some tasks without naming a unit). A
planned number for the year is asked only where the programme plans one for the municipality.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from monitoring.models import ProgressEntry
from municipalities.models import Municipality
from programmes.models import PlannedQuantity, Programme, ProgrammeNode


@dataclass(frozen=True)
class TaskQuestions:
    plans: dict[int, PlannedQuantity]
    counted: frozenset[int]

    def asks_quantity(self, node: ProgrammeNode) -> bool:
        return bool(node.unit) or node.pk in self.plans or node.pk in self.counted

    def asks_planned(self, node: ProgrammeNode) -> bool:
        return node.pk in self.plans

    def plan(self, node: ProgrammeNode) -> PlannedQuantity | None:
        return self.plans.get(node.pk)


def task_questions(programme: Programme, municipality: Municipality) -> TaskQuestions:
    """What the programme's tasks ask the municipality. Two queries."""
    return questions_of(programme, [municipality])[municipality.pk]


def questions_of(
    programme: Programme, municipalities: list[Municipality]
) -> dict[int, TaskQuestions]:
    """Municipality id → what the programme's tasks ask it (the region workbook asks them all
    at once). Two queries, whatever the number of municipalities: the tasks counted before
    are the programme's, and the plans are read together."""
    plans: dict[int, dict[int, PlannedQuantity]] = {m.pk: {} for m in municipalities}
    for plan in PlannedQuantity.objects.filter(
        node__programme=programme, municipality__in=municipalities
    ):
        plans[plan.municipality_id][plan.node_id] = plan
    # Asked per task (EXISTS, which stops at the first number), not as the DISTINCT tasks of
    # all the programme's entries: PostgreSQL scans every entry for that (27 ms against 1 ms
    # at national scale).
    counted = frozenset(
        programme.nodes.filter(
            Exists(ProgressEntry.objects.filter(node=OuterRef("pk"), quantity__isnull=False))
        )
        .order_by()
        .values_list("pk", flat=True)
    )
    return {pk: TaskQuestions(plans=own, counted=counted) for pk, own in plans.items()}
