"""The home page lists the programmes; a programme page shows its tree, results and indicators."""

import pytest
from django.urls import reverse

from tests.factories import municipality_create, programme_create, region_create

pytestmark = pytest.mark.django_db

# programme + nodes + indicators (with their node) + indicator values + policy results +
# amendments + proposals counted; these programmes have no amendment and no proposal, so
# neither the changes nor a page of proposals is read (tests/test_amendments_pages.py has both)
PROGRAMME_PAGE_QUERIES = 7


def test_home_lists_the_three_programmes_in_latvian(client):
    response = client.get(reverse("programmes:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="lv">' in html
    assert "Sociālo pakalpojumu attīstības programmas" in html
    for title in [
        "Sociālo pakalpojumu attīstības programma 2010.–2016. gadam Zemgales reģionā",
        "Kurzemes plānošanas reģiona sociālo pakalpojumu attīstības programma",
        "Latgales plānošanas reģiona sociālo pakalpojumu attīstības programma 2010. - 2017. gadam",
    ]:
        assert title in html


def test_a_browser_asking_for_english_still_gets_latvian(client):
    response = client.get(reverse("programmes:index"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="lv">' in response.content.decode()
    assert response["Content-Language"] == "lv"


def test_home_is_switchable_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("programmes:index")).content.decode()
    assert '<html lang="en">' in html
    assert "Social services development programmes" in html


def test_home_has_a_fixed_number_of_queries(client, django_assert_num_queries):
    for _ in range(3):
        programme_create(blocks=1, tasks_per_block=1, indicators=1)
    with django_assert_num_queries(1):
        client.get(reverse("programmes:index"))


def test_programme_page_shows_tasks_in_code_order_with_responsible_party(client):
    html = client.get(reverse("programmes:detail", args=["zemgale"])).content.decode()
    assert html.index(">1.9<") < html.index(">1.10<") < html.index(">1.11<") < html.index(">2.1<")
    assert "Vienots uzticības telefons visām reģiona pašvaldībām." in html
    assert "Plānošanas reģions" in html
    assert "Pašvaldības un plānošanas reģions" in html
    assert "Izveidots atelpas brīža pakalpojums reģionā" in html  # a planned result
    assert "Darbojas 3 pakalpojumu sniedzēji" in html  # achieved by 2014


def test_programme_page_shows_kurzeme_indicators_and_plans(client):
    html = client.get(reverse("programmes:detail", args=["kurzeme"])).content.decode()
    assert "Reģistrētais sociālo pakalpojumu sniedzēju skaits" in html
    assert "120 reģionā (attīstīti uz esošās bāzes)" in html
    assert "53+22=75" in html
    assert "67 (20 pašvaldībās)" in html  # action 1.2.5 planned in all 20 municipalities


def test_programme_page_shows_latgale_goals(client):
    html = client.get(reverse("programmes:detail", args=["latgale"])).content.decode()
    assert html.index(">SM2.1<") < html.index(">SM2.1 1.1<") < html.index(">SM2.1 1.1.1<")
    assert html.index(">SM2.1 7.3.1<") < html.index(">SM2.2<") < html.index(">SM2.2 1.1<")
    assert "Specifiskais mērķis" in html


def test_unknown_programme_is_404(client):
    assert client.get(reverse("programmes:detail", args=["vidzeme"])).status_code == 404


@pytest.mark.parametrize("size", [(1, 2, 2), (6, 12, 30)])
def test_programme_page_has_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    blocks, tasks, indicators = size
    programme = programme_create(blocks=blocks, tasks_per_block=tasks, indicators=indicators)
    with django_assert_num_queries(PROGRAMME_PAGE_QUERIES):
        response = client.get(programme.get_absolute_url())
    assert response.content.decode().count('class="code"') == blocks * tasks * 2 + indicators


def test_municipality_pages_show_lineage_and_figures(client):
    html = client.get(reverse("municipalities:index")).content.decode()
    assert "Augšdaugavas novads" in html
    html = client.get(reverse("municipalities:detail", args=["daugavpils"])).content.decode()
    assert "6 888 969,00 €" in html or "6\xa0888\xa0969,00 €" in html
    html = client.get(reverse("municipalities:detail", args=["ciblas-novads"])).content.decode()
    assert "nav datu" in html
    assert "Ludzas novads" in html  # became part of


@pytest.mark.parametrize("count", [2, 25])
def test_municipality_pages_have_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    region = region_create()
    successor = municipality_create(region)
    for _ in range(count):
        municipality_create(region, successor=successor)
    with django_assert_num_queries(2):
        client.get(reverse("municipalities:index"))
    # + 1: its services' trends (reports/selectors.py service_trends), + 1: the projects it
    # is a partner of (reports/projects.py partnerships_of), + 1: the year of its latest
    # catalogue (none here, so nothing more; tests/test_municipality_trends.py has one)
    with django_assert_num_queries(4 + 1 + 1 + 1):
        client.get(successor.get_absolute_url())
