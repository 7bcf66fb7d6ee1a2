"""The SQL of a few long queries, made once per arguments and run as it is after that.

A cold annual review reads querysets that Django takes longer to build and compile than
PostgreSQL takes to plan: "unchanged since" (monitoring/continuity.py: three nested EXISTS,
four more from counting.py's rule), the year's entries and, for the dashboards, the year's
status tallies. Their SQL depends only on what they are built from (the programme, the year,
whose reports count, the database), never on the data, so `rows()` compiles the queryset once
per builder and arguments and, on every later call with the same ones, only runs the SQL. At
national scale (`sint-1` 2027) building and compiling the first two took 4.4 and 1.7 ms, of
some 75 ms for the review's data (docs/benchmarks.md).

The key is the builder and its arguments, so a query cannot be kept under a key that leaves
out something it is built from: the builder is a module-level function (not a closure, which
could read more than its arguments), and a model instance among the arguments counts by its
pk. The rows are the database's own tuples: for `values_list` of ids, years and texts, what
the queryset would give; a field Django converts after reading (dates on SQLite, decimals,
JSON) does not belong in such a query.
"""

from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet

# The number of kept queries: a few per programme-year read lately (a process serves a few
# regions' reviews and entry forms), the first kept forgotten first.
MAX_KEPT = 512
_kept: dict[tuple, tuple[str, tuple] | None] = {}  # None: a query that can match no row


def _key_part(argument) -> Hashable:
    if isinstance(argument, Model):
        return (argument._meta.label, argument.pk)
    if isinstance(argument, list | tuple):
        return tuple(_key_part(a) for a in argument)
    return argument


def rows(build: Callable[..., QuerySet], *arguments) -> list[tuple]:
    """The rows of the queryset `build(*arguments)` makes, on the default database; its SQL
    kept under the builder and the arguments."""
    if "<locals>" in build.__qualname__:
        raise TypeError(f"{build.__qualname__}: a kept query's builder is a module's function.")
    connection = connections[DEFAULT_DB_ALIAS]
    # A test run's databases, or a second database set up later, never share a query.
    key = (
        connection.vendor,
        connection.settings_dict["NAME"],
        build.__module__,
        build.__qualname__,
        *map(_key_part, arguments),
    )
    try:
        sql = _kept[key]
    except KeyError:
        try:
            sql = build(*arguments).query.sql_with_params()
        except EmptyResultSet:  # e.g. `__in` an empty list: Django runs no query either
            sql = None
        if len(_kept) >= MAX_KEPT:
            _kept.pop(next(iter(_kept)), None)
        _kept[key] = sql
    if sql is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*sql)
        return cursor.fetchall()
