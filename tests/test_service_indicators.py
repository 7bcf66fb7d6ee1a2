"""Indicators counted from the service catalogues (reports/service_indicators.py): "how many
municipalities offer home care" is derived from the approved catalogues, shown with the
municipalities behind the number in the review (page, PDF, workbook) and on the programme page;
a catalogue in a draft report does not count until the report is approved."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from monitoring import services
from monitoring.catalogue import CatalogueData
from monitoring.counting import Counting
from municipalities.models import ServiceKind, ServiceOffer
from programmes.models import Indicator, Programme
from reports.review import annual_review
from tests.factories import municipality_create, programme_create
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db


def _lv(msgid: str) -> str:
    with translation.override("lv"):
        return gettext(msgid)


def _from_catalogues(*names: str) -> str:
    return f"{_lv('From the service catalogues')}: {', '.join(names)}"


def _home_care_line(review):
    return next(line for line in review.planned_results if line.indicator.code == "2")


def _year(line, year):
    return next(v for v in line.values if v.year == year)


def test_the_fixtures_tie_the_counting_indicators_to_kinds_of_service():
    zemgale = Indicator.objects.filter(programme__slug="zemgale", kind="planned_result")
    home_care = zemgale.get(code="2")  # "Katrā pašvaldībā ir nodrošināti mājas aprūpes ..."
    assert (home_care.service_kind.slug, home_care.rollup) == ("aprupe-majas", "count")
    respite = zemgale.get(code="4")  # "pakalpojuma sniedzēji": services counted
    assert (respite.service_kind.slug, respite.rollup) == ("atelpas-bridis", "sum")
    kurzeme = Indicator.objects.filter(programme__slug="kurzeme")
    assert kurzeme.get(code="2").service_kind.slug == "aprupe-majas"  # "… 20 pašvaldībās"
    assert kurzeme.get(code="6").service_kind.slug == "krizes-centrs"  # "… 13 pašvaldībās"
    assert kurzeme.get(code="19").service_kind is None  # "1 reģionā": a region's milestone


def test_the_review_derives_home_care_from_jelgavas_published_catalogue():
    line = _home_care_line(annual_review(Programme.objects.get(slug="zemgale"), 2014))
    assert [v.year for v in line.values] == [2010, 2011, 2012, 2013, 2014]
    latest = _year(line, 2014)
    assert (latest.derived, latest.given, latest.active) == (Decimal(1), 1, 22)
    assert [p.municipality.name for p in latest.parts_from_catalogue] == ["Jelgava"]
    # The region's typed "22 pašvaldības" stays beside the derived value.
    assert latest.typed_value == Decimal(22) and latest.difference == Decimal(-21)
    rule = _lv("number of municipalities offering “%(service)s” (service catalogues)")
    assert line.rule == rule % {"service": "aprūpe mājās"}


def test_a_published_year_keeps_the_value_its_review_gave(client, people):
    """Zemgale's 2014 review said 22 municipalities; Jelgava's catalogue alone, of the same
    year, cannot make that 1: the typed value counts, the derived one is shown beside it."""
    line = _home_care_line(annual_review(Programme.objects.get(slug="zemgale"), 2014))
    latest = _year(line, 2014)
    assert latest.typed_counts and not latest.is_derived
    assert latest.value == Decimal(22) and line.percent == 100
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("reports:review", args=["zemgale", 2014])).content.decode()
    row = html[html.index("Katrā pašvaldībā ir nodrošināti mājas aprūpes") :]
    row = row[: row.index("</tr>")]
    derived = _lv("from the municipalities' data") + ": 1"
    assert derived in row and _from_catalogues("Jelgava") in row


def test_a_service_no_catalogue_lists_derives_nothing():
    review = annual_review(Programme.objects.get(slug="zemgale"), 2014)
    respite = next(line for line in review.planned_results if line.indicator.code == "4")
    assert all(not v.is_derived for v in respite.values)  # the typed "3" stays the value


def test_the_review_page_pdf_and_workbook_show_the_municipalities_behind(
    client, people, zemgale_2014_pdf
):
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("reports:review", args=["zemgale", 2014])).content.decode()
    assert _from_catalogues("Jelgava") in html
    assert _from_catalogues("Jelgava") in words(pdf_text(zemgale_2014_pdf))
    response = client.get(reverse("reports:xlsx", args=["zemgale", 2014]))
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    sheet = book[book.sheetnames[1]]  # the planned results
    header = [cell.value for cell in sheet[1]]
    column = header.index(_lv("Municipalities counted"))
    row = next(r for r in sheet.iter_rows(2, values_only=True) if r[0] == "2" and r[6] == 2014)
    assert row[column] == _from_catalogues("Jelgava")
    assert row[9] == 1  # derived, as a number


def test_the_programme_page_names_the_service_an_indicator_counts(client):
    """The programme page shows the region's own values only (monitoring/counting.py); what
    the catalogues give, with the municipalities behind it, is the review's."""
    html = client.get(reverse("programmes:detail", args=["zemgale"])).content.decode()
    rule = _lv("number of municipalities offering “%(service)s” (service catalogues)")
    assert escape(rule % {"service": "aprūpe mājās"}) in html
    assert _from_catalogues("Jelgava") not in html


def _dobele_offers_home_care(people, zemgale_round):
    """Dobele's 2015 report lists home care in its catalogue, saved as a draft."""
    submission = zemgale_round.submissions.get(municipality=people.dobele)
    nodes = services.reportable_nodes(zemgale_round.programme)
    home_care = ServiceKind.objects.get(slug="aprupe-majas")
    return services.submission_save(
        submission=submission,
        by=people.dobele_staff,
        version=0,
        data=services.SubmissionData(
            entries={n.pk: {"status": "implemented"} for n in nodes},
            catalogue=CatalogueData(
                offers=[{"kind": home_care.pk, "clients": 40, "delete": False}],
                year={},
            ),
        ),
    )


def test_a_catalogue_in_a_draft_does_not_count_until_approved(people, zemgale_round):
    programme = zemgale_round.programme
    draft = _dobele_offers_home_care(people, zemgale_round)
    assert ServiceOffer.objects.get(municipality=people.dobele, year=2015).clients == 40

    def offering(counting):
        line = _home_care_line(annual_review(programme, 2015, counting=counting))
        found = [v for v in line.values if v.year == 2015]
        return [p.municipality.name for p in found[0].parts] if found else []

    # The 2015 round is open: Jelgava's published 2015 list waits for its report too.
    assert offering(Counting.APPROVED) == [] and offering(Counting.HANDED_IN) == []
    submitted = services.submission_submit(submission=draft, by=people.dobele_staff)
    assert offering(Counting.HANDED_IN) == ["Dobeles novads"]  # the dashboards
    assert offering(Counting.APPROVED) == []  # not the review
    services.submission_approve(submission=submitted, by=people.zemgale_coordinator)
    assert offering(Counting.APPROVED) == ["Dobeles novads"]


def test_a_municipality_without_the_service_in_its_catalogue_takes_part_by_its_value(
    people, zemgale_round
):
    programme = zemgale_round.programme
    indicator = programme.indicators.get(kind="planned_result", code="2")
    submission = zemgale_round.submissions.get(municipality=people.jelgava)
    nodes = services.reportable_nodes(programme)
    saved = services.submission_save(
        submission=submission,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(
            entries={n.pk: {"status": "implemented"} for n in nodes},
            # Jelgava's catalogue lists home care: its typed "0" is not what counts.
            indicator_values={indicator.pk: {"value": Decimal(0), "text": ""}},
        ),
    )
    approved = services.submission_approve(
        submission=services.submission_submit(submission=saved, by=people.jelgava_staff),
        by=people.zemgale_coordinator,
    )
    dobele = services.submission_submit(
        submission=services.submission_save(
            submission=zemgale_round.submissions.get(municipality=people.dobele),
            by=people.dobele_staff,
            version=0,
            data=services.SubmissionData(
                entries={n.pk: {"status": "implemented"} for n in nodes},
                indicator_values={indicator.pk: {"value": None, "text": "jā"}},
            ),
        ),
        by=people.dobele_staff,
    )
    services.submission_approve(submission=dobele, by=people.zemgale_coordinator)
    assert approved.is_approved
    value = _year(_home_care_line(annual_review(programme, 2015)), 2015)
    assert value.derived == Decimal(2)
    assert [p.municipality.name for p in value.parts_from_catalogue] == ["Jelgava"]
    assert [p.municipality.name for p in value.parts_reported] == ["Dobeles novads"]


# --- the same queries whatever the number of municipalities and services -------------------


def _review_queries(client, programme) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("reports:review", args=[programme.slug, 2014]))
    return len(queries)


@pytest.mark.parametrize("municipalities", [3, 20])
def test_a_counted_service_adds_one_query_whatever_the_size(
    client, people, django_assert_num_queries, municipalities
):
    client.force_login(people.national)
    kind = ServiceKind.objects.get(slug="aprupe-majas")

    def region_offering(tied: bool):
        programme = programme_create(blocks=1, tasks_per_block=2, indicators=2)
        programme.indicators.update(
            rollup=Indicator.Rollup.COUNT, service_kind=kind if tied else None
        )
        towns = [municipality_create(programme.region) for _ in range(municipalities)]
        for town in towns:
            for year in (2013, 2014):
                ServiceOffer.objects.create(municipality=town, year=year, kind=kind, clients=5)
        return programme, towns

    without = _review_queries(client, region_offering(tied=False)[0])
    programme, towns = region_offering(tied=True)
    # the review's own queries and one for the catalogues' services
    with django_assert_num_queries(without + 1):
        response = client.get(reverse("reports:review", args=[programme.slug, 2014]))
    assert response.content.decode().count(towns[-1].name) >= 2
