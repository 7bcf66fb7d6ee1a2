"""The fixtures' `entries` and `projects`: the reporting workflow's part of `load_programmes`.

Registered with the fixture loader (programmes/fixture_loader.py), which finds this module by
its name; the nodes and municipalities they refer to are resolved through its `Context`.
"""

from typing import Any

from monitoring.models import ProgressEntry, Project, Status
from programmes.fixture_loader import Context, FixtureError, as_decimal, section


@section("entries")
def entries_load(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        if item["status"] not in Status.values:
            raise FixtureError(
                f"{context.folder}: entry on {item['node']}: status {item['status']!r}"
            )
        context.sync(
            ProgressEntry,
            {
                "node": context.node(item["node"], "entry"),
                "municipality": context.resolve(item.get("municipality"), item["year"]),
                "year": item["year"],
            },
            {
                "status": item["status"],
                "narrative": item.get("narrative") or "",
                "quantity": item.get("quantity"),
            },
        )


@section("projects")
def projects_load(context: Context, items: list[dict[str, Any]]) -> None:
    for item in items:
        project = context.sync(
            Project,
            {
                "region": context.region,
                "municipality": context.resolve(item.get("municipality"), item["year"]),
                "year": item["year"],
                "title": item["title"],
            },
            {
                "funding_source": item.get("funding_source") or "",
                "budget": as_decimal(item.get("budget")),
                "currency": item.get("currency") or "EUR",
                "budget_text": item.get("budget_text") or "",
                "start": item.get("start") or "",
                "end": item.get("end") or "",
                "duration_text": item.get("duration_text") or "",
                "continued": item.get("continued"),
                "continued_text": item.get("continued_text") or "",
            },
        )
        wanted = {
            context.node(code, f"project {item['title']}").pk for code in item.get("node_codes", [])
        }
        if wanted and set(project.tasks.values_list("pk", flat=True)) != wanted:
            project.tasks.set(wanted)
