"""Name variants from the seeds resolve to one municipality, and distinct ones stay distinct."""

import pytest

from municipalities.models import Municipality, UnknownMunicipality, normalize_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["Balvi", "Balvu nov.", "Balvu novads", "Balvu nov.-", " balvu  NOV. "]
)
def test_variants_resolve_to_balvu_novads(name):
    assert Municipality.resolve(name, year=2014).name == "Balvu novads"


def test_the_city_and_the_county_of_daugavpils_stay_two():
    city = Municipality.resolve("Daugavpils", year=2014)
    county = Municipality.resolve("Daugavpils nov.", year=2014)
    assert city != county
    assert city.kind == Municipality.Kind.VALSTSPILSETA
    assert county.kind == Municipality.Kind.NOVADS
    assert Municipality.resolve("Dauvapils nov.", year=2014) == county


def test_a_name_means_the_municipality_of_that_year():
    old = Municipality.resolve("Balvu novads", year=2014)
    new = Municipality.resolve("Balvu novads", year=2022)
    assert old != new
    assert old.successor == new
    assert Municipality.resolve("Baltinava", year=2014).successor == new


def test_an_unknown_name_is_refused():
    with pytest.raises(UnknownMunicipality):
        Municipality.resolve("Rīga", year=2014)


def test_a_name_that_no_longer_exists_is_refused_for_later_years():
    with pytest.raises(UnknownMunicipality):
        Municipality.resolve("Baltinava", year=2022)


def test_nov_and_novads_normalise_alike_but_not_the_bare_name():
    assert normalize_name("Ludzas nov.") == normalize_name("Ludzas novads")
    assert normalize_name("Daugavpils") != normalize_name("Daugavpils nov.")
