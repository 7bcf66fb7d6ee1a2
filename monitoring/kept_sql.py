"""The SQL of a few long queries, made once per arguments and run as it is after that.

A cold annual review reads two querysets that Django takes longer to build and compile than
PostgreSQL takes to plan: "unchanged since" (monitoring/continuity.py: three nested EXISTS,
four more from counting.py's rule) and the year's entries. Their SQL depends only on what
they are built from (the programme, the year, whose reports count, the database), never on
the data, so `rows()` compiles the queryset once per `key` and, on every later call with the
same key, only runs the SQL. At national scale (`sint-1` 2027) building and compiling them
took 4.4 and 1.7 ms, of some 75 ms for the review's data (docs/benchmarks.md).

The rows are the database's own tuples: for `values_list` of ids, years and texts, what the
queryset would give; a field Django converts after reading (dates on SQLite, decimals, JSON)
does not belong in such a query.
"""

from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# The number of kept queries: a few per programme-year read lately (a process serves a few
# regions' reviews and entry forms), the oldest forgotten first.
MAX_KEPT = 512
_kept: dict[tuple, tuple[str, tuple] | None] = {}  # None: a query that can match no row


def rows(key: tuple[Hashable, ...], build: Callable[[], QuerySet]) -> list[tuple]:
    """The rows of the queryset `build()` makes, whose SQL is kept under `key`: everything the
    queryset is built from (a model instance by its pk). The default database's."""
    connection = connections[DEFAULT_DB_ALIAS]
    # A test run's databases, or a second database set up later, never share a query.
    full_key = (connection.vendor, connection.settings_dict["NAME"], *key)
    try:
        sql = _kept[full_key]
    except KeyError:
        try:
            sql = build().query.sql_with_params()
        except EmptyResultSet:  # e.g. `__in` an empty list: Django runs no query either
            sql = None
        if len(_kept) >= MAX_KEPT:
            _kept.pop(next(iter(_kept)), None)
        _kept[full_key] = sql
    if sql is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*sql)
        return cursor.fetchall()
