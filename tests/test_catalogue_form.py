"""The report's "Services" section (monitoring/catalogue.py): social services keep their
catalogue current in the yearly report, a new year starts from last year's list, wrong input
comes back as typed, and the coordinator reads it on the review page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from monitoring import rules, services
from monitoring.catalogue import OFFER_PREFIX, STAFF_PREFIX, YEAR_PREFIX
from municipalities.models import (
    CatalogueYear,
    ServiceKind,
    ServiceOffer,
    StaffCount,
)
from programmes.models import Programme
from tests.factories import municipality_create, programme_create
from tests.report_posts import _form_data
from tests.test_submission_queries import ENTRY_FORM_QUERIES, REVIEW_PAGE_QUERIES

pytestmark = pytest.mark.django_db


def _lv(message) -> str:
    with translation.override("lv"):
        return str(message)


def _value(bound) -> str:
    value = bound.value()
    return "" if value is None else str(value)


def _section(page) -> dict[str, str]:
    """The section as a browser sends it back untouched: every row as the page shows it."""
    section = page.catalogue
    data = {}
    for formset in (section.offers, section.staff):
        management = formset.management_form
        data.update({management[n].html_name: _value(management[n]) for n in management.fields})
        for form in formset:
            for name in form.fields:
                if name != "DELETE":
                    data[form[name].html_name] = _value(form[name])
    year_form = section.year_form
    data.update({year_form[n].html_name: _value(year_form[n]) for n in year_form.fields})
    return data


def _post(client, submission, **changes):
    page = client.get(submission.get_absolute_url()).context["page"]
    data = {**_form_data(submission), **_section(page), **changes}
    return client.post(submission.get_absolute_url(), data)


def _row(page, kind: str, name: str = "") -> int:
    """The index of the form row of that service."""
    kind_id = ServiceKind.objects.get(slug=kind).pk
    for index, form in enumerate(page.catalogue.offers):
        if form.initial.get("kind") == kind_id and (form.initial.get("name") or "") == name:
            return index
    raise LookupError(kind)


@pytest.fixture
def round_2016(people):
    """Zemgale's 2016 round: the first year after Jelgava's published 2015 catalogue."""
    return services.round_open(
        programme=Programme.objects.get(slug="zemgale"),
        year=2016,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        by=people.zemgale_coordinator,
    )


@pytest.fixture
def jelgava_2016(round_2016, people):
    return round_2016.submissions.get(municipality=people.jelgava)


def test_the_form_shows_the_years_catalogue_to_edit(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    response = client.get(jelgava_submission.get_absolute_url())
    html = response.content.decode()
    assert 'id="services-title"' in html and 'href="#services-title"' in html
    assert "Higiēnas centrs" in html and 'value="3.8"' in html  # home care's price per hour
    assert "trūcīgām personām – bezmaksas" in html
    assert 'value="Sociālie darbinieki"' in html and 'value="27"' in html
    assert not response.context["page"].catalogue.prefilled  # 2015 has its own list


def test_a_new_year_starts_from_last_years_list(client, people, jelgava_2016):
    client.force_login(people.jelgava_staff)
    response = client.get(jelgava_2016.get_absolute_url())
    page = response.context["page"]
    assert page.catalogue.prefilled
    html = response.content.decode()
    with translation.override("lv"):
        notice = gettext("Taken from the report for %(year)s") % {"year": 2015}
    assert notice in html
    home_care = page.catalogue.offers[_row(page, "aprupe-majas")]
    assert _value(home_care["unit_price"]) == "3.8"
    assert _value(home_care["price_notes"]) == "trūcīgām personām – bezmaksas"
    flats = page.catalogue.offers[_row(page, "grupu-dzivoklis")]
    # The year's own numbers are not carried: last year's are shown beside them.
    assert _value(flats["clients"]) == "" and _value(flats["budget"]) == ""
    assert not ServiceOffer.objects.filter(year=2016).exists()  # nothing saved by opening

    response = _post(client, jelgava_2016)
    assert response.status_code == 302
    carried = ServiceOffer.objects.filter(municipality=people.jelgava, year=2016)
    assert (
        carried.count()
        == ServiceOffer.objects.filter(municipality=people.jelgava, year=2015).count()
    )
    home_care = carried.get(kind__slug="aprupe-majas")
    assert (home_care.unit_price, home_care.price_unit) == (Decimal("3.80"), "stunda")
    assert carried.get(kind__slug="grupu-dzivoklis").clients is None
    assert (
        StaffCount.objects.get(
            municipality=people.jelgava, year=2016, role="Sociālie darbinieki"
        ).count
        == 27
    )
    year = CatalogueYear.objects.get(municipality=people.jelgava, year=2016)
    assert year.staff_total == 110 and year.budget is None
    assert year.to_develop_lines[0] == "ģimenes asistenta pakalpojums augsta riska ģimenēm"
    # Last year's catalogue is as it was, and the new year's is no longer prefilled.
    assert (
        ServiceOffer.objects.get(
            municipality=people.jelgava, year=2015, kind__slug="grupu-dzivoklis"
        ).clients
        == 13
    )
    page = client.get(jelgava_2016.get_absolute_url()).context["page"]
    assert not page.catalogue.prefilled


def test_a_prefilled_row_can_be_removed_before_saving(client, people, jelgava_2016):
    client.force_login(people.jelgava_staff)
    page = client.get(jelgava_2016.get_absolute_url()).context["page"]
    index = _row(page, "krizes-istaba")
    response = _post(client, jelgava_2016, **{f"{OFFER_PREFIX}-{index}-DELETE": "on"})
    assert response.status_code == 302
    saved = ServiceOffer.objects.filter(municipality=people.jelgava, year=2016)
    assert saved.exists() and not saved.filter(kind__slug="krizes-istaba").exists()


def test_it_edits_adds_and_removes_services_and_staff(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    page = client.get(jelgava_submission.get_absolute_url()).context["page"]
    flats = _row(page, "grupu-dzivoklis")
    beds = _row(page, "socialas-gultas")
    new = len(page.catalogue.offers) - 1  # the empty row
    respite = ServiceKind.objects.get(slug="atelpas-bridis")
    response = _post(
        client,
        jelgava_submission,
        **{
            f"{OFFER_PREFIX}-{flats}-clients": "14",
            f"{OFFER_PREFIX}-{beds}-DELETE": "on",
            f"{OFFER_PREFIX}-{new}-kind": str(respite.pk),
            f"{OFFER_PREFIX}-{new}-provider": "Biedrība",
            f"{OFFER_PREFIX}-{new}-unit_price": "12,50",
            f"{OFFER_PREFIX}-{new}-price_unit": "diennakts",
            f"{STAFF_PREFIX}-7-role": "Ģimenes asistenti",
            f"{STAFF_PREFIX}-7-count": "2",
        },
    )
    assert response.status_code == 302
    offers = ServiceOffer.objects.filter(municipality=people.jelgava, year=2015)
    assert offers.get(kind__slug="grupu-dzivoklis").clients == 14
    assert not offers.filter(kind__slug="socialas-gultas").exists()
    added = offers.get(kind=respite)
    assert (added.provider, added.unit_price, added.price_unit) == (
        "Biedrība",
        Decimal("12.50"),
        "diennakts",
    )
    assert added.history.first().history_user == people.jelgava_staff
    assert StaffCount.objects.get(municipality=people.jelgava, year=2015, role="Ģimenes asistenti")


def test_wrong_input_comes_back_as_typed_with_the_reasons(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    page = client.get(jelgava_submission.get_absolute_url()).context["page"]
    new = len(page.catalogue.offers) - 1
    kind = ServiceKind.objects.get(slug="atelpas-bridis")
    response = _post(
        client,
        jelgava_submission,
        **{
            f"{OFFER_PREFIX}-{new}-kind": str(kind.pk),
            f"{OFFER_PREFIX}-{new}-unit_price": "2,50",
            f"{OFFER_PREFIX}-{new}-clients": "daudz",
            f"{OFFER_PREFIX}-{new}-notes": "Jauns pakalpojums ģimenēm.",
            f"{STAFF_PREFIX}-7-role": "Juristi",
            f"{YEAR_PREFIX}-staff_total": "-3",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert _lv(rules.PRICE_WITHOUT_UNIT) in html
    assert _lv(rules.ROLE_WITHOUT_COUNT) in html
    assert _lv(rules.NEGATIVE_NUMBER) in html
    assert _lv(rules.NOT_A_NUMBER) % {"value": "daudz"} in html.replace("&quot;", '"')
    # What was typed is still in the form, and nothing was saved.
    assert 'value="2,50"' in html and 'value="daudz"' in html and 'value="Juristi"' in html
    assert "Jauns pakalpojums ģimenēm." in html
    assert not ServiceOffer.objects.filter(kind=kind).exists()
    assert not StaffCount.objects.filter(role="Juristi").exists()


def test_a_service_listed_twice_is_refused(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    page = client.get(jelgava_submission.get_absolute_url()).context["page"]
    new = len(page.catalogue.offers) - 1
    home_care = ServiceKind.objects.get(slug="aprupe-majas")
    response = _post(client, jelgava_submission, **{f"{OFFER_PREFIX}-{new}-kind": home_care.pk})
    assert response.status_code == 400
    assert _lv(rules.SERVICE_LISTED_TWICE) in response.content.decode()


def test_a_post_without_the_section_leaves_the_catalogue_as_it_is(
    client, people, jelgava_submission
):
    before = ServiceOffer.objects.filter(municipality=people.jelgava, year=2015).count()
    client.force_login(people.jelgava_staff)
    response = client.post(jelgava_submission.get_absolute_url(), _form_data(jelgava_submission))
    assert response.status_code == 302
    assert ServiceOffer.objects.filter(municipality=people.jelgava, year=2015).count() == before


def test_the_coordinator_reads_the_catalogue_on_the_review_page(client, people, jelgava_submission):
    nodes = services.reportable_nodes(jelgava_submission.round.programme)
    saved = services.submission_save(
        submission=jelgava_submission,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(entries={n.pk: {"status": "implemented"} for n in nodes}),
    )
    services.submission_submit(submission=saved, by=people.jelgava_staff)
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("monitoring:review", args=[saved.pk])).content.decode()
    section = html[html.index('id="services-title"') : html.index('id="projects-title"')]
    assert "<input" not in section and "<select" not in section  # read-only
    assert "Higiēnas centrs" in section and "3,80 EUR / stunda" in section
    assert "35\xa0974,00 €" in section  # the group flats' budget, grouped as Latvian writes
    assert "Sociālie darbinieki" in section and ">27<" in section
    assert "4\xa0516\xa0992,00 €" in section  # the social service's budget of the year
    assert "mobilā aprūpe mājās" in section
    assert '<th scope="col"' in section


# --- the same queries whatever the size of the catalogue -------------------------------


@pytest.mark.parametrize("services_count", [2, 30])
def test_the_entry_form_and_review_take_the_same_queries(
    client, django_assert_num_queries, services_count
):
    from django.contrib.auth import get_user_model

    from monitoring.models import Membership

    programme = programme_create(blocks=1, tasks_per_block=2, indicators=1)
    town = municipality_create(programme.region)
    User = get_user_model()
    coordinator = User.objects.create_user(f"k-cat-{services_count}")
    Membership.objects.create(user=coordinator, role="coordinator", region=programme.region)
    staff = User.objects.create_user(f"s-cat-{services_count}")
    Membership.objects.create(user=staff, role="staff", municipality=town)
    kinds = list(ServiceKind.objects.all())
    for year in (2014, 2015):
        for n in range(services_count):
            ServiceOffer.objects.create(
                municipality=town, year=year, kind=kinds[n % len(kinds)], name=f"P{n}", clients=n
            )
            StaffCount.objects.create(municipality=town, year=year, role=f"Loma {n}", count=n)
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        by=coordinator,
    )
    submission = reporting_round.submissions.get(municipality=town)
    client.force_login(staff)
    with django_assert_num_queries(ENTRY_FORM_QUERIES):
        response = client.get(submission.get_absolute_url())
    assert response.content.decode().count('name="services-') > services_count
    client.force_login(coordinator)
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        client.get(reverse("monitoring:review", args=[submission.pk]))
