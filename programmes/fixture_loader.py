"""The fixture loader: the published programmes from fixtures/ into the database.

The fixtures are JSON files written from the seed documents: fixtures/municipalities.json for the
regions and municipalities, fixtures/service_kinds.json for the shared list of kinds of service,
and one folder per programme under fixtures/programmes/ whose files
each hold any of the keys `programme`, `nodes`, `planned_results`, `indicators`, `entries`,
`plans`, `figures`, `projects` and `reviews` (the lists of all files of a folder are concatenated).

Each app loads its own records. This module reads the files and loads what every other record
refers to: regions and municipalities, the programme and its nodes. Every other key of a
folder is a section that an app registers with `@section("entries")` in its own `loading.py`
(programmes/loading.py for indicators, plans and figures, monitoring/loading.py, ...), which
`programmes_load()` imports first through `autodiscover_modules("loading")`, as the admin finds
`admin.py`. Sections run in the order they were registered (the apps' in INSTALLED_APPS order),
each given the folder's `Context` and the list under its key; a key no section registered is
refused.

Loading is idempotent: a record is written only when it is new or differs from the fixture, so a
second run changes nothing (and leaves no history). Nothing that is not in the fixtures is deleted.
The whole load is one transaction: a fixture that fails loads nothing at all.
"""

import datetime
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.module_loading import autodiscover_modules
from django.utils.text import slugify

from municipalities.models import (
    Municipality,
    MunicipalityAlias,
    PlanningRegion,
    ServiceKind,
    UnknownMunicipality,
)
from programmes.models import PolicyResult, Programme, ProgrammeNode

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
# The keys this module reads itself, before any section: the programme's head and its tree.
HEAD_KEYS = ("programme", "nodes")


class FixtureError(Exception):
    """A fixture that cannot be loaded; the message names the file and the record."""


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def count(self, model: type[models.Model], action: str) -> None:
        getattr(self, action)[model._meta.verbose_name_plural] += 1

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


def as_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def added(model: type[models.Model], item: dict[str, Any], where: str) -> list[str]:
    """The item's `added` list: the names of its fields whose values the source does not give
    (programmes/models added_field); a name that is not a field of the model is refused."""
    names = item.get("added") or []
    unknown = sorted(set(names) - {f.name for f in model._meta.concrete_fields})
    if unknown:
        raise FixtureError(f"{where}: added names unknown fields {unknown}")
    return list(names)


def _validate(obj: models.Model) -> None:
    # Related objects come from this load, so checking that they exist would only cost a query.
    relations = [f.name for f in obj._meta.fields if f.is_relation]
    obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


def _sync(
    report: LoadReport,
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
) -> models.Model:
    """Create the record, or update only the fields that differ from the fixture.

    Field validation runs in Python; uniqueness and constraints are left to the database,
    whose error aborts the whole load.
    """
    obj = model.objects.filter(**lookup).order_by().first()
    if obj is None:
        obj = model(**lookup, **values)
        _validate(obj)
        obj.save()
        report.count(model, "created")
        return obj
    changed = [name for name, value in values.items() if _current(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        _validate(obj)
        obj.save()
        report.count(model, "updated")
    else:
        report.count(model, "unchanged")
    return obj


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FixtureError(f"{path}: {exc}") from exc


def load_municipalities(report: LoadReport, path: Path) -> None:
    data = _read(path)
    regions = {
        item["slug"]: _sync(
            report,
            PlanningRegion,
            {"slug": item["slug"]},
            {"name": item["name"], "short_name": item["short_name"]},
        )
        for item in data["regions"]
    }
    # Successors first: the 2021 municipalities are the ones with a start date.
    items = sorted(data["municipalities"], key=lambda item: item["valid_from"] is None)
    by_name: dict[str, Municipality] = {}
    for item in items:
        successor = by_name.get(item["successor"]) if item["successor"] else None
        if item["successor"] and successor is None:
            raise FixtureError(f"{path}: {item['name']}: unknown successor {item['successor']}")
        valid_from = _date(item["valid_from"])
        slug = slugify(item["name"]) + (f"-{valid_from.year}" if valid_from else "")
        municipality = _sync(
            report,
            Municipality,
            {"name": item["name"], "valid_from": valid_from},
            {
                "slug": slug,
                "kind": item["kind"],
                "region": regions[item["region"]],
                "valid_until": _date(item["valid_until"]),
                "successor": successor,
            },
        )
        if valid_from:
            by_name[item["name"]] = municipality
        for alias in [item["name"], *item["aliases"]]:
            _sync(report, MunicipalityAlias, {"municipality": municipality, "name": alias}, {})


def load_service_kinds(report: LoadReport, path: Path) -> None:
    """The shared list of kinds of service (municipalities/models/catalogue.py), in its order;
    the programmes' indicators and the municipalities' catalogues refer to them by slug."""
    for position, item in enumerate(_read(path)["service_kinds"], start=1):
        values = {"name": item["name"], "position": position}
        _sync(report, ServiceKind, {"slug": item["slug"]}, values)


class _Resolver:
    """Municipality names as the seeds write them, resolved once per name and year."""

    def __init__(self, source: Path):
        self.source = source
        self.cache: dict[tuple[str, int], Municipality] = {}

    def __call__(self, name: str | None, year: int) -> Municipality | None:
        if name is None:
            return None
        if (name, year) not in self.cache:
            try:
                self.cache[name, year] = Municipality.resolve(name, year=year)
            except UnknownMunicipality as exc:
                raise FixtureError(
                    f"{self.source}: unknown municipality {name!r} in {year}"
                ) from exc
        return self.cache[name, year]


@dataclass(frozen=True)
class Context:
    """What a section handler gets of the programme folder being loaded."""

    report: LoadReport
    folder: Path
    programme: Programme
    region: PlanningRegion
    policy_results: list[PolicyResult]
    resolve: Callable[[str | None, int], Municipality | None]
    nodes: dict[str, ProgrammeNode]

    def node(self, code: str | None, what: str) -> ProgrammeNode | None:
        """The node of this programme with that code; `what` names the referrer in the error."""
        if code is None:
            return None
        if code not in self.nodes:
            raise FixtureError(f"{self.folder}: {what} refers to unknown node {code}")
        return self.nodes[code]

    def sync(
        self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
    ) -> models.Model:
        """`_sync` into this load's report."""
        return _sync(self.report, model, lookup, values)


Handler = Callable[[Context, list[dict[str, Any]]], None]
_SECTIONS: dict[str, Handler] = {}


def section(key: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the loader of the fixtures' list under `key`."""

    def register(handler: Handler) -> Handler:
        known = _SECTIONS.get(key, handler)
        # The same function again is a module imported twice, not a second loader.
        if key in HEAD_KEYS or _name(known) != _name(handler):
            raise ValueError(f"fixture key {key!r} already has a loader: {_name(known)}")
        _SECTIONS[key] = handler
        return handler

    return register


def _name(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def load_programme(report: LoadReport, folder: Path) -> Programme:
    parts = {path: _read(path) for path in sorted(folder.glob("*.json"))}
    # The file holding the programme (and its top-level nodes) goes first.
    parts = dict(sorted(parts.items(), key=lambda item: "programme" not in item[1]))
    heads = [data["programme"] for data in parts.values() if "programme" in data]
    if len(heads) != 1:
        raise FixtureError(f"{folder}: exactly one file must hold the 'programme' key")
    lists: dict[str, list] = {key: [] for key in ("nodes", *_SECTIONS)}
    for path, data in parts.items():
        unknown = set(data) - set(lists) - {"programme"}
        if unknown:
            raise FixtureError(f"{path}: unknown keys {sorted(unknown)}")
        for key, items in data.items():
            if key != "programme":
                lists[key].extend(items)

    head = heads[0]
    region = PlanningRegion.objects.get(slug=head["region"])
    programme = _sync(
        report,
        Programme,
        {"slug": head["slug"]},
        {
            "region": region,
            "title": head["title"],
            "period_start": head["period_start"],
            "period_end": head["period_end"],
            "target_year": head["target_year"],
            "description": head.get("description", ""),
            "main_goal": head.get("main_goal", ""),
            "sub_goals": head.get("sub_goals", []),
            "source": head.get("source", ""),
            "added": added(Programme, head, str(folder)),
        },
    )
    policy_results = [
        _sync(report, PolicyResult, {"programme": programme, "position": position}, {"text": text})
        for position, text in enumerate(head.get("policy_results", []), start=1)
    ]

    nodes: dict[str, ProgrammeNode] = {}
    for item in lists["nodes"]:
        parent = nodes.get(item["parent"]) if item["parent"] else None
        if item["parent"] and parent is None:
            raise FixtureError(f"{folder}: node {item['code']}: parent {item['parent']} not before")
        nodes[item["code"]] = _sync(
            report,
            ProgrammeNode,
            {"programme": programme, "code": item["code"]},
            {
                "parent": parent,
                "kind": item["kind"],
                "title": item["title"],
                "description": item.get("description") or "",
                "responsible": item.get("responsible") or "",
                "review_year": item.get("review_year"),
                "review_code": item.get("review_code") or "",
                "review_title": item.get("review_title") or "",
                "added": added(ProgrammeNode, item, f"{folder}: node {item['code']}"),
            },
        )

    context = Context(
        report=report,
        folder=folder,
        programme=programme,
        region=region,
        policy_results=policy_results,
        resolve=_Resolver(folder),
        nodes=nodes,
    )
    for key, handler in _SECTIONS.items():
        handler(context, lists[key])
    return programme


def programmes_load(*, fixtures_dir: Path = FIXTURES_DIR) -> LoadReport:
    """Load regions, municipalities and every programme folder; all or nothing."""
    autodiscover_modules("loading")
    report = LoadReport()
    with transaction.atomic():
        load_municipalities(report, fixtures_dir / "municipalities.json")
        load_service_kinds(report, fixtures_dir / "service_kinds.json")
        for folder in sorted(p for p in (fixtures_dir / "programmes").iterdir() if p.is_dir()):
            load_programme(report, folder)
    return report


def _current(obj, name: str):
    """The field's value to compare; for a foreign key, the related row's id as an unsaved
    stand-in, so that comparing does not fetch the related row from the database."""
    field = obj._meta.get_field(name)
    if not field.many_to_one:
        return getattr(obj, name)
    pk = getattr(obj, field.attname)
    return None if pk is None else field.related_model(pk=pk)
