"""Indicators counted from the service catalogues (Indicator.service_kind): "Aprūpes mājās
pakalpojumi … 20 pašvaldībās" is how many municipalities offer home care.

A municipality's value of such an indicator for a year is taken from its counted catalogue
(monitoring/counting.py) when the catalogue lists the service: the number of services of the
kind it lists. A municipality whose catalogue does not list it takes part by the value it
reported for the indicator, if any, as for any indicator; a catalogue that does not list a
service says nothing about it (missing is not zero). The indicator's rule then makes the
region's value: under "number of municipalities" those offering it, under "sum" the services
counted. Each value keeps the list behind it: which municipalities, from which source.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from monitoring.counting import Counting, counted
from municipalities.models import Municipality, ServiceOffer
from programmes.models import Indicator, IndicatorValue, Programme
from reports.rollup import says_yes


@dataclass(frozen=True)
class Part:
    """One municipality's part in a derived value: its number and where it comes from."""

    municipality: Municipality
    value: Decimal
    from_catalogue: bool


# (kind id, year) → municipality id → the number of services of the kind it lists
Offered = dict[tuple[int, int], dict[int, Part]]


def offered(programme: Programme, kind_ids: set[int], year: int, counting: Counting) -> Offered:
    """The counted catalogues' services of the kinds, per kind and year up to `year`, of the
    programme's region: one query, none when no indicator counts a service."""
    parts: Offered = defaultdict(dict)
    if not kind_ids:
        return parts
    offers = counted(
        ServiceOffer.objects.filter(
            kind_id__in=kind_ids, municipality__region=programme.region_id, year__lte=year
        ),
        counting,
    ).select_related("municipality")
    for offer in offers:
        by_municipality = parts[offer.kind_id, offer.year]
        before = by_municipality.get(offer.municipality_id)
        count = (before.value if before else Decimal(0)) + 1
        by_municipality[offer.municipality_id] = Part(offer.municipality, count, True)
    return parts


def _counts(value: Decimal | None, text: str, rollup: str) -> bool:
    if rollup == Indicator.Rollup.COUNT:
        return says_yes(IndicatorValue(value=value, text=text))
    return value is not None and value != 0


def merged(
    indicator: Indicator, year: int, reported: list[IndicatorValue], parts: Offered
) -> tuple[list[IndicatorValue], list[Part]]:
    """The values a tied indicator's rule takes for the year (the catalogue's number where it
    lists the service, else the reported value), and the parts the derived value is made of,
    in the one order of municipalities."""
    from_catalogue = parts.get((indicator.service_kind_id, year), {})
    values = [IndicatorValue(value=part.value, text="") for part in from_catalogue.values()]
    behind = list(from_catalogue.values())
    for value in reported:
        if value.municipality_id in from_catalogue:
            continue
        values.append(value)
        if _counts(value.value, value.text, indicator.rollup):
            behind.append(Part(value.municipality, value.value or Decimal(1), False))
    behind.sort(key=lambda part: part.municipality.order_key())
    return values, behind
