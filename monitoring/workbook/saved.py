"""What is saved for a submission, as the workbook shows it and the upload compares with it."""

from dataclasses import dataclass
from typing import Any

from monitoring import services
from monitoring.models import ProgressEntry, Submission
from monitoring.workbook.layout import FIGURE_FIELDS
from municipalities.models import Currency, YearlyFigures
from programmes.models import Indicator, IndicatorValue, ProgrammeNode


@dataclass
class Saved:
    nodes: list[ProgrammeNode]
    entries: dict[int, ProgressEntry]
    indicators: list[Indicator]
    values: dict[int, IndicatorValue]
    figures: YearlyFigures | None


def saved(submission: Submission) -> Saved:
    """Everything the workbook shows for the submission, in five queries."""
    programme = submission.round.programme
    municipality, year = submission.municipality, submission.round.year
    return Saved(
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


def figure_values(figures: YearlyFigures | None) -> dict[str, Any]:
    """The figures by field name, the currency included; EUR and nothing else when none."""
    names = ("currency", *FIGURE_FIELDS)
    if figures is None:
        return {name: Currency.EUR if name == "currency" else None for name in names}
    return {name: getattr(figures, name) for name in names}
