"""The fixtures' `entries`, `projects` and `surveys`: the reporting workflow's part of
`load_programmes`.

Registered with the fixture loader (programmes/fixture_loader.py), which finds this module by
its name; the nodes and municipalities they refer to are resolved through its `Context`.
"""

from typing import Any

# The service catalogues' sections, registered before the entries'.
from monitoring import catalogue_loading  # noqa: F401
from monitoring.models import (
    PartnerRole,
    ProgressEntry,
    Project,
    ProjectActivity,
    ProjectPartner,
    ProjectResult,
    Status,
)
from monitoring.models.surveys import (
    Audience,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRespondent,
)
from municipalities.models import PlanningRegion, to_eur
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
                "title_en": item.get("title_en") or "",
                "funding_source": item.get("funding_source") or "",
                "budget": as_decimal(item.get("budget")),
                "currency": item.get("currency") or "EUR",
                "budget_text": item.get("budget_text") or "",
                "start": item.get("start") or "",
                "end": item.get("end") or "",
                "duration_text": item.get("duration_text") or "",
                "continued": item.get("continued"),
                "continued_text": item.get("continued_text") or "",
                # A partnership project's description (seed 001); optional, so the files of
                # simple projects (Latgale's table 2.1) stay as they are.
                "duration_months": item.get("duration_months"),
                "source_document": item.get("source_document") or "",
                "background": item.get("background") or "",
                "aims": item.get("aims") or "",
                "target_groups": item.get("target_groups") or [],
                "documents": item.get("documents") or [],
                "programme_priority": item.get("programme_priority") or "",
                "programme_amount": as_decimal(item.get("programme_amount")),
            },
        )
        wanted = {
            context.node(code, f"project {item['title']}").pk for code in item.get("node_codes", [])
        }
        if wanted and set(project.tasks.values_list("pk", flat=True)) != wanted:
            project.tasks.set(wanted)
        _partnership_load(context, project, item)


def _partnership_load(context: Context, project: Project, item: dict[str, Any]) -> None:
    """The project's optional `partners`, `activities` and `results`, each by its position.

    A partner is one of {"municipality": name as the loader resolves it}, {"planning_region":
    slug} or {"name": ..., "country": "LT"}; a result names its partner by that same value.
    """
    where = f"{context.folder}: project {item['title']}"
    partners: dict[str, ProjectPartner] = {}
    parts_eur = []
    for position, entry in enumerate(item.get("partners") or [], start=1):
        role = entry.get("role") or PartnerRole.PARTNER
        if role not in PartnerRole.values:
            raise FixtureError(f"{where}: partner {position}: role {role!r}")
        kinds = [key for key in ("municipality", "planning_region", "name") if entry.get(key)]
        if len(kinds) != 1:
            raise FixtureError(
                f"{where}: partner {position}: give one of municipality, planning_region, name"
            )
        key = entry[kinds[0]]
        region = None
        if kinds == ["planning_region"]:
            region = PlanningRegion.objects.filter(slug=key).first()
            if region is None:
                raise FixtureError(f"{where}: partner {position}: unknown planning region {key}")
        part = as_decimal(entry.get("part"))
        currency = entry.get("currency") or project.currency
        if part is not None:
            parts_eur.append(to_eur(part, currency))
        partners[key] = context.sync(
            ProjectPartner,
            {"project": project, "position": position},
            {
                "role": role,
                "municipality": context.resolve(entry.get("municipality"), project.year),
                "planning_region": region,
                "name": entry.get("name") or "",
                "country": entry.get("country") or "",
                "part": part,
                "currency": currency,
            },
        )
    # The partners' parts are parts of the total: together they cannot exceed it.
    total = to_eur(project.budget, project.currency)
    if parts_eur and total is not None and sum(parts_eur) > total:
        raise FixtureError(f"{where}: the partners' parts exceed the project's budget")
    for number, text in enumerate(item.get("activities") or [], start=1):
        context.sync(ProjectActivity, {"project": project, "number": number}, {"text": text})
    for position, entry in enumerate(item.get("results") or [], start=1):
        named = entry.get("partner")
        if named is not None and named not in partners:
            raise FixtureError(f"{where}: result {position}: unknown partner {named!r}")
        context.sync(
            ProjectResult,
            {"project": project, "position": position},
            {
                "partner": partners.get(named),
                "group": entry.get("group") or "",
                "text": entry["text"],
                "count": entry.get("count"),
            },
        )


@section("surveys")
def surveys_load(context: Context, items: list[dict[str, Any]]) -> None:
    """A published survey (monitoring/models/surveys.py): its questions, each with the
    region's summary and the answers the document attributes, each to a municipality (its
    social service) or to a provider by name. Its `source` names the document: such a
    survey's answers count without a submission."""
    for item in items:
        where = f"{context.folder}: survey {item.get('year')}"
        if not item.get("source"):
            raise FixtureError(f"{where}: a published survey names its source")
        survey = context.sync(
            Survey,
            {"programme": context.programme, "year": item["year"]},
            {
                "title": item["title"],
                "introduction": item.get("introduction") or "",
                "source": item["source"],
            },
        )
        respondents: dict[tuple, SurveyRespondent] = {}
        for entry in item.get("questions") or []:
            if entry["audience"] not in Audience.values:
                raise FixtureError(f"{where}: audience {entry['audience']!r}")
            question = context.sync(
                SurveyQuestion,
                {"survey": survey, "audience": entry["audience"], "number": entry["number"]},
                {"text": entry["text"], "summary": entry.get("summary") or ""},
            )
            for answer in entry.get("answers") or []:
                respondent = _survey_respondent(context, survey, answer, respondents, where)
                if not question.is_asked_of(respondent.kind):
                    raise FixtureError(
                        f"{where}: question {question.number} is not asked of {respondent.label}"
                    )
                context.sync(
                    SurveyAnswer,
                    {"respondent": respondent, "question": question},
                    {"text": answer["text"]},
                )


def _survey_respondent(context, survey, answer, respondents, where) -> SurveyRespondent:
    """The answer's respondent: {"municipality": name} for a social service, resolved as
    every loader resolves names, or {"provider": name}; each made once per survey."""
    if bool(answer.get("municipality")) == bool(answer.get("provider")):
        raise FixtureError(f"{where}: an answer names one municipality or one provider")
    if answer.get("municipality"):
        municipality = context.resolve(answer["municipality"], survey.year)
        if municipality.region_id != context.region.pk:
            raise FixtureError(f"{where}: {municipality} is not in the programme's region")
        key = (SurveyRespondent.Kind.SOCIAL_SERVICE, municipality.pk)
        lookup = {"municipality": municipality}
    else:
        key = (SurveyRespondent.Kind.PROVIDER, answer["provider"])
        lookup = {"name": answer["provider"]}
    if key not in respondents:
        respondents[key] = context.sync(
            SurveyRespondent, {"survey": survey, "kind": key[0], **lookup}, {}
        )
    return respondents[key]
