"""The service catalogue (municipalities/models/catalogue.py): Jelgava's from seed 004 as the
fixtures load it, the rules the database keeps, and the counting rule: a municipality's
catalogue of a year with a reporting round counts only once its report does."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from monitoring import services
from monitoring.counting import Counting, counted
from municipalities.models import (
    CatalogueYear,
    Currency,
    ServiceKind,
    ServiceOffer,
    StaffCount,
    to_eur,
)
from programmes.fixture_loader import programmes_load

pytestmark = pytest.mark.django_db


def _offer(kind: str, year: int, name: str = "") -> ServiceOffer:
    return ServiceOffer.objects.get(
        municipality__name="Jelgava", year=year, kind__slug=kind, name=name
    )


# --- seed 004 as loaded ---------------------------------------------------------------------


def test_the_kinds_are_one_shared_list_in_the_programmes_words():
    names = list(ServiceKind.objects.values_list("name", flat=True))
    assert names[:6] == [
        "aprūpe mājās",
        "dienas aprūpes centrs",
        "dienas centrs",
        "grupu dzīvoklis (grupu māja)",
        "krīzes centrs",
        "naktspatversme (patversme)",
    ]


def test_jelgava_home_care_has_its_price_care_levels_and_provider():
    home_care = _offer("aprupe-majas", 2015)
    assert home_care.unit_price == Decimal("3.80") and home_care.price_unit == "stunda"
    assert home_care.price_notes == "trūcīgām personām – bezmaksas"
    assert home_care.provider == "Jelgavas sociālo lietu pārvalde"
    assert "otrais - 5 un 20; trešais – 9 un 36, ceturtais - 12 un 48 stundas" in home_care.notes
    assert "Nodarbināti 22 aprūpētāji" in home_care.notes


def test_jelgava_home_care_2010_to_2014_is_in_lats_then_euro():
    years = ServiceOffer.objects.filter(
        municipality__name="Jelgava", kind__slug="aprupe-majas", clients__isnull=False
    ).order_by("year")
    assert [(o.year, o.clients, o.budget, o.currency) for o in years] == [
        (2010, 175, Decimal("111017.00"), Currency.LVL),
        (2011, 189, Decimal("119223.00"), Currency.LVL),
        (2012, 169, Decimal("137412.00"), Currency.LVL),
        (2013, 193, Decimal("141489.00"), Currency.LVL),
        (2014, 201, Decimal("201645.00"), Currency.EUR),
    ]
    assert years[0].budget_eur == to_eur(Decimal(111017), Currency.LVL) == Decimal("157962.96")
    assert years[0].is_converted and not years[4].is_converted


def test_jelgava_services_of_2014_and_2015_with_clients_budgets_and_prices():
    assert _offer("naktspatversme", 2014).clients == 55
    crisis = _offer(
        "krizes-centrs",
        2014,
        "Jelgavas pilsētas Bērnu sociālas aprūpes centra struktūrvienība „Krīzes centrs”",
    )
    assert crisis.clients == 65
    flats = _offer("grupu-dzivoklis", 2015)
    assert (flats.clients, flats.budget) == (13, Decimal("35974.00"))
    assert (flats.unit_price, flats.price_unit) == (Decimal("2.00"), "1m²/mēnesī")
    assert "1.00 (vasaras periodā)" in flats.price_notes
    shower = _offer("zupas-virtuve-higiena", 2015, "Higiēnas centrs")
    assert (shower.unit_price, shower.budget) == (Decimal("1.00"), Decimal("15876.00"))
    assert _offer("ilgstosa-aprupe", 2015).budget == Decimal("379114.00")
    day_centres = ServiceOffer.objects.filter(
        municipality__name="Jelgava", year=2015, kind__slug="dienas-centrs"
    ).order_by("name")
    assert [(o.name, o.budget) for o in day_centres] == [
        ("“Atbalsts”", Decimal("66331.00")),
        ("“Integra”", Decimal("69519.00")),
    ]


def test_benefits_for_adapting_a_home_keep_their_ceilings_as_written():
    adapting = _offer("vides-pielagosana", 2015)
    assert "Pabalsts mājokļa iekšējās vides pielāgošanai līdz 2845,74 EUR." in adapting.notes
    assert "pandusa (uzbrauktuves) izbūvei līdz 4268,62 EUR" in adapting.notes
    assert "tehniskajai apkopei līdz 426,86 euro" in adapting.notes
    assert _offer("vides-pielagosana", 2014).clients == 8


def test_jelgava_staff_by_role_the_budget_lines_and_what_is_still_to_develop():
    staff = StaffCount.objects.filter(municipality__name="Jelgava", year=2015).order_by("pk")
    assert [(s.role, s.count) for s in staff] == [
        ("Sociālie darbinieki", 27),
        ("Sociālie aprūpētāji", 5),
        ("Sociālās palīdzības organizators", 1),
        ("Sociālie rehabilitētāji", 3),
        ("Veselības veicināšanas speciālists", 1),
        ("Aprūpē mājās – aprūpētāji", 22),
        ("Psihologi", 3),
    ]
    year = CatalogueYear.objects.get(municipality__name="Jelgava", year=2015)
    assert (year.staff_total, year.budget) == (110, Decimal("4516992.00"))
    assert year.budget_line_list == [
        "Sociālā aizsardzība (sociālā palīdzība, sociālie pakalpojumi un atbalsta pasākumi) "
        "4 038 733 EUR",
        "veselības aprūpe un veicināšana – 99 145 EUR",
        "pirktie pakalpojumi no citām pašvaldībām – 379 114 EUR",
    ]
    assert len(year.to_develop_lines) == 9
    assert year.to_develop_lines[0] == "ģimenes asistenta pakalpojums augsta riska ģimenēm"
    assert "mobilā aprūpe mājās" in year.to_develop_lines


def test_loading_again_changes_nothing():
    report = programmes_load()
    for name in ("services offered", "staff counts", "kinds of service"):
        assert report.created[name] == 0 and report.updated[name] == 0


# --- the rules the database keeps -------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"year": 2015, "currency": "LVL", "budget": 1}, "service_offer_euro_from_2014"),
        ({"year": 2016, "unit_price": Decimal("1.00")}, "service_offer_price_has_unit"),
        # Jelgava's home care of 2015 exists; SQLite names the columns, PostgreSQL the rule.
        ({"year": 2015}, r"(?i)service_offer_unique|unique constraint"),
    ],
)
def test_the_database_refuses_a_bad_offer(people, fields, constraint):
    kind = ServiceKind.objects.get(slug="aprupe-majas")
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        ServiceOffer.objects.create(municipality=people.jelgava, kind=kind, **fields)


def test_the_database_refuses_a_role_twice(people):
    with (
        pytest.raises(IntegrityError, match=r"(?i)staff_count_unique_role|unique"),
        transaction.atomic(),
    ):
        StaffCount.objects.create(municipality=people.jelgava, year=2015, role="Psihologi", count=4)


# --- the counting rule ------------------------------------------------------------------


def _counts(queryset, counting) -> bool:
    return counted(queryset, counting).exists()


def test_a_catalogue_of_a_year_without_a_round_counts_as_published():
    jelgava_2014 = ServiceOffer.objects.filter(municipality__name="Jelgava", year=2014)
    assert _counts(jelgava_2014, Counting.APPROVED) and _counts(jelgava_2014, Counting.HANDED_IN)


def test_a_catalogue_in_a_draft_does_not_count_until_approved(people, jelgava_submission):
    jelgava = people.jelgava
    kind = ServiceKind.objects.get(slug="atelpas-bridis")
    # Zemgale's 2015 round is open: Jelgava's published 2015 rows now wait for its report.
    ServiceOffer.objects.create(municipality=jelgava, year=2015, kind=kind, clients=4)
    offers = ServiceOffer.objects.filter(municipality=jelgava, year=2015, kind=kind)
    staff = StaffCount.objects.filter(municipality=jelgava, year=2015)
    years = CatalogueYear.objects.filter(municipality=jelgava, year=2015)
    nodes = services.reportable_nodes(jelgava_submission.round.programme)
    draft = services.submission_save(
        submission=jelgava_submission,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(entries={n.pk: {"status": "implemented"} for n in nodes}),
    )
    for queryset in (offers, staff, years):
        assert not _counts(queryset, Counting.HANDED_IN)
        assert not _counts(queryset, Counting.APPROVED)
    submitted = services.submission_submit(submission=draft, by=people.jelgava_staff)
    for queryset in (offers, staff, years):
        assert _counts(queryset, Counting.HANDED_IN)  # the dashboards
        assert not _counts(queryset, Counting.APPROVED)  # not yet the review nor the public
    services.submission_approve(submission=submitted, by=people.zemgale_coordinator)
    for queryset in (offers, staff, years):
        assert _counts(queryset, Counting.APPROVED)
