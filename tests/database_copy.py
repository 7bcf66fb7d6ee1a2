"""A copy of the test database as loaded once for the session, put back after a transactional
test has emptied it.

A test in real transactions (a live server, threads) ends with Django's flush: every table
emptied. Loading the programmes again through the fixture loader takes seconds (thousands of
records, each compared and saved with its history); copying the rows back takes a fraction of
that. The copy is taken right after `programmes_load()`, so it is what that load writes, and
nothing a test did.

The rows go back in one transaction. The order of the tables does not matter: Django creates
every foreign key deferred, checked when the transaction commits, on SQLite and PostgreSQL.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass
class DatabaseCopy:
    # SQLite: each table's columns and rows. PostgreSQL: each table's rows in COPY's binary form.
    rows: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)
    copies: dict[str, bytes] = field(default_factory=dict)


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def database_copy() -> DatabaseCopy:
    """Every table's rows as they are now."""
    copy = DatabaseCopy()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _tables():
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT BINARY)") as out:
                    copy.copies[table] = b"".join(bytes(chunk) for chunk in out)
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - Django's tables
                columns = [column[0] for column in cursor.description]
                copy.rows[table] = (columns, cursor.fetchall())
    return copy


def database_restore(copy: DatabaseCopy) -> None:
    """Replace every table's rows with the copy's (what the flush's own post-migrate step wrote,
    content types and permissions, goes too: the copy holds them with their original ids)."""
    quote = connection.ops.quote_name
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in tables))
            for table, data in copy.copies.items():
                with cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT BINARY)") as into:
                    into.write(data)
            # The ids came back with the rows; the sequences must continue after them.
            models = apps.get_models(include_auto_created=True)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - Django's tables
            for table, (columns, rows) in copy.rows.items():
                if rows:
                    names = ", ".join(quote(column) for column in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    insert = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608
                    cursor.executemany(insert, rows)
