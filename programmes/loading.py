"""The fixtures' `planned_results`, `indicators`, `plans` and `figures`: the records of
programmes/ and municipalities/ that refer to a programme's nodes, registered with the fixture
loader (programmes/fixture_loader.py) like every app's own."""

from typing import Any

from municipalities.models import YearlyFigures
from programmes.fixture_loader import Context, added, as_decimal, section
from programmes.models import Indicator, IndicatorValue, PlannedQuantity


@section("planned_results")
def _planned_results(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        indicator = context.sync(
            Indicator,
            {
                "programme": context.programme,
                "kind": Indicator.Kind.PLANNED_RESULT,
                "code": item["code"],
            },
            {
                "title": item["title"],
                "unit": item.get("unit") or "",
                "target_value": as_decimal(item.get("target_value")),
                "target_text": item.get("target_text") or "",
                "target_year": item["target_year"],
                "rollup": item.get("rollup") or Indicator.Rollup.REGION,
                "node": context.node(item.get("node"), f"planned result {item['code']}"),
                "added": added(Indicator, item, f"{context.folder}: planned result {item['code']}"),
            },
        )
        if item.get("achieved_text") or item.get("achieved_value") is not None:
            context.sync(
                IndicatorValue,
                {"indicator": indicator, "municipality": None, "year": item["achieved_year"]},
                {
                    "value": as_decimal(item.get("achieved_value")),
                    "text": item.get("achieved_text") or "",
                },
            )


@section("indicators")
def _indicators(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        indicator = context.sync(
            Indicator,
            {
                "programme": context.programme,
                "kind": Indicator.Kind.RESULT_INDICATOR,
                "code": item["code"],
            },
            {
                "title": item["title"],
                "unit": item.get("unit") or "",
                "direction": item.get("direction") or Indicator.Direction.INCREASE,
                "baseline_value": as_decimal(item.get("baseline_value")),
                "baseline_text": item.get("baseline_text") or "",
                "baseline_year": item.get("baseline_year"),
                "target_value": as_decimal(item.get("target_value")),
                "target_text": item.get("target_text") or "",
                "target_year": item["target_year"],
                "data_source": item.get("data_source") or "",
                "rollup": item.get("rollup") or Indicator.Rollup.REGION,
                "node": context.node(item.get("node"), f"indicator {item['code']}"),
                "added": added(Indicator, item, f"{context.folder}: indicator {item['code']}"),
            },
        )
        for value in item.get("values", []):
            context.sync(
                IndicatorValue,
                {
                    "indicator": indicator,
                    "municipality": context.resolve(value.get("municipality"), value["year"]),
                    "year": value["year"],
                },
                {"value": as_decimal(value.get("value")), "text": value.get("text") or ""},
            )


@section("plans")
def _plans(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        context.sync(
            PlannedQuantity,
            {
                "node": context.node(item["node"], "plan"),
                "municipality": context.resolve(
                    item.get("municipality"), context.programme.period_start
                ),
            },
            {"quantity": as_decimal(item.get("quantity")), "note": item.get("note") or ""},
        )


@section("figures")
def _figures(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        context.sync(
            YearlyFigures,
            {
                "municipality": context.resolve(item["municipality"], item["year"]),
                "year": item["year"],
            },
            {
                "currency": item.get("currency") or "EUR",
                "clients": item.get("clients"),
                "recipients": item.get("recipients"),
                "no_projects": item.get("no_projects") or "",
                **{name: as_decimal(item.get(name)) for name in YearlyFigures.MONEY_FIELDS},
            },
        )
