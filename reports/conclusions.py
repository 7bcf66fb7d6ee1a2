"""The review's computed conclusion: which tasks count as fulfilled, their share, and its ground.

The rule is stated here once, for the page, the PDF and the workbook alike:
- a task is fulfilled when the planning region's own entry on it says "implemented" or
  "improved"; without one, when more than half of the municipalities that gave information
  report one status and that status is "implemented" or "improved" (a tie is no majority);
- the share says what it is computed from: the approved reports of a reporting round, or the
  published data of a year without one;
- while fewer than MIN_APPROVED_SHARE of the municipalities' reports are approved, the share is
  withheld: a share computed from one report in 22 would read as the region's.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from monitoring.models import Status

FULFILLED_STATUSES = (Status.IMPLEMENTED, Status.IMPROVED)
FULFILLED_RULE = _(
    "A task counts as fulfilled when the planning region's own entry on it, or else the status "
    "reported by most of the municipalities that gave information, is “implemented” or "
    "“improved”."
)
MAJORITY_RULE = _(
    "Most means more than half of them: when no status is reported by more than half (a tie "
    "included), the task is not counted as fulfilled."
)

# The share of the municipalities' reports that must be approved before the share of tasks
# fulfilled is given (half: below it, the approved reports are the exception, not the region).
MIN_APPROVED_SHARE = Fraction(1, 2)


def majority_status(counts: dict[str, int]) -> str:
    """The status more than half of the municipalities that gave information report, or ""."""
    informed = {s: n for s, n in counts.items() if s != Status.NO_INFORMATION and n}
    total = sum(informed.values())
    return next((s for s, n in informed.items() if 2 * n > total), "")


def task_fulfilled(*, region_status: str, counts: dict[str, int]) -> bool:
    return (region_status or majority_status(counts)) in FULFILLED_STATUSES


def approved_needed(municipalities: int) -> int:
    return math.ceil(municipalities * MIN_APPROVED_SHARE)


@dataclass(frozen=True)
class Conclusions:
    """The computed share of tasks fulfilled, what it is computed from, or why it is withheld."""

    year: int
    fulfilled_count: int
    counted: int
    has_round: bool
    approved: int
    municipalities: int

    @classmethod
    def of(
        cls, *, year: int, tasks: Sequence, has_round: bool, approved: int, municipalities: int
    ) -> "Conclusions":
        """`tasks`: the review's task lines that are counted (not headings)."""
        return cls(
            year=year,
            fulfilled_count=sum(t.fulfilled for t in tasks),
            counted=len(tasks),
            has_round=has_round,
            approved=approved,
            municipalities=municipalities,
        )

    @property
    def required(self) -> int:
        return approved_needed(self.municipalities)

    @property
    def is_withheld(self) -> bool:
        return self.has_round and self.approved < self.required

    @property
    def percent(self) -> int | None:
        if self.is_withheld or not self.counted:
            return None
        return round(100 * self.fulfilled_count / self.counted)

    @property
    def share(self) -> str:
        """The share as a sentence ("16 of 34 tasks fulfilled (47 %)."), or "" when none."""
        if self.percent is None:
            return ""
        return gettext("%(done)s of %(total)s tasks fulfilled (%(percent)s %%).") % {
            "done": self.fulfilled_count,
            "total": self.counted,
            "percent": self.percent,
        }

    @property
    def ground(self) -> str:
        """What the share is computed from."""
        if self.has_round:
            return gettext(
                "Computed from the approved reports (%(approved)s of %(total)s municipalities) "
                "and the planning region's own entries."
            ) % {"approved": self.approved, "total": self.municipalities}
        return gettext("Computed from the data of the published review of %(year)s.") % {
            "year": self.year
        }

    @property
    def withheld_reason(self) -> str:
        if not self.is_withheld:
            return ""
        return gettext(
            "The share of tasks fulfilled is not given yet: it is computed only once at least "
            "%(share)s %% of the municipalities' reports are approved (%(required)s of "
            "%(total)s), and %(approved)s are."
        ) % {
            "share": round(100 * MIN_APPROVED_SHARE),
            "required": self.required,
            "total": self.municipalities,
            "approved": self.approved,
        }

    @property
    def rule(self) -> str:
        return f"{FULFILLED_RULE} {MAJORITY_RULE}"
