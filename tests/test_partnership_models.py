"""A project's partners, activities and results keep their rules in the database: a partner is
exactly one kind, a project has at most one lead, the programme's amount is a part of the total
and its share is computed from the two amounts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from monitoring.models import PartnerRole, Project, ProjectPartner, ProjectResult
from monitoring.models.projects import PARTNER_OF_OTHER_PROJECT
from municipalities.models import Municipality, PlanningRegion

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    zemgale = PlanningRegion.objects.get(slug="zemgale")
    return Project.objects.create(
        region=zemgale, year=2016, title="Kopprojekts", budget=Decimal("1000.00")
    )


def _refused(**fields):
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        ProjectPartner.objects.create(**fields)
    return str(refused.value)


def test_a_partner_is_a_municipality_a_region_or_an_outside_body(project):
    auce = Municipality.resolve("Auces novads", year=2016)
    zemgale = project.region
    ProjectPartner.objects.create(project=project, position=1, role="lead", planning_region=zemgale)
    ProjectPartner.objects.create(project=project, position=2, municipality=auce)
    ProjectPartner.objects.create(project=project, position=3, name="Centras", country="LT")
    kinds = [(p.display_name, p.country_code, p.is_outside) for p in project.partners.all()]
    assert kinds == [
        ("Zemgales plānošanas reģions", "LV", False),
        ("Auces novads", "LV", False),
        ("Centras", "LT", True),
    ]


@pytest.mark.parametrize(
    "kind",
    [
        {},  # none
        {"name": "Centras"},  # an outside body without its country
        {"country": "LT"},  # a country without a name
        {"municipality": "auce", "name": "Auces novada pašvaldība"},
        {"municipality": "auce", "planning_region": True},
        {"planning_region": True, "name": "Centras", "country": "LT"},
    ],
)
def test_a_partner_of_no_kind_or_of_two_kinds_is_refused(project, kind):
    fields = dict(kind)
    if fields.get("municipality"):
        fields["municipality"] = Municipality.resolve("Auces novads", year=2016)
    if fields.get("planning_region"):
        fields["planning_region"] = project.region
    assert "project_partner_one_kind" in _refused(project=project, position=1, **fields)


def test_a_project_has_one_lead_partner(project):
    ProjectPartner.objects.create(
        project=project, position=1, role=PartnerRole.LEAD, planning_region=project.region
    )
    refusal = _refused(
        project=project, position=2, role=PartnerRole.LEAD, name="Centras", country="LT"
    )
    # PostgreSQL names the index; SQLite names its column (the positions differ, so the lead
    # index is the only one that can refuse).
    assert (
        "project_partner_one_lead" in refusal or "monitoring_projectpartner.project_id" in refusal
    )
    assert project.partners.filter(role=PartnerRole.LEAD).count() == 1


def test_a_role_outside_the_choices_and_a_negative_part_are_refused(project):
    refusal = _refused(project=project, position=1, role="sponsor", name="Centras", country="LT")
    assert "project_partner_role_valid" in refusal
    refusal = _refused(project=project, position=1, name="Centras", country="LT", part=-1)
    assert "project_partner_part_not_negative" in refusal


def test_the_programme_amount_is_a_part_of_the_total_and_its_share_is_computed(project):
    project.programme_amount = Decimal("850.00")
    project.save()
    assert project.programme_share == Decimal("85.00")
    project.programme_amount = Decimal("1000.01")
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        project.save()
    assert "project_programme_amount_within_budget" in str(refused.value)
    without_total = Project(region=project.region, year=2016, title="Bez budžeta")
    without_total.programme_amount = Decimal("1.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        without_total.save()
    assert Project(budget=Decimal("10"), programme_amount=None).programme_share is None


def test_a_result_names_a_partner_of_its_own_project(project):
    other = Project.objects.create(region=project.region, year=2016, title="Cits")
    stranger = ProjectPartner.objects.create(project=other, position=1, name="C", country="LT")
    result = ProjectResult(project=project, position=1, partner=stranger, text="Centrs (1)")
    with pytest.raises(ValidationError) as refused:
        result.full_clean()
    assert refused.value.message_dict["partner"] == [str(PARTNER_OF_OTHER_PROJECT)]
