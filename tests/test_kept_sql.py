"""monitoring/kept_sql.py: a query's SQL is made once per builder and arguments and run anew
each time, so its rows (or model instances) are always the data's as it is now."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring import kept_sql
from municipalities.models import Municipality, PlanningRegion

pytestmark = pytest.mark.django_db

builds = Counter()  # how often each builder's queryset was made, by its arguments


def regions(**filters):
    """The regions matching `filters`: what each builder below makes (and counts)."""
    return PlanningRegion.objects.filter(**filters).order_by("slug").values_list("slug", "name")


def slugs_ending(suffix: str):
    builds["ending", suffix] += 1
    return regions(slug__endswith=suffix)


def slug_is(slug: str):
    builds["is", slug] += 1
    return regions(slug=slug)


def slug_in(slugs: list[str]):
    builds["in", tuple(slugs)] += 1
    return regions(slug__in=slugs)


def named_like(region: PlanningRegion):
    builds["like", region.pk] += 1
    return regions(name=region.name)


def towns_of(region_id: int):
    builds["towns", region_id] += 1
    return Municipality.objects.filter(region=region_id).defer("kind").order_by("name")


def towns_with_regions(region_id: int):
    return towns_of(region_id).select_related("region")


def towns_by_manager(region: PlanningRegion):
    return region.municipalities.all()


@pytest.fixture(autouse=True)
def fresh():
    builds.clear()
    kept_sql._kept.clear()


def test_the_rows_are_the_querysets_and_its_sql_is_made_once():
    PlanningRegion.objects.create(slug="a-kept", name="A", short_name="A")
    assert kept_sql.rows(slugs_ending, "-kept") == list(slugs_ending("-kept"))
    builds.clear()
    with CaptureQueriesContext(connection) as queries:
        again = kept_sql.rows(slugs_ending, "-kept")
    assert again == [("a-kept", "A")]
    assert builds["ending", "-kept"] == 0  # the SQL kept
    assert len(queries) == 1  # and run


def test_the_kept_sql_reads_the_data_as_it_is_now():
    assert kept_sql.rows(slugs_ending, "-now") == []
    PlanningRegion.objects.create(slug="b-now", name="B", short_name="B")
    assert kept_sql.rows(slugs_ending, "-now") == [("b-now", "B")]
    assert builds["ending", "-now"] == 1


def test_other_arguments_are_another_query():
    PlanningRegion.objects.create(slug="c-one", name="C", short_name="C")
    PlanningRegion.objects.create(slug="d-two", name="D", short_name="D")
    assert kept_sql.rows(slug_is, "c-one") == [("c-one", "C")]
    assert kept_sql.rows(slug_is, "d-two") == [("d-two", "D")]
    assert kept_sql.rows(slug_in, ["c-one", "d-two"]) == [("c-one", "C"), ("d-two", "D")]


def test_a_model_instance_counts_by_its_pk():
    region = PlanningRegion.objects.create(slug="f-one", name="F", short_name="F")
    assert kept_sql.rows(named_like, region) == [("f-one", "F")]
    assert kept_sql.rows(named_like, PlanningRegion.objects.get(pk=region.pk)) == [("f-one", "F")]
    assert builds["like", region.pk] == 1


def test_a_query_that_can_match_nothing_runs_no_sql():
    with CaptureQueriesContext(connection) as queries:
        assert kept_sql.rows(slug_in, []) == []
        assert kept_sql.rows(slug_in, []) == []
    assert len(queries) == 0
    assert builds["in", ()] == 1


def test_a_builder_that_could_read_more_than_its_arguments_is_refused():
    suffix = "-kept"
    with pytest.raises(TypeError, match="module's function"):
        kept_sql.rows(lambda: regions(slug__endswith=suffix))


def test_the_first_query_kept_is_forgotten_first(monkeypatch):
    monkeypatch.setattr(kept_sql, "MAX_KEPT", 2)
    for slug in ("e-0", "e-1", "e-2"):
        kept_sql.rows(slug_is, slug)
    kept_sql.rows(slug_is, "e-0")
    kept_sql.rows(slug_is, "e-2")
    assert [builds["is", s] for s in ("e-0", "e-1", "e-2")] == [2, 1, 1]


def _fields(town: Municipality) -> dict:
    return {f.attname: getattr(town, f.attname) for f in Municipality._meta.concrete_fields}


def test_instances_are_the_querysets_read_with_the_kept_sql():
    region = PlanningRegion.objects.create(slug="g", name="G", short_name="G")
    Municipality.objects.create(
        region=region, name="Bauska", slug="bauska", kind="novads", valid_until="2021-06-30"
    )
    Municipality.objects.create(region=region, name="Aizkraukle", slug="aizkraukle", kind="novads")
    expected = list(towns_of(region.pk))
    kept = kept_sql.instances(towns_of, region.pk)
    builds.clear()
    with CaptureQueriesContext(connection) as queries:
        again = kept_sql.instances(towns_of, region.pk)
    assert len(queries) == 1 and builds["towns", region.pk] == 0
    for got in (kept, again):
        assert [t.get_deferred_fields() for t in got] == [{"kind"}, {"kind"}]
        assert [t.name for t in got] == ["Aizkraukle", "Bauska"]
        # Converted as the queryset converts it (SQLite gives dates as text).
        assert got[1].valid_until == datetime.date(2021, 6, 30)
        assert [_fields(t) for t in got] == [_fields(t) for t in expected]  # loads "kind"


def test_instances_read_the_data_as_it_is_now():
    region = PlanningRegion.objects.create(slug="h", name="H", short_name="H")
    assert kept_sql.instances(towns_of, region.pk) == []
    town = Municipality.objects.create(region=region, name="Dobele", slug="dobele", kind="novads")
    assert kept_sql.instances(towns_of, region.pk) == [town]
    assert builds["towns", region.pk] == 1


def test_a_queryset_whose_instances_are_more_than_its_columns_is_refused():
    region = PlanningRegion.objects.create(slug="k", name="K", short_name="K")
    with pytest.raises(TypeError, match="not a plain queryset"):
        kept_sql.instances(towns_with_regions, region.pk)  # a join
    with pytest.raises(TypeError, match="not a plain queryset"):
        kept_sql.instances(towns_by_manager, region)  # each town's region set by the manager
    with pytest.raises(TypeError, match="not a plain queryset"):
        kept_sql.instances(slugs_ending, "-k")  # rows, not instances
