"""The review's planned results and result indicators: each with its values up to the year."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from monitoring.counting import Counting, counted
from programmes.models import Indicator, IndicatorValue, Programme


@dataclass
class IndicatorLine:
    indicator: Indicator
    values: list[IndicatorValue]

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None

    @property
    def share(self) -> Decimal | None:
        latest = self.latest
        return self.indicator.progress_share(latest.value if latest else None)

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else int((share * 100).quantize(Decimal(1)))


def indicator_lines(
    programme: Programme, year: int, counting: Counting
) -> tuple[list[IndicatorLine], list[IndicatorLine]]:
    """(planned results, result indicators) of the programme with their values up to `year`,
    in two queries."""
    indicator_values: dict[int, list] = defaultdict(list)
    for value in counted(
        IndicatorValue.objects.filter(
            indicator__programme=programme, municipality__isnull=True, year__lte=year
        ),
        counting,
    ).order_by("year"):
        indicator_values[value.indicator_id].append(value)
    planned, result = [], []
    for indicator in programme.indicators.all():
        line = IndicatorLine(indicator, indicator_values.get(indicator.pk, []))
        (planned if indicator.kind == Indicator.Kind.PLANNED_RESULT else result).append(line)
    return planned, result
