"""The review's planned results and result indicators: each with its values up to the year.

An indicator's region-wide value for a year is derived from the municipalities' counted values
(monitoring/counting.py) by its rule (`Indicator.rollup`): their sum, their average, or the
number of municipalities whose value is at least 1 or whose text says "jā"/"yes". A value the
coordinator typed for the region is kept beside the derived one, with the difference. The way to
target is computed from the derived value; under the rule `region`, in a year where no
municipality gave a value, or in a published year (no reporting round: the region's value is what
that year's review said; YearValue.typed_counts), from the typed one. An indicator that counts a
kind of service takes each municipality's value from its service catalogue where it lists the
service (reports/service_indicators.py), and shows which municipalities its value is made of.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.translation import ngettext

from monitoring.counting import Counting, counted
from monitoring.models import ReportingRound
from municipalities.models import Municipality
from programmes.models import Indicator, IndicatorValue, Programme
from reports import service_indicators
from reports.rollup import derive, gives


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
    # For an indicator counted from the service catalogues (reports/service_indicators.py):
    # the municipalities the derived value is made of.
    parts: list[service_indicators.Part] = field(default_factory=list)

    @property
    def parts_from_catalogue(self) -> list[service_indicators.Part]:
        return [part for part in self.parts if part.from_catalogue]

    @property
    def parts_reported(self) -> list[service_indicators.Part]:
        return [part for part in self.parts if not part.from_catalogue]

    @property
    def typed_counts(self) -> bool:
        """In a published year (no reporting round) the region's typed value is what the
        year's review said, and it stays the value that counts: municipalities' data of that
        year (a service catalogue loaded from a municipality's own document, say) covers
        some of them only, and is shown beside it."""
        typed = self.typed
        return typed is not None and not getattr(typed, "in_round", True)

    @property
    def is_derived(self) -> bool:
        return self.derived is not None and not self.typed_counts

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
        return self.indicator.rule_label

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
    """(planned results, result indicators) of the programme as it stood in `year`, with their
    values up to that year, in two queries (three when an indicator counts a service).

    `municipalities` are the region's municipalities the review knows (those active in
    `year`); a year's "of M" counts those of them active then, and any other municipality
    whose value counts that year.
    """
    typed: dict[tuple[int, int], IndicatorValue] = {}
    municipal: dict[tuple[int, int], list[IndicatorValue]] = defaultdict(list)
    reporters: dict[int, set[int]] = defaultdict(set)
    indicators = list(programme.indicators.as_of(year).select_related("service_kind"))
    offered = service_indicators.offered(
        programme, {i.service_kind_id for i in indicators if i.service_kind_id}, year, counting
    )
    for (_kind, offered_year), parts in offered.items():
        reporters[offered_year].update(parts)
    # Whether the value's year has a reporting round, in the same query: a published year's
    # typed value is what its review said (YearValue.typed_counts).
    rounds = ReportingRound.objects.filter(programme=programme, year=OuterRef("year"))
    for value in (
        counted(
            IndicatorValue.objects.filter(indicator__programme=programme, year__lte=year), counting
        )
        .annotate(in_round=Exists(rounds))
        .select_related("municipality")
        .order_by("year")
    ):
        if value.municipality_id is None:
            typed[value.indicator_id, value.year] = value
        else:
            municipal[value.indicator_id, value.year].append(value)
            reporters[value.year].add(value.municipality_id)
    years = sorted({y for _, y in typed} | {y for _, y in municipal} | {y for _, y in offered})
    active = {
        y: len(
            {m.pk for m in municipalities if m.is_active_on(datetime.date(y, 1, 1))} | reporters[y]
        )
        for y in years
    }

    planned, result = [], []
    # The programme's indicators as it stood that year (Indicator.objects.as_of).
    for indicator in indicators:
        line = IndicatorLine(indicator)
        rollup = indicator.rollup
        for y in years:
            reported, parts = municipal.get((indicator.pk, y), []), []
            if indicator.service_kind_id:
                reported, parts = service_indicators.merged(indicator, y, reported, offered)
            given = [v for v in reported if gives(v, rollup)]
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
                    parts=parts,
                )
            )
        (planned if indicator.kind == Indicator.Kind.PLANNED_RESULT else result).append(line)
    return planned, result
