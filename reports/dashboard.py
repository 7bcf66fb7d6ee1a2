"""The coordinator's dashboards: the season at a glance, built on the review's data.

The dashboards count what municipalities have handed in (submitted or approved), where the
review counts only what is approved; otherwise they show the same numbers the same way.
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from monitoring.counting import Counting
from monitoring.models import Status, count_states
from programmes.models import ProgrammeNode
from reports.review import Review, TaskLine, annual_review
from reports.summary import SUMMARY_ORDER
from reports.tables import Table


@dataclass
class Filters:
    """What the dashboard shows, kept in the URL so a view can be bookmarked and sent."""

    year: int
    goal: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, query, *, years: list[int]) -> "Filters":
        """Unknown values fall back to showing everything (of the latest year)."""
        try:
            year = int(query.get("year", ""))
        except ValueError:
            year = years[0]
        if year not in years:
            year = years[0]
        status = query.get("status", "")
        if status not in Status.values:
            status = ""
        return cls(year=year, goal=query.get("goal", ""), status=status)

    @property
    def as_query(self) -> str:
        """The filters as a URL's query, for links that keep them (the downloads)."""
        return urlencode({"year": self.year, "goal": self.goal, "status": self.status})


@dataclass
class TaskGroup:
    goal: ProgrammeNode
    tasks: list[TaskLine] = field(default_factory=list)


@dataclass
class Dashboard:
    review: Review
    filters: Filters
    goals: list[ProgrammeNode]
    groups: list[TaskGroup]

    @cached_property
    def tables(self) -> dict[str, Table]:
        """The downloads, by name: built when one is asked for, not for the page."""
        return _tables(self.review, self.groups)

    @property
    def has_indicators(self) -> bool:
        return bool(self.review.planned_results or self.review.indicators)

    @property
    def state_counts(self) -> list[tuple[str, str, int]]:
        return count_states(line.submission for line in self.review.completeness if line.submission)

    @property
    def overdue(self) -> int:
        return sum(
            1
            for line in self.review.completeness
            if line.submission and line.submission.is_overdue()
        )


def dashboard(programme, query, *, years: list[int]) -> Dashboard:
    filters = Filters.from_query(query, years=years)
    review = annual_review(programme, filters.year, counting=Counting.HANDED_IN, texts=False)
    goals = [t.node for t in review.tasks if t.level == 0]
    if filters.goal not in {g.code for g in goals}:
        filters.goal = ""
    groups: list[TaskGroup] = []
    for line in review.tasks:
        if line.level == 0:
            groups.append(TaskGroup(goal=line.node))
            continue
        if line.is_heading or not groups:
            continue
        if filters.goal and groups[-1].goal.code != filters.goal:
            continue
        if filters.status and not line.counts.get(filters.status):
            continue
        groups[-1].tasks.append(line)
    groups = [g for g in groups if g.tasks]
    return Dashboard(
        review=review,
        filters=filters,
        goals=goals,
        groups=groups,
    )


def money_table(review: Review) -> Table:
    """Each municipality's figures, last year beside this year, in euro, then a row for each
    that gave none, as the page names them under its table (shared with the review's
    workbook)."""
    return Table(
        "money",
        _("Money"),
        [
            _("Municipality"),
            _("Figure"),
            str(review.year - 1),
            str(review.year),
            _("Change"),
            _("Converted from lats"),
        ],
        [
            [
                line.municipality.name,
                str(label),
                previous,
                current,
                change,
                _("yes") if line.converted else "",
            ]
            for line in review.finance
            for label, previous, current, change in line.cells
        ]
        + [
            [m.name, _("no figures given for these years"), None, None, None, ""]
            for m in review.without_figures
        ],
    )


def _tables(review: Review, groups: list[TaskGroup]) -> dict[str, Table]:
    status_labels = [str(Status(s).label) for s in SUMMARY_ORDER]
    tables = [
        Table(
            "completeness",
            _("Who reported"),
            [_("Municipality"), _("State"), _("Overdue")],
            [
                [
                    line.municipality.name,
                    str(line.label),
                    _("yes") if line.submission and line.submission.is_overdue() else "",
                ]
                for line in review.completeness
            ],
        ),
        Table(
            "statuses",
            _("Statuses by task"),
            [_("Code"), _("Task"), *status_labels],
            [
                [t.node.code, t.node.title, *(t.counts.get(s, 0) for s in SUMMARY_ORDER)]
                for g in groups
                for t in g.tasks
                if t.counted
            ],
        ),
        Table(
            "indicators",
            _("Indicators"),
            [
                _("No."),
                _("Indicator"),
                _("Region's value"),
                _("Baseline"),
                _("Latest year"),
                _("Latest value"),
                _("Municipalities"),
                _("Typed by the coordinator"),
                _("Difference"),
                _("Target"),
                _("Way to target"),
            ],
            [
                [
                    line.indicator.code,
                    line.indicator.title,
                    line.rule,
                    line.indicator.baseline_value,
                    latest.year if latest else None,
                    latest.value if latest else None,
                    latest.coverage if latest and latest.is_derived else "",
                    latest.typed_value if latest else None,
                    latest.difference if latest else None,
                    line.indicator.target_value,
                    f"{line.percent} %" if line.percent is not None else "",
                ]
                for line in [*review.planned_results, *review.indicators]
                for latest in [line.latest]
            ],
        ),
        money_table(review),
    ]
    return {table.name: table for table in tables}
