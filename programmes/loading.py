"""The fixtures' `planned_results`, `indicators`, `plans`, `figures`, `proposals` and
`amendments`: the records of programmes/ and municipalities/ that refer to a programme's nodes,
registered with the fixture loader (programmes/fixture_loader.py) like every app's own."""

import datetime
from typing import Any

from municipalities.models import ServiceKind, YearlyFigures
from programmes.fixture_loader import Context, FixtureError, added, as_decimal, section
from programmes.models import (
    Amendment,
    AmendmentChange,
    Indicator,
    IndicatorValue,
    PlannedQuantity,
    Proposal,
)


def _service_kind(context: Context, item: dict[str, Any]) -> ServiceKind | None:
    """The kind of service an indicator counts from the catalogues (fixtures/service_kinds.json)."""
    slug = item.get("service_kind")
    if not slug:
        return None
    kind = ServiceKind.objects.filter(slug=slug).first()
    if kind is None:
        raise FixtureError(f"{context.folder}: indicator {item['code']}: unknown service {slug!r}")
    return kind


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
                "service_kind": _service_kind(context, item),
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
                "service_kind": _service_kind(context, item),
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


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@section("proposals")
def _proposals(context: Context, items: list[dict[str, Any]]) -> None:
    """Proposals made to the programme with the region's decision on each; a proposal is
    known by who made it and its text."""
    for number, item in enumerate(items, start=1):
        where = f"proposal {number}"
        decision = item.get("decision") or Proposal.Decision.PENDING
        if decision not in Proposal.Decision.values:
            raise FixtureError(f"{context.folder}: {where}: unknown decision {decision!r}")
        reason = item.get("reason") or ""
        if decision != Proposal.Decision.PENDING and not reason:
            raise FixtureError(f"{context.folder}: {where}: a decision needs its reason")
        included_in = context.node(item.get("included_in"), where)
        if decision == Proposal.Decision.INCLUDED_ELSEWHERE and included_in is None:
            raise FixtureError(f"{context.folder}: {where}: say where it was included")
        submitted_on = _day(item.get("submitted_on"))
        year = submitted_on.year if submitted_on else context.programme.period_start
        context.sync(
            Proposal,
            {
                "programme": context.programme,
                "municipality": context.resolve(item.get("municipality"), year),
                "text": item["text"],
            },
            {
                "submitted_on": submitted_on,
                "node": context.node(item.get("node"), where),
                "decision": decision,
                "reason": reason,
                "included_in": included_in,
                "decided_on": _day(item.get("decided_on")),
                "decided_how": item.get("decided_how") or "",
            },
        )


# A change's key naming an indicator, and the kind of indicator it names.
_INDICATOR_KEYS = {
    "indicator": Indicator.Kind.RESULT_INDICATOR,
    "planned_result": Indicator.Kind.PLANNED_RESULT,
}
# The field of the changed element that says which amendment added or removed it.
_AMENDED_BY = {AmendmentChange.Kind.ADDED: "added_in", AmendmentChange.Kind.REMOVED: "removed_in"}


def _indicator(context: Context, change: dict[str, Any], where: str) -> Indicator | None:
    for key, kind in _INDICATOR_KEYS.items():
        if change.get(key) is not None:
            found = Indicator.objects.filter(
                programme=context.programme, kind=kind, code=change[key]
            ).first()
            if found is None:
                raise FixtureError(
                    f"{context.folder}: {where} refers to unknown {key} {change[key]}"
                )
            return found
    return None


@section("amendments")
def _amendments(context: Context, items: list[dict[str, Any]]) -> None:
    """Amendments of the programme and what each changed; an element an amendment added or
    removed gets it as its `added_in` / `removed_in` (programmes/models/changes.py)."""
    for item in items:
        amendment = context.sync(
            Amendment,
            {
                "programme": context.programme,
                "starts_on": _day(item["starts_on"]),
                "title": item["title"],
            },
            {
                "ends_on": _day(item.get("ends_on")),
                "reason": item.get("reason") or "",
                "added": added(Amendment, item, f"{context.folder}: amendment {item['title']}"),
            },
        )
        for number, change in enumerate(item.get("changes", []), start=1):
            where = f"amendment {item['title']}, change {number}"
            kind = change.get("kind")
            if kind not in AmendmentChange.Kind.values:
                raise FixtureError(f"{context.folder}: {where}: unknown kind {kind!r}")
            node = context.node(change.get("node"), where)
            indicator = _indicator(context, change, where)
            target = node or indicator
            if kind in _AMENDED_BY:
                if target is None:
                    raise FixtureError(f"{context.folder}: {where}: names no task or indicator")
                target = context.sync(
                    type(target), {"pk": target.pk}, {_AMENDED_BY[kind]: amendment}
                )
            context.sync(
                AmendmentChange,
                {
                    "amendment": amendment,
                    "kind": kind,
                    "node": target if node else None,
                    "indicator": target if indicator else None,
                },
                {"description": change.get("description") or ""},
            )
