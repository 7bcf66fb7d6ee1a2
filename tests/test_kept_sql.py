"""monitoring/kept_sql.py: a query's SQL is made once per key and run anew each time, so its
rows are always the data's as it is now."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring import kept_sql
from municipalities.models import PlanningRegion

pytestmark = pytest.mark.django_db


class Builds:
    """A queryset builder that counts how often it is asked for the queryset."""

    def __init__(self, **filters):
        self.filters = filters
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return (
            PlanningRegion.objects.filter(**self.filters)
            .order_by("slug")
            .values_list("slug", "name")
        )


def test_the_rows_are_the_querysets_and_its_sql_is_made_once():
    PlanningRegion.objects.create(slug="a-kept", name="A", short_name="A")
    build = Builds(slug__endswith="-kept")
    key = ("kept test", "once")
    assert kept_sql.rows(key, build) == list(build())
    build.calls = 0
    with CaptureQueriesContext(connection) as queries:
        again = kept_sql.rows(key, build)
    assert again == [("a-kept", "A")]
    assert build.calls == 0  # the SQL kept
    assert len(queries) == 1  # and run


def test_the_kept_sql_reads_the_data_as_it_is_now():
    build = Builds(slug__endswith="-now")
    key = ("kept test", "now")
    assert kept_sql.rows(key, build) == []
    PlanningRegion.objects.create(slug="b-now", name="B", short_name="B")
    assert kept_sql.rows(key, build) == [("b-now", "B")]
    assert build.calls == 1


def test_another_key_is_another_query():
    PlanningRegion.objects.create(slug="c-one", name="C", short_name="C")
    PlanningRegion.objects.create(slug="d-two", name="D", short_name="D")
    assert kept_sql.rows(("kept test", "one"), Builds(slug="c-one")) == [("c-one", "C")]
    assert kept_sql.rows(("kept test", "two"), Builds(slug="d-two")) == [("d-two", "D")]


def test_a_query_that_can_match_nothing_runs_no_sql():
    build = Builds(slug__in=[])
    with CaptureQueriesContext(connection) as queries:
        assert kept_sql.rows(("kept test", "empty"), build) == []
        assert kept_sql.rows(("kept test", "empty"), build) == []
    assert len(queries) == 0
    assert build.calls == 1


def test_the_oldest_query_is_forgotten_first(monkeypatch):
    monkeypatch.setattr(kept_sql, "_kept", {})
    monkeypatch.setattr(kept_sql, "MAX_KEPT", 2)
    builds = [Builds(slug=f"e-{n}") for n in range(3)]
    for n, build in enumerate(builds):
        kept_sql.rows(("kept test", "order", n), build)
    kept_sql.rows(("kept test", "order", 0), builds[0])
    kept_sql.rows(("kept test", "order", 2), builds[2])
    assert [b.calls for b in builds] == [2, 1, 1]
