"""Which reports count: the one rule that every page, export and command reads reported data
through.

A municipality's reported data for a year (its progress entries, indicator values, yearly
figures, projects and service catalogue) counts

- for the dashboards (`Counting.HANDED_IN`) once its report for that year is handed in:
  submitted or approved;
- for the annual review and for everything shown beyond the region's own staff and coordinator
  (`Counting.APPROVED`: the public pages, the review's HTML, PDF and workbook) once the
  coordinator has approved it.

Data of a year that has no reporting round (the published data loaded from the source
documents) counts as published, and the planning region's own entries and projects always
count. Until its report counts, a municipality's data is seen only on that report's own pages,
by the municipality's staff and the region's coordinator (monitoring/access.py).

The programme pages (programmes/) show the programme's own region-wide indicator values only,
which always count, so they need not ask.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from django.db import models
from django.db.models import Exists, OuterRef, Q

from monitoring.models import ProgressEntry, Project, ReportingRound, Submission
from municipalities.models import CatalogueYear, ServiceOffer, StaffCount, YearlyFigures
from programmes.models import IndicatorValue


class Counting(StrEnum):
    """Whose reports count."""

    APPROVED = "approved"
    HANDED_IN = "handed_in"

    @property
    def states(self) -> tuple[str, ...]:
        """The submission states whose data counts."""
        if self is Counting.APPROVED:
            return (Submission.State.APPROVED,)
        return Submission.HANDED_IN


@dataclass(frozen=True)
class _Reported:
    """Where a reported model keeps the municipality, the year and (if it has one) the
    programme its rows belong to, as lookups from the model."""

    municipality: str
    year: str
    programme: str | None


# The rows of these models are what municipalities report. Figures and projects belong to a
# municipality and a year, not to one programme: they count by any round of that year in the
# municipality's region.
_REPORTED = {
    ProgressEntry: _Reported("municipality", "year", "node__programme"),
    IndicatorValue: _Reported("municipality", "year", "indicator__programme"),
    YearlyFigures: _Reported("municipality", "year", None),
    Project: _Reported("municipality", "year", None),
    # The service catalogue (municipalities/models/catalogue.py), a municipality's like its figures.
    ServiceOffer: _Reported("municipality", "year", None),
    StaffCount: _Reported("municipality", "year", None),
    CatalogueYear: _Reported("municipality", "year", None),
}


def counted(queryset: models.QuerySet, counting: Counting = Counting.APPROVED) -> models.QuerySet:
    """The rows of `queryset` (of a reported model) that count.

    A row counts when it is the region's own (no municipality), when its year has no
    reporting round, or when the municipality's report in that round is in one of the states
    `counting` names. Two EXISTS in the same query: no query is added, whatever the size.
    """
    return queryset.filter(_counts(queryset.model, Counting(counting)))


@cache
def _counts(model: type[models.Model], counting: Counting) -> Q:
    """`counted`'s condition on a row of `model`, built once per model and counting: Django
    copies an expression as it resolves it into a query, so one serves every query (building
    its two subqueries was a quarter of a ms each time, and a page counts several models)."""
    spec = _REPORTED[model]
    rounds = ReportingRound.objects.filter(year=OuterRef(spec.year))
    reports = Submission.objects.filter(
        round__year=OuterRef(spec.year),
        municipality=OuterRef(spec.municipality),
        state__in=counting.states,
    )
    if spec.programme:
        rounds = rounds.filter(programme=OuterRef(spec.programme))
        reports = reports.filter(round__programme=OuterRef(spec.programme))
    else:
        rounds = rounds.filter(programme__region=OuterRef(f"{spec.municipality}__region"))
    return Q(**{f"{spec.municipality}__isnull": True}) | ~Exists(rounds) | Exists(reports)
