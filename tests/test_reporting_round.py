"""The coordinator opens a reporting year; each municipality then has a submission."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from monitoring import services
from monitoring.models import ReportingRound, Submission
from programmes.models import Programme

pytestmark = pytest.mark.django_db

NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)


def test_it_opens_a_year_with_a_submission_per_municipality(zemgale_round):
    assert zemgale_round.submissions.count() == 22
    assert set(zemgale_round.submissions.values_list("state", flat=True)) == {"not_started"}


def test_it_refuses_a_year_outside_the_programme(people):
    with pytest.raises(ValidationError, match="2010–2017"):
        services.round_open(
            programme=Programme.objects.get(slug="zemgale"),
            year=2030,
            deadline=NEXT_MONTH,
            by=people.zemgale_coordinator,
        )


def test_it_refuses_to_open_a_year_twice(zemgale_round, people):
    with pytest.raises(ValidationError, match="jau ir atvērts"):
        services.round_open(
            programme=zemgale_round.programme,
            year=2015,
            deadline=NEXT_MONTH,
            by=people.zemgale_coordinator,
        )


@pytest.mark.parametrize("who", ["latgale_coordinator", "jelgava_staff", "zemgale_council"])
def test_only_the_regions_coordinator_may_open_it(people, who):
    with pytest.raises(PermissionDenied):
        services.round_open(
            programme=Programme.objects.get(slug="zemgale"),
            year=2015,
            deadline=NEXT_MONTH,
            by=getattr(people, who),
        )
    assert not ReportingRound.objects.exists()


def test_the_coordinator_opens_it_through_the_form(client, people):
    client.force_login(people.zemgale_coordinator)
    url = reverse("monitoring:round-open", args=["zemgale"])
    response = client.post(url, {"year": "2015", "deadline": NEXT_MONTH.isoformat()})
    reporting_round = ReportingRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reporting_round.get_absolute_url()
    assert Submission.objects.filter(round=reporting_round).count() == 22


def test_a_past_deadline_is_refused_and_the_form_keeps_the_year(client, people):
    client.force_login(people.zemgale_coordinator)
    url = reverse("monitoring:round-open", args=["zemgale"])
    response = client.post(url, {"year": "2015", "deadline": "2020-01-01"})
    html = response.content.decode()
    assert "Termiņš nevar būt pagātnē." in html
    assert '<option value="2015" selected>' in html
    assert not ReportingRound.objects.exists()


def test_another_regions_coordinator_gets_404_on_the_form(client, people):
    client.force_login(people.latgale_coordinator)
    response = client.get(reverse("monitoring:round-open", args=["zemgale"]))
    assert response.status_code == 404


def test_the_round_page_shows_every_municipality_and_the_deadline(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)
    html = client.get(zemgale_round.get_absolute_url()).content.decode()
    assert html.count('class="state state-not_started"') == 22
    assert "30 dienas" in html


@pytest.mark.parametrize("who", ["latgale_coordinator", "jelgava_staff", "zemgale_council"])
def test_others_get_404_on_the_round_page(client, people, zemgale_round, who):
    client.force_login(getattr(people, who))
    assert client.get(zemgale_round.get_absolute_url()).status_code == 404


def test_each_role_lands_on_its_start_page(client, people, zemgale_round):
    for who, expected in [
        ("jelgava_staff", reverse("monitoring:index")),
        ("zemgale_coordinator", reverse("monitoring:index")),
        ("zemgale_council", reverse("reports:index")),
    ]:
        client.force_login(getattr(people, who))
        assert client.get(reverse("monitoring:start"))["Location"] == expected
