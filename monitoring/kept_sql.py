"""The SQL of a few long queries, made once per arguments and run as it is after that.

A cold annual review reads querysets that Django takes longer to build and compile than
PostgreSQL takes to plan: "unchanged since" (monitoring/continuity.py: three nested EXISTS,
four more from counting.py's rule), the year's entries and, for the dashboards, the year's
status tallies. Their SQL depends only on what they are built from (the programme, the year,
whose reports count, the database), never on the data, so `rows()` compiles the queryset once
per builder and arguments and, on every later call with the same ones, only runs the SQL. At
national scale (`sint-1` 2027) building and compiling the first two took 4.4 and 1.7 ms, of
some 75 ms for the review's data (docs/benchmarks.md).

`instances()` does the same for a plain queryset of model instances (the year's
municipalities, its programme elements, the money figures): building and compiling each took
Django 0.3-1.2 ms, on queries that PostgreSQL answers in 0.3-0.8 ms, and `raw()` makes the
instances from the kept SQL as the queryset would, its fields converted the same way.

The key is the builder and its arguments, so a query cannot be kept under a key that leaves
out something it is built from: the builder is a module-level function (not a closure, which
could read more than its arguments), and a model instance among the arguments counts by its
pk. The rows are the database's own tuples: for `values_list` of ids, years and texts, what
the queryset would give; a field Django converts after reading (dates on SQLite, decimals,
JSON) does not belong in such a query (`instances()` converts them).
"""

from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable

# The number of kept queries: a few per programme-year read lately (a process serves a few
# regions' reviews and entry forms), the first kept forgotten first.
MAX_KEPT = 512
# (model, (sql, parameters), plain) by builder and arguments; None: a query that can match no
# row.
_kept: dict[tuple, tuple | None] = {}


def _key_part(argument) -> Hashable:
    if isinstance(argument, Model):
        return (argument._meta.label, argument.pk)
    if isinstance(argument, list | tuple):
        return tuple(_key_part(a) for a in argument)
    return argument


def _is_plain(queryset: QuerySet) -> bool:
    """Whether the queryset's instances are made of its SQL's columns alone, each a field of
    its model: what `raw()` makes of the same SQL."""
    return queryset._iterable_class is ModelIterable and not (
        queryset.query.select_related
        or queryset._prefetch_related_lookups
        or queryset.query.annotation_select
        or queryset._known_related_objects
    )


def _kept_sql(build: Callable[..., QuerySet], arguments: tuple) -> tuple | None:
    """The model, the SQL and whether it is plain (`_is_plain`) of the queryset
    `build(*arguments)` makes on the default database (None: one that can match no row),
    made once per builder and arguments."""
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
        return _kept[key]
    except KeyError:
        pass
    queryset = build(*arguments)
    try:
        kept = (queryset.model, queryset.query.sql_with_params(), _is_plain(queryset))
    except EmptyResultSet:  # e.g. `__in` an empty list: Django runs no query either
        kept = None
    if len(_kept) >= MAX_KEPT:
        _kept.pop(next(iter(_kept)), None)
    _kept[key] = kept
    return kept


def rows(build: Callable[..., QuerySet], *arguments) -> list[tuple]:
    """The rows of the queryset `build(*arguments)` makes, on the default database; its SQL
    kept under the builder and the arguments."""
    kept = _kept_sql(build, arguments)
    if kept is None:
        return []
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(*kept[1])
        return cursor.fetchall()


def instances(build: Callable[..., QuerySet], *arguments) -> list[Model]:
    """The model instances of the queryset `build(*arguments)` makes, on the default database,
    read with its kept SQL through Django's `raw()`: each column set on its field and
    converted as the queryset would. Only for a plain queryset of one model: a join
    (select_related), a prefetch, an annotation or the related instance a related manager
    sets would be lost."""
    kept = _kept_sql(build, arguments)
    if kept is None:
        return []
    model, (sql, params), plain = kept
    if not plain:
        raise TypeError(f"{build.__qualname__}: not a plain queryset of {model.__name__}.")
    return list(model._default_manager.db_manager(DEFAULT_DB_ALIAS).raw(sql, params))
