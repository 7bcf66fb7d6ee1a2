"""The review's planned results and result indicators: each with its values up to the year.

An indicator's region-wide value for a year is derived from the municipalities' counted values
(monitoring/counting.py) by its rule (`Indicator.rollup`): their sum, their average, or the
number of municipalities whose value is at least 1 or whose text says "jā"/"yes". A value the
coordinator typed for the region is kept beside the derived one, with the difference. The way to
target is computed from the derived value; under the rule `region`, or in a year where no
municipality gave a value (the published years hold the region's values only), from the typed
one.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import ngettext

from monitoring.counting import Counting, counted
from municipalities.models import Municipality
from programmes.models import Indicator, IndicatorValue, Programme

YES = ("jā", "ja", "yes")
CENT = Decimal("0.01")


def _says_yes(value: IndicatorValue) -> bool:
    if value.value is not None:
        return value.value >= 1
    return value.text.strip().strip(".!").casefold() in YES


def _gave(value: IndicatorValue, rollup: str) -> bool:
    """Whether a municipality's value takes part in the rule: a number, or for a count also a
    "jā"/"nē" in words."""
    if value.value is not None:
        return True
    return rollup == Indicator.Rollup.COUNT and bool(value.text.strip())


def derive(rollup: str, values: list[IndicatorValue]) -> Decimal | None:
    """The region's value from the municipalities' `values` by the rule; None under `region`
    or when none of them gave a value."""
    given = [v for v in values if _gave(v, rollup)]
    if rollup == Indicator.Rollup.REGION or not given:
        return None
    if rollup == Indicator.Rollup.COUNT:
        return Decimal(sum(_says_yes(v) for v in given))
    total = sum((v.value for v in given), Decimal(0))
    if rollup == Indicator.Rollup.AVERAGE:
        return (total / len(given)).quantize(CENT)
    return total


@dataclass
class YearValue:
    """An indicator's region-wide value for one year.

    `derived` is the rule's value from the municipalities that gave one (`given` of the
    `active` municipalities of the region that year); `typed` the coordinator's region-wide
    row. `value` and `text` are the ones that count, so a year reads like an IndicatorValue.
    """

    year: int
    derived: Decimal | None = None
    typed: IndicatorValue | None = None
    given: int = 0
    active: int = 0

    @property
    def is_derived(self) -> bool:
        return self.derived is not None

    @property
    def value(self) -> Decimal | None:
        if self.is_derived:
            return self.derived
        return self.typed.value if self.typed else None

    @property
    def text(self) -> str:
        return "" if self.is_derived or not self.typed else self.typed.text

    @property
    def typed_value(self) -> Decimal | None:
        return self.typed.value if self.typed else None

    @property
    def typed_text(self) -> str:
        return self.typed.text if self.typed else ""

    @property
    def difference(self) -> Decimal | None:
        """Derived minus typed, where both are numbers."""
        if self.derived is None or self.typed_value is None:
            return None
        return self.derived - self.typed_value

    @property
    def coverage(self) -> str:
        """ "14 no 22 pašvaldībām": how many municipalities gave a value."""
        return ngettext(
            "%(given)s of %(active)s municipality",
            "%(given)s of %(active)s municipalities",
            self.active,
        ) % {"given": self.given, "active": self.active}


@dataclass
class IndicatorLine:
    indicator: Indicator
    values: list[YearValue] = field(default_factory=list)

    @property
    def is_rolled_up(self) -> bool:
        return self.indicator.rollup != Indicator.Rollup.REGION

    @property
    def rule(self) -> str:
        return str(self.indicator.get_rollup_display())

    @property
    def latest(self) -> YearValue | None:
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
    programme: Programme,
    year: int,
    counting: Counting,
    municipalities: Sequence[Municipality] = (),
) -> tuple[list[IndicatorLine], list[IndicatorLine]]:
    """(planned results, result indicators) of the programme with their values up to `year`,
    in two queries.

    `municipalities` are the region's municipalities the review knows (those active in
    `year`); a year's "of M" counts those of them active then, and any other municipality
    whose value counts that year.
    """
    typed: dict[tuple[int, int], IndicatorValue] = {}
    municipal: dict[tuple[int, int], list[IndicatorValue]] = defaultdict(list)
    reporters: dict[int, set[int]] = defaultdict(set)
    for value in counted(
        IndicatorValue.objects.filter(indicator__programme=programme, year__lte=year), counting
    ).order_by("year"):
        if value.municipality_id is None:
            typed[value.indicator_id, value.year] = value
        else:
            municipal[value.indicator_id, value.year].append(value)
            reporters[value.year].add(value.municipality_id)
    years = sorted({y for _, y in typed} | {y for _, y in municipal})
    active = {
        y: len(
            {m.pk for m in municipalities if m.is_active_on(datetime.date(y, 1, 1))} | reporters[y]
        )
        for y in years
    }

    planned, result = [], []
    for indicator in programme.indicators.all():
        line = IndicatorLine(indicator)
        rollup = indicator.rollup
        for y in years:
            given = [v for v in municipal.get((indicator.pk, y), []) if _gave(v, rollup)]
            derived = derive(rollup, given)
            row = typed.get((indicator.pk, y))
            if row is None and derived is None:
                continue
            line.values.append(
                YearValue(
                    year=y,
                    derived=derived,
                    typed=row,
                    given=len(given) if derived is not None else 0,
                    active=active[y],
                )
            )
        (planned if indicator.kind == Indicator.Kind.PLANNED_RESULT else result).append(line)
    return planned, result
