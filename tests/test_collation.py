"""Latvian alphabetical order (municipalities/collation.py): the key, the stored sort names,
and the lists that follow them on SQLite and PostgreSQL alike."""

import datetime
import importlib
import json
import re

import pytest
from django.apps import apps
from django.core import serializers
from django.db import connection
from django.db.models.functions import Collate
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from municipalities.collation import latvian_key
from municipalities.models import Municipality, MunicipalityAlias, PlanningRegion
from tests.factories import municipality_create, region_create

# In Latvian order: a letter with a diacritic right after its base letter.
IN_ORDER = [
    "Aglonas novads",
    "Aizputes novads",
    "Ādažu novads",
    "Cēsu novads",
    "Čaks",
    "Ērgļu novads",
    "Jelgava",
    "Jelgavas novads",
    "Jēkabpils",
    "Jēkabpils novads",
    "Rēzeknes novads",
    "Riebiņu novads",
    "Vārkavas novads",
    "Viļakas novads",
    "Viļānu novads",
    "Zilupes novads",
    "Žīguri",
]
LATVIAN_ALPHABET = "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž"


def _shuffled(names: list[str]) -> list[str]:
    """The names out of order: by their endings."""
    return sorted(names, key=lambda name: name[::-1])


def test_the_key_puts_municipality_names_in_latvian_order():
    assert sorted(_shuffled(IN_ORDER), key=latvian_key) == IN_ORDER
    # Where code point order goes wrong:
    assert sorted(IN_ORDER) != IN_ORDER


def test_case_does_not_count():
    assert latvian_key("JĒKABPILS NOVADS") == latvian_key("Jēkabpils novads")
    assert latvian_key("ŽĪGURI") == latvian_key("žīguri")


def test_space_punctuation_and_digits_come_before_letters():
    names = ["Jelgavas", "Jelgava-", "Jelgava 10", "Jelgava", "Jelgava 2", "Jelgava1"]
    assert sorted(names, key=latvian_key) == [
        "Jelgava",
        "Jelgava 2",
        "Jelgava 10",
        "Jelgava-",
        "Jelgava1",
        "Jelgavas",
    ]


def test_spaces_count_once_and_not_at_the_ends():
    assert latvian_key("  Jelgavas \t novads ") == latvian_key("Jelgavas novads")


def test_letters_latvian_does_not_use_take_their_latin_place():
    names = ["Zilupe", "Xanten", "Pāvilosta", "Rīga", "Quebec", "York", "Wien", "Valka"]
    assert sorted(names, key=latvian_key) == [
        "Pāvilosta",
        "Quebec",
        "Rīga",
        "Valka",
        "Wien",
        "Xanten",
        "York",
        "Zilupe",
    ]


def test_other_accented_letters_follow_their_base_letter():
    names = ["Fabrika", "Émile", "Ēdole", "Ezis", "Öregrund", "Ozols", "Pāvilosta", "Łódź"]
    assert sorted(names, key=latvian_key) == [
        "Ezis",
        "Ēdole",
        "Émile",
        "Fabrika",
        "Łódź",
        "Ozols",
        "Öregrund",
        "Pāvilosta",
    ]


def test_decomposed_letters_sort_as_composed_ones():
    assert latvian_key("Ce\u0304su") == latvian_key("Cēsu")


def test_other_scripts_come_after_latin_letters():
    assert sorted(["Рига", "Žīguri", "Aglona"], key=latvian_key) == ["Aglona", "Žīguri", "Рига"]


@given(st.text())
def test_the_key_is_ascii_digits_alone(text):
    assert re.fullmatch("[0-9]*", latvian_key(text))


@given(st.text(), st.text())
def test_a_longer_name_never_sorts_before_its_beginning(start, rest):
    assert latvian_key(start) <= latvian_key(start + rest)


@given(st.lists(st.text(alphabet=LATVIAN_ALPHABET + LATVIAN_ALPHABET.upper(), max_size=8)))
def test_the_key_sorts_as_the_alphabet_does(names):
    def by_alphabet(name):
        return [LATVIAN_ALPHABET.index(c) for c in name.casefold()]

    in_order = sorted(names, key=latvian_key)
    assert [by_alphabet(n) for n in in_order] == sorted(by_alphabet(n) for n in names)


@pytest.fixture
def region():
    region = region_create()
    for name in _shuffled(IN_ORDER):
        municipality_create(region, name=name)
    return region


@pytest.mark.django_db
def test_the_database_orders_as_python_does(region):
    ordered = list(region.municipalities.in_order())
    assert [m.name for m in ordered] == IN_ORDER
    everyone = list(Municipality.objects.in_order())
    assert everyone == sorted(everyone, key=Municipality.order_key)
    default = list(Municipality.objects.all())
    assert default == sorted(default, key=lambda m: (m.region.sort_name, m.order_key()))


@pytest.mark.django_db
def test_the_older_of_two_municipalities_of_one_name_comes_first(region):
    older = municipality_create(
        region, name="Tālavas novads", valid_until=datetime.date(2021, 6, 30)
    )
    newer = municipality_create(region, name="Tālavas novads", valid_from=datetime.date(2021, 7, 1))
    balvu = [m for m in region.municipalities.in_order() if m.name == "Tālavas novads"]
    assert balvu == [older, newer]
    assert sorted([newer, older], key=Municipality.order_key) == [older, newer]


@pytest.mark.django_db
def test_regions_and_name_variants_are_in_latvian_order(region):
    regions = list(PlanningRegion.objects.all())
    assert regions == sorted(regions, key=lambda r: latvian_key(r.name))
    municipality = region.municipalities.get(name="Jelgava")
    for name in ["Jelgavas pilsēta", "Jelgava, valstspilsēta", "JELGAVA"]:
        MunicipalityAlias.objects.create(municipality=municipality, name=name)
    assert [a.name for a in municipality.aliases.all()] == [
        "JELGAVA",
        "Jelgava, valstspilsēta",
        "Jelgavas pilsēta",
    ]


@pytest.mark.django_db
@pytest.mark.postgresql  # PostgreSQL's collations: left out of the SQLite run
def test_postgresql_orders_the_keys_alike_under_any_collation(region):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collname FROM pg_collation WHERE collname = ANY(%s)",
            [["C", "POSIX", "ucs_basic", "und-x-icu", "lv-x-icu", "en-x-icu", "da-x-icu"]],
        )
        collations = sorted(name for (name,) in cursor.fetchall())
    assert "C" in collations
    expected = [m.pk for m in region.municipalities.in_order()]
    for collation in collations:
        ordered = region.municipalities.order_by(Collate("sort_name", collation))
        assert list(ordered.values_list("pk", flat=True)) == expected, collation


@pytest.mark.django_db
def test_the_municipalities_page_lists_them_in_latvian_order(client, region):
    html = client.get(reverse("municipalities:index")).content.decode()
    section = html.split(f'id="region-{region.slug}"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'<th scope="row"><a href="[^"]*">([^<]*)</a>', section) == IN_ORDER


@pytest.mark.django_db
def test_every_write_keeps_the_sort_name(region):
    municipality = region.municipalities.get(name="Čaks")
    municipality.name = "Ādaži"
    municipality.save(update_fields=["name"])
    municipality.refresh_from_db()
    assert municipality.sort_name == latvian_key("Ādaži")

    region.municipalities.filter(pk=municipality.pk).update(name="Žīguri pagasts")
    municipality.refresh_from_db()
    assert municipality.sort_name == latvian_key("Žīguri pagasts")

    created = Municipality.objects.bulk_create(
        [Municipality(name="Ērberģe", slug="erberge", kind="novads", region=region)]
    )
    assert Municipality.objects.get(pk=created[0].pk).sort_name == latvian_key("Ērberģe")

    created[0].name = "Ēvele"
    Municipality.objects.bulk_update(created, ["name"])
    assert Municipality.objects.get(pk=created[0].pk).sort_name == latvian_key("Ēvele")


@pytest.mark.django_db
def test_fixtures_and_restores_get_the_key_of_today(region):
    """loaddata and restore save raw, past save(): a file's stale or missing key is replaced."""
    municipality = region.municipalities.get(name="Jēkabpils")
    data = json.loads(serializers.serialize("json", [municipality]))
    data[0]["fields"]["sort_name"] = "17"  # as if an older key had written it
    Municipality.objects.filter(pk=municipality.pk).update(sort_name="")
    for obj in serializers.deserialize("json", json.dumps(data)):
        obj.save()
    municipality.refresh_from_db()
    assert municipality.sort_name == latvian_key("Jēkabpils")


@pytest.mark.django_db
def test_the_migration_keys_the_rows_there_were(region):
    migration = importlib.import_module("municipalities.migrations.0005_sort_name")
    Municipality.objects.update(sort_name="")
    PlanningRegion.objects.update(sort_name="")
    migration.fill_sort_names(apps, None)
    assert [m.name for m in region.municipalities.in_order()] == IN_ORDER
    assert not Municipality.objects.filter(sort_name="").exists()
    assert not PlanningRegion.objects.filter(sort_name="").exists()
