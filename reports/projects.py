"""The review's projects of a year: the projects, those of them already counted the year
before, the year's total, and the municipalities that list none and why.

A project reported for the year before by the same municipality, with the same title and the
same budget, is the same project reported again (Latgale's table 2.1 lists Līvāni's two ESF
projects of 2012-2014 with their whole budget in 2013 and again in 2014): it is shown, marked,
and its budget is left out of the year's total, so a sum over the years counts it once. A
project whose budget changed (Rēzekne's, a part spent each year) counts in each year.

A project with partners (seed 001) counts in the review of its `region`, the lead partner's
planning region, with its total budget: the partners' parts are parts of that total, never
added to it. A municipality of any region that is one of its partners lists it on its own
pages (`partnerships_of`).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch

from monitoring.counting import Counting, counted
from monitoring.models import Project, ProjectPartner, ProjectResult
from municipalities.models import Municipality, YearlyFigures, to_eur


def _key(project: Project) -> tuple:
    return (project.municipality_id, project.title, project.budget, project.currency)


def partnership_prefetches() -> list[Prefetch]:
    """What a project's partnership shows: its partners and its counted results, one query
    each whatever the number of projects."""
    return [
        Prefetch(
            "partners",
            queryset=ProjectPartner.objects.select_related("municipality", "planning_region"),
        ),
        Prefetch(
            "results",
            queryset=ProjectResult.objects.select_related(
                "partner__municipality", "partner__planning_region"
            ),
        ),
    ]


@dataclass
class Partnership:
    """A project's lead partner and partners with their parts of the money, and its counted
    results grouped by partner (the whole project's first)."""

    project: Project
    partners: list[ProjectPartner]
    results: list[tuple[ProjectPartner | None, list[ProjectResult]]]

    @classmethod
    def of(cls, project: Project, *, always: bool = False) -> "Partnership | None":
        """From the prefetched partners and results (partnership_prefetches); None for a
        project without partners, which shows as a simple project, unless `always` (the
        project's own page shows results even without partners)."""
        partners = list(project.partners.all())
        if not partners and not always:
            return None
        by_partner: dict[int | None, list[ProjectResult]] = {}
        for result in project.results.all():
            by_partner.setdefault(result.partner_id, []).append(result)
        results = [(None, by_partner[None])] if None in by_partner else []
        results += [(p, by_partner[p.pk]) for p in partners if p.pk in by_partner]
        return cls(project=project, partners=partners, results=results)

    @property
    def lead(self) -> ProjectPartner | None:
        return next((p for p in self.partners if p.is_lead), None)


def partnerships_of(municipality: Municipality) -> list[Project]:
    """The projects, of any region, that count (monitoring/counting.py) and have the
    municipality among their partners, newest first; `partner_role` is its role there."""
    return list(
        counted(Project.objects.filter(partners__municipality=municipality), Counting.APPROVED)
        .annotate(partner_role=F("partners__role"))
        .select_related("region")
        .order_by("-year", "title")
    )


@dataclass
class YearProjects:
    year: int
    projects: list[Project] = field(default_factory=list)
    # (municipality, YearlyFigures.NoProjects label) where the year lists no project and says why
    without: list[tuple[Municipality, str]] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        year: int,
        projects: list[Project],
        figures: list[YearlyFigures],
    ) -> "YearProjects":
        """From the projects of `year` and the year before (one query) and the municipalities'
        figures of `year`; sets `repeated` on each project of `year`."""
        before = {_key(p) for p in projects if p.year == year - 1}
        current = [p for p in projects if p.year == year]
        for project in current:
            project.repeated = project.budget is not None and _key(project) in before
            project.partnership = Partnership.of(project)
        without = [
            (f.municipality, f.get_no_projects_display())
            for f in figures
            if f.year == year and f.no_projects
        ]
        return cls(year=year, projects=current, without=without)

    @property
    def without_by_reason(self) -> list[tuple[str, list[Municipality]]]:
        """(reason, municipalities) for each reason a municipality gave for listing none."""
        reasons: dict[str, list[Municipality]] = {}
        for municipality, reason in self.without:
            reasons.setdefault(reason, []).append(municipality)
        return list(reasons.items())

    @property
    def repeated(self) -> list[Project]:
        return [p for p in self.projects if p.repeated]

    @property
    def partnerships(self) -> list[Partnership]:
        return [p.partnership for p in self.projects if p.partnership]

    @property
    def total_eur(self) -> Decimal | None:
        """The budgets of the year's projects in euro, each project counted once (a
        partnership by its total, its partners' parts being parts of it); None when no
        project gives a budget."""
        budgets = [
            to_eur(p.budget, p.currency)
            for p in self.projects
            if p.budget is not None and not p.repeated
        ]
        return sum(budgets, Decimal(0)) if budgets else None


def project_for_page(pk: int) -> Project | None:
    """The project with everything its page shows, if it counts (monitoring/counting.py: the
    page is public, so a municipality's project shows once its report is approved): its
    region's programmes, partners, activities, results and the programme's tasks it serves,
    a query each."""
    return (
        counted(Project.objects.filter(pk=pk), Counting.APPROVED)
        .select_related("region", "municipality")
        .prefetch_related(
            "region__programmes",
            "activities",
            "tasks__programme",
            *partnership_prefetches(),
        )
        .first()
    )
