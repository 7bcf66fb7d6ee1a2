"""The rule of an indicator (Indicator.rollup): how the municipalities' values of a year make
the region's value. One module, read by the review's indicator lines (reports/indicators.py)
and by the indicators counted from the service catalogues (reports/service_indicators.py)."""

from decimal import Decimal

from programmes.models import Indicator, IndicatorValue

YES = ("jā", "ja", "yes")
CENT = Decimal("0.01")


def says_yes(value: IndicatorValue) -> bool:
    if value.value is not None:
        return value.value >= 1
    return value.text.strip().strip(".!").casefold() in YES


def gives(value: IndicatorValue, rollup: str) -> bool:
    """Whether a municipality's value takes part in the rule: a number, or for a count also a
    "jā"/"nē" in words."""
    if value.value is not None:
        return True
    return rollup == Indicator.Rollup.COUNT and bool(value.text.strip())


def derive(rollup: str, values: list[IndicatorValue]) -> Decimal | None:
    """The region's value from the municipalities' `values` by the rule; None under `region`
    or when none of them gave a value."""
    given = [v for v in values if gives(v, rollup)]
    if rollup == Indicator.Rollup.REGION or not given:
        return None
    if rollup == Indicator.Rollup.COUNT:
        return Decimal(sum(says_yes(v) for v in given))
    total = sum((v.value for v in given), Decimal(0))
    if rollup == Indicator.Rollup.AVERAGE:
        return (total / len(given)).quantize(CENT)
    return total
