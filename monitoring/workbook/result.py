"""What reading an uploaded workbook finds: its errors (sheet, row, message) and the changes it
would make, as the preview page lists them."""

from dataclasses import dataclass, field
from typing import NamedTuple

from monitoring import services


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
