"""Whether a municipality's entry on a task is last year's again, and since when: the one rule
behind "situation unchanged since <year>" on the entry form, the coordinator's review and the
annual review (HTML, PDF, xlsx).

The status is derived, not typed. An entry is unchanged when its status and its text are those
of the municipality's entry on the task the year before; it is unchanged since the first year
of the unbroken run of such years. Only a chosen status makes a situation: two empty drafts
are not one. A year without an entry breaks the run.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext

from monitoring import kept_sql
from monitoring.counting import Counting, counted
from monitoring.models import ProgressEntry
from municipalities.models import Municipality
from programmes.models import Programme

Key = tuple[int, int]  # (node id, municipality id)


def unchanged_since(
    programme: Programme,
    year: int,
    *,
    counting: Counting | None,
    municipality: Municipality | None = None,
) -> dict[Key, int]:
    """(node id, municipality id) → the first year of the run of identical entries that ends
    with `year`, for every entry of `year` that repeats the year before.

    `counting` says whose earlier and current entries count (monitoring/counting.py); None
    reads them all, as a municipality's own report and its reviewer do. One query, whatever
    the number of years: the earlier entries identical to that year's, by one EXISTS.

    Only an entry that repeats last year's can be unchanged, so the EXISTS looks among those
    alone (`last`), and both subqueries name the programme although the task implies it:
    PostgreSQL otherwise hashed every entry of the year in the country, narratives and all,
    and compared each of the programme's 3,600 entries with all its earlier years. At
    national scale (`sint-1` 2027, 15 years) 34 ms, 15 ms this way; 4.4 ms, 6.1 ms at seed
    scale. Whether last year's entry counts is `earlier`'s to say, as before. The query's SQL
    is made once per programme, year, counting and municipality (monitoring/kept_sql.py).
    """
    years: dict[Key, set[int]] = defaultdict(set)
    for node, place, when in kept_sql.rows(
        _earlier_identical, programme, year, counting, municipality
    ):
        years[node, place].add(when)
    since = {}
    for key, same in years.items():
        first = year - 1
        if first not in same:
            continue
        while first - 1 in same:
            first -= 1
        since[key] = first
    return since


def _earlier_identical(
    programme: Programme, year: int, counting: Counting | None, municipality: Municipality | None
) -> QuerySet:
    """(task, municipality, year) of each earlier entry identical to an entry of `year` that
    repeats the year before (`unchanged_since`)."""

    def identical(in_year: int) -> QuerySet:
        """The programme's entries of `in_year` with the outer entry's task, place and text."""
        return ProgressEntry.objects.filter(
            node__programme=programme,
            year=in_year,
            node=OuterRef("node"),
            municipality=OuterRef("municipality"),
            status=OuterRef("status"),
            narrative=OuterRef("narrative"),
        )

    last = identical(year - 1)
    current = identical(year).filter(Exists(last))
    earlier = ProgressEntry.objects.filter(
        node__programme=programme, municipality__isnull=False, year__lt=year
    ).exclude(status="")
    if municipality is not None:
        earlier = earlier.filter(municipality=municipality)
    if counting is not None:
        current, earlier = counted(current, counting), counted(earlier, counting)
    return earlier.filter(Exists(current)).values_list("node_id", "municipality_id", "year")


def unchanged_words(since: int) -> str:
    """The derived status as every page and download writes it."""
    return gettext("Situation unchanged since %(year)s") % {"year": since}
