"""The read pages' shared cache, never stale.

A page's expensive part (the review's document, the dashboard's body) is stored in Django's
cache (settings.CACHES, from CACHE_URL) under a key made of what it shows (programme, year,
filters), what its reader may see (language, coordinator's links) and the *data version*: a
random token in the same cache. Every write to the database that a page may read gives the data
a new token, so the next read on any app server that shares the cache misses and computes the
page afresh; the old entries are never read again and expire.

Each process also keeps the values it read or computed lately in its own memory (the "local"
cache, LocMemCache): the key holds the data version read from the shared cache on every
request, so a copy in one server's memory is never served after a write on any server, and a
page served again costs one small read of the shared cache instead of reading the whole page.

What counts as a write is seen where every write passes: the database connection. An execute
wrapper (installed on each connection as it opens) looks at each statement; an INSERT, UPDATE,
DELETE or TRUNCATE of any table but the few no cached page reads (QUIET_TABLES), other than an
UPDATE of columns no page shows (QUIET_COLUMNS: a login's time stamp), gives a new token once
its transaction commits (at once in autocommit). So saves, transitions, imports, fixture loads,
admin edits, bulk_create, update() and the restore command's SQL are all seen, without a signal
per model that a new write path could forget. Writes made outside Django (psql) are not seen:
`manage.py clear_page_cache` gives a new token by hand.

Until its transaction commits, a connection that has written reads its own uncommitted data,
which no other reader sees: such a read neither uses nor fills the cache.
"""

import hashlib
import logging
import re
import secrets
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
LOCAL_ALIAS = "local"
T = TypeVar("T")
_MISSING = object()  # a cached value may itself be None or empty

# The statements that change data, and the table they change.
WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)
        \s+(?:TABLE\s+)?(?:ONLY\s+)?["`]?(?P<table>[\w.]+)""",
    re.IGNORECASE | re.VERBOSE,
)

# Tables no cached page reads: sessions, login throttling, the task queue, the e-mail queue,
# unsaved form drafts (autosaved every few seconds) and a person's own settings.
QUIET_TABLES = frozenset(
    {
        "django_session",
        "axes_accessattempt",
        "axes_accessattemptexpiration",
        "axes_accessfailurelog",
        "axes_accesslog",
        "django_tasks_database_dbtaskresult",
        "monitoring_formdraft",
        "monitoring_message",
        "monitoring_usersettings",
    }
)


# Columns no cached page shows, of tables the pages do read: an UPDATE that sets only these is
# no change. A login writes the person's last_login; were it a change, every login would leave
# every cached page behind, for every reader.
QUIET_COLUMNS = {"auth_user": frozenset({"last_login"})}

# What an UPDATE sets, and each plain assignment of a parameter in it (Django's own UPDATE).
UPDATE_SET = re.compile(r"\sSET\s(?P<set>.*?)\sWHERE\s", re.IGNORECASE | re.DOTALL)
ASSIGNMENT = re.compile(r"""\s*["`]?(?P<column>\w+)["`]?\s*=\s*%s\s*""")


def _sets_quiet_columns_only(table: str, sql: str) -> bool:
    """Whether the statement is an UPDATE of the table's QUIET_COLUMNS alone."""
    quiet = QUIET_COLUMNS.get(table)
    is_update = sql.lstrip()[:6].upper() == "UPDATE"
    match = UPDATE_SET.search(sql) if quiet and is_update else None
    if match is None:
        return False
    assignments = [ASSIGNMENT.fullmatch(part) for part in match.group("set").split(",")]
    return all(a is not None and a.group("column").lower() in quiet for a in assignments)


def _cache():
    return caches[CACHE_ALIAS]


def _version_key() -> str:
    # One version per database: a test database never reads pages made from another one.
    return "pages:version:" + str(connections[DEFAULT_DB_ALIAS].settings_dict["NAME"])


def _quiet_tables() -> frozenset[str]:
    """QUIET_TABLES and, when the cache is a database table, that table (filling the cache is
    no change to the data)."""
    tables = set(QUIET_TABLES)
    for config in settings.CACHES.values():
        if config["BACKEND"].endswith("DatabaseCache"):
            tables.add(config["LOCATION"])
    return frozenset(tables)


def changes_pages(sql: str) -> bool:
    """Whether the statement writes data a page may show."""
    match = WRITE.match(sql)
    if match is None:
        return False
    if match.group(0).lstrip()[:8].upper() == "TRUNCATE":
        return True  # may name several tables
    table = match.group("table").lower()
    return table not in _quiet_tables() and not _sets_quiet_columns_only(table, sql)


def data_changed() -> None:
    """A new data version: every page computed before it is left behind."""
    try:
        _cache().set(_version_key(), uuid.uuid4().hex, None)
    except Exception:
        # The write itself has committed; a cache that cannot be reached serves nothing either.
        logger.exception("The page cache could not be told that the data changed.")


def _pending(connection) -> bool:
    return connection.in_atomic_block and any(
        func is data_changed for _ids, func, _robust in connection.run_on_commit
    )


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if changes_pages(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            data_changed()
        elif not _pending(connection):
            transaction.on_commit(data_changed, using=connection.alias)
    return result


def watch(connection) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def _on_connection_created(sender, connection, **kwargs):
    watch(connection)


def install() -> None:
    """Watch every connection, the ones open now and each one opened later (ready())."""
    connection_created.connect(_on_connection_created, dispatch_uid="page_cache_watch")
    for connection in connections.all(initialized_only=True):
        watch(connection)


def _version() -> str:
    cache = _cache()
    key = _version_key()
    version = cache.get(key)
    if version is None:
        # First read, or the token was evicted: a new one is as safe as any (no page has it).
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def cached(parts: tuple, compute: Callable[[], T]) -> T:
    """What `compute()` returns (any value the cache can pickle), from the cache while the data
    has not changed since.

    `parts` is everything the value depends on besides the data and today's date: the page,
    its programme and year, filters, language, what the reader may see. A read inside a
    transaction that has written computes the value and keeps nothing.
    """
    if _pending(connections[DEFAULT_DB_ALIAS]):
        return compute()
    # Today's date is part of every key: a page counts days left and says when it was prepared.
    today = timezone.localdate()
    key = "pages:" + hashlib.sha256(repr((_version(), today, *parts)).encode()).hexdigest()
    local = caches[LOCAL_ALIAS]
    value = local.get(key, _MISSING)
    if value is _MISSING:
        cache = _cache()
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        local.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def fragment(parts: tuple, render: Callable[[], SafeString]) -> SafeString:
    """The HTML `render()` makes, from the cache while the data has not changed since (kept as
    the SafeString the template made: every cache backend pickles it with its class)."""
    return cached(parts, render)


def page_around(
    request, template_name: str, context: dict, *, name: str, part: str, status: int = 200
) -> HttpResponse:
    """The page `template_name` with `part` (a cached page part, HTML: a `fragment()`) where
    the template writes `{{ <name> }}`, put there once.

    Written by the template, a fragment is copied at each level of the page that holds it:
    each node list of the Django template language joins its parts into a new string and makes
    a SafeString of it, another copy. The page is drawn around a marker instead, and the
    part takes the marker's place. For the national review's 787 KiB document, four levels
    deep in review.html and base.html: the template 6.0 -> 2.7 ms alone, the page from the
    cache 8.3-8.9 -> 7.7-7.8 ms (best of 60; median 10.3-10.8 -> 8.6-8.8 ms)."""
    # An HTML comment of this function's own: the name is a template variable's.
    marker = mark_safe(f"<!-- {name} {secrets.token_hex(8)} -->")  # noqa: S308  # nosec B308 B703
    html = render_to_string(template_name, {**context, name: marker}, request)
    head, found, tail = html.partition(marker)
    if not found or marker in tail:
        raise ValueError(f"{template_name} must write {{{{ {name} }}}} once.")
    return HttpResponse([head, part, tail], status=status)
