"""A municipality's services over the years (reports/selectors.py service_trends): clients and
cost in euro, lats converted and marked, as a chart with the table of its numbers, on the
public municipality page and the dashboard's municipality page. Jelgava's home care 2010–2014
is the example."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from monitoring import services
from monitoring.catalogue import CatalogueData
from monitoring.counting import Counting
from monitoring.models import Membership
from municipalities.models import ServiceKind, ServiceOffer
from reports.selectors import service_trends
from tests.factories import municipality_create, programme_create

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def _lv(msgid: str) -> str:
    with translation.override("lv"):
        return gettext(msgid)


def _section(html: str) -> str:
    return html[html.index('id="h-trends"') :]


def test_jelgavas_home_care_is_a_trend_in_euro(people):
    trends = service_trends(people.jelgava, Counting.APPROVED)
    home_care = next(t for t in trends if t.kind.slug == "aprupe-majas")
    assert home_care.clients == [(2010, 175), (2011, 189), (2012, 169), (2013, 193), (2014, 201)]
    assert [str(cost) for _, cost in home_care.costs] == [
        "157962.96",  # Ls 111 017 ÷ 0,702804
        "169639.05",
        "195519.66",
        "201320.71",
        "201645.00",  # reported in euro
    ]
    assert [p.converted for p in home_care.points] == [True, True, True, True, False]
    # Jelgava's 2015 home care has a price but no clients or cost: not a point of the trend.
    assert 2015 not in [p.year for p in home_care.points]


def test_the_public_page_shows_the_chart_and_its_table(client, people):
    html = _section(client.get(people.jelgava.get_absolute_url()).content.decode())
    chart = re.search(r'<svg[^>]*class="chart trend".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in chart and "<title>" in chart and "<desc>" in chart
    assert "2010: 175; 2011: 189; 2012: 169; 2013: 193; 2014: 201" in chart
    assert ">2014</text>" in chart  # the years are written, not left to colour
    costs = re.findall(r'<svg[^>]*class="chart trend".*?</svg>', html, re.S)[1]
    assert f"2010 *: 157{NBSP}963" in costs and f"2014: 201{NBSP}645" in costs
    # the table beside it: euro, the amount as reported, converted years marked
    assert '<th scope="row">2010 *</th>' in html
    assert f"157{NBSP}962,96 €" in html and f"111{NBSP}017,00 LVL" in html
    assert f"201{NBSP}645,00 €" in html and '<th scope="col"' in html
    assert "0,702804" in html  # the one lats rate, stated


def test_the_dashboard_municipality_page_shows_the_trend(client, people):
    client.force_login(people.zemgale_coordinator)
    response = client.get(reverse("dashboard:municipality", args=["zemgale", "jelgava"]))
    html = _section(response.content.decode())
    assert "Aprūpe mājās" in html and f"137{NBSP}412,00 LVL" in html


def test_a_year_in_a_draft_report_is_not_on_the_public_page(client, people, jelgava_submission):
    kind = ServiceKind.objects.get(slug="aprupe-majas")
    nodes = services.reportable_nodes(jelgava_submission.round.programme)
    # Jelgava's 2015 home care, with its clients, saved in the draft of its 2015 report.
    home_care = ServiceOffer.objects.get(municipality=people.jelgava, year=2015, kind=kind)
    services.submission_save(
        submission=jelgava_submission,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(
            entries={n.pk: {"status": "implemented"} for n in nodes},
            catalogue=CatalogueData(
                offers=[
                    {
                        "id": home_care.pk,
                        "kind": kind.pk,
                        "provider": home_care.provider,
                        "unit_price": home_care.unit_price,
                        "price_unit": home_care.price_unit,
                        "price_notes": home_care.price_notes,
                        "notes": home_care.notes,
                        "clients": 777,
                        "delete": False,
                    }
                ],
            ),
        ),
    )
    assert ServiceOffer.objects.get(pk=home_care.pk).clients == 777
    page = client.get(people.jelgava.get_absolute_url())
    html = _section(page.content.decode())
    assert "777" not in html and ">2015<" not in html
    # The catalogue shown is the latest that counts: 2014's, not the draft's 2015.
    assert page.context["catalogue"].year == 2014
    assert "777" not in _catalogue(page.content.decode())


def test_a_municipality_without_a_trend_gets_an_empty_state(client, people):
    html = client.get(people.dobele.get_absolute_url()).content.decode()
    assert _lv("No service has clients or cost reported for two years or more.") in _section(html)
    assert _lv("No service catalogue of this municipality has been published.") in html


def _catalogue(html: str) -> str:
    return html[html.index('id="services-title"') : html.index('id="h-trends"')]


def test_the_public_page_shows_the_latest_published_catalogue(client, people):
    """Jelgava's 2015 catalogue (seed 004): its services with provider and price, its staff by
    role, its budget in three lines and the services it still has to develop."""
    html = client.get(people.jelgava.get_absolute_url()).content.decode()
    with translation.override("lv"):
        heading = gettext("Services in %(year)s") % {"year": 2015}
    assert heading in html
    text = re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", _catalogue(html)))
    assert "3,80 EUR / stunda" in text and "Jelgavas sociālo lietu pārvalde" in text
    assert "trūcīgām personām – bezmaksas" in text
    assert "Sociālie darbinieki 27" in text.replace(" — ", " ")
    assert f"4{NBSP}516{NBSP}992,00 €" in text
    assert "pirktie pakalpojumi no citām pašvaldībām – 379 114 EUR" in text
    assert "ģimenes asistenta pakalpojums augsta riska ģimenēm" in text


@pytest.mark.parametrize(("kinds", "years"), [(1, 2), (8, 7)])
def test_the_pages_take_the_same_queries_at_two_sizes(
    client, people, django_assert_num_queries, kinds, years
):
    programme = programme_create(blocks=1, tasks_per_block=2, indicators=1)
    town = municipality_create(programme.region)
    for kind in ServiceKind.objects.all()[:kinds]:
        for year in range(2016 - years, 2016):
            ServiceOffer.objects.create(
                municipality=town, year=year, kind=kind, clients=year - 2000, budget=1000
            )
    # the municipality with its aliases and predecessors, its figures, its partnerships, its
    # services' trends, and its latest catalogue (its year, then its services, staff and year)
    with django_assert_num_queries(6 + 4):
        response = client.get(town.get_absolute_url())
    assert response.content.decode().count('class="chart trend"') == 2 * kinds
    council = get_user_model().objects.create_user(f"padome-{kinds}")
    Membership.objects.create(user=council, role="council", region=programme.region)
    client.force_login(council)
    # the dashboard's municipality page (tests/test_dashboards.py) with the trends' one query
    with django_assert_num_queries(11):
        response = client.get(reverse("dashboard:municipality", args=[programme.slug, town.slug]))
    assert response.content.decode().count('class="chart trend"') == 2 * kinds
