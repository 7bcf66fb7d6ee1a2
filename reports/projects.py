"""The review's projects of a year: the projects, those of them already counted the year
before, the year's total, and the municipalities that list none and why.

A project reported for the year before by the same municipality, with the same title and the
same budget, is the same project reported again (Latgale's table 2.1 lists Līvāni's two ESF
projects of 2012-2014 with their whole budget in 2013 and again in 2014): it is shown, marked,
and its budget is left out of the year's total, so a sum over the years counts it once. A
project whose budget changed (Rēzekne's, a part spent each year) counts in each year.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from monitoring.models import Project
from municipalities.models import Municipality, YearlyFigures, to_eur


def _key(project: Project) -> tuple:
    return (project.municipality_id, project.title, project.budget, project.currency)


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
    def total_eur(self) -> Decimal | None:
        """The budgets of the year's projects in euro, each project counted once; None when
        no project gives a budget."""
        budgets = [
            to_eur(p.budget, p.currency)
            for p in self.projects
            if p.budget is not None and not p.repeated
        ]
        return sum(budgets, Decimal(0)) if budgets else None
