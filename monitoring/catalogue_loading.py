"""The fixtures' `service_offers`, `staff_counts` and `catalogue_years`: the municipalities'
service catalogues (municipalities/models/catalogue.py), registered with the fixture loader
(programmes/fixture_loader.py) when monitoring/loading.py imports it. The catalogue is part of a
municipality's yearly report, so it is loaded here, above the models it fills.

A year without a reporting round counts as published (monitoring/counting.py), so what these
fixtures hold is on the public pages as soon as it is loaded.
"""

from typing import Any

from municipalities.models import CatalogueYear, ServiceKind, ServiceOffer, StaffCount
from programmes.fixture_loader import Context, FixtureError, as_decimal, section


@section("service_offers")
def service_offers_load(context: Context, items: list[dict[str, Any]]) -> None:
    kinds = {kind.slug: kind for kind in ServiceKind.objects.all()}
    for item in items:
        kind = kinds.get(item["kind"])
        if kind is None:
            raise FixtureError(f"{context.folder}: service offer: unknown service {item['kind']!r}")
        context.sync(
            ServiceOffer,
            {
                "municipality": context.resolve(item["municipality"], item["year"]),
                "year": item["year"],
                "kind": kind,
                "name": item.get("name") or "",
            },
            {
                "provider": item.get("provider") or "",
                "unit_price": as_decimal(item.get("unit_price")),
                "price_unit": item.get("price_unit") or "",
                "price_notes": item.get("price_notes") or "",
                "clients": item.get("clients"),
                "places": item.get("places"),
                "budget": as_decimal(item.get("budget")),
                "currency": item.get("currency") or "EUR",
                "notes": item.get("notes") or "",
            },
        )


@section("staff_counts")
def staff_counts_load(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        context.sync(
            StaffCount,
            {
                "municipality": context.resolve(item["municipality"], item["year"]),
                "year": item["year"],
                "role": item["role"],
            },
            {"count": item["count"]},
        )


@section("catalogue_years")
def catalogue_years_load(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        context.sync(
            CatalogueYear,
            {
                "municipality": context.resolve(item["municipality"], item["year"]),
                "year": item["year"],
            },
            {
                "staff_total": item.get("staff_total"),
                "budget": as_decimal(item.get("budget")),
                "currency": item.get("currency") or "EUR",
                "budget_lines": item.get("budget_lines") or "",
                "to_develop": item.get("to_develop") or "",
            },
        )
