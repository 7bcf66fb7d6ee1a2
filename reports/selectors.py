"""Which programmes a person may read, and which of their years have data."""

from django.db.models import Exists, OuterRef

from monitoring import access
from monitoring.models import ProgressEntry, ReportingRound
from programmes.models import Programme


def with_review_years(programmes: list[Programme]) -> list[Programme]:
    """Sets `review_years` on each programme: its years with entries or a round, newest first.

    Two queries for any number of programmes and any amount of data: an EXISTS per candidate
    year (the programme's own years), answered by the entry_year_node index, instead of a
    DISTINCT over every entry in the country.
    """
    if not programmes:
        return programmes
    candidates = sorted({year for programme in programmes for year in programme.years})
    flags = {
        row["pk"]: row
        for row in Programme.objects.filter(pk__in=[p.pk for p in programmes])
        .annotate(
            **{
                f"y{year}": Exists(
                    ProgressEntry.objects.filter(node__programme=OuterRef("pk"), year=year)
                )
                for year in candidates
            }
        )
        .values("pk", *(f"y{year}" for year in candidates))
    }
    rounds = set(
        ReportingRound.objects.filter(programme__in=programmes).values_list("programme_id", "year")
    )
    for programme in programmes:
        programme.review_years = sorted(
            (
                year
                for year in programme.years
                if flags[programme.pk][f"y{year}"] or (programme.pk, year) in rounds
            ),
            reverse=True,
        )
    return programmes


def readable_programmes(user) -> list[Programme]:
    regions = access.reviewable_region_ids(user)
    programmes = Programme.objects.select_related("region")
    if regions is not None:
        programmes = programmes.filter(region_id__in=regions)
    return list(programmes)
