"""A reporting year outside the programme's period, already open or not a year at all cannot be
opened, on the coordinator's page or through the service, and opening it is refused with a
Latvian message and changes nothing (`snapshot()`, every report row and every history table's
size, compared before and after)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from monitoring import services
from programmes.models import Programme
from tests.report_posts import NEXT_MONTH
from tests.snapshot import snapshot

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["2030", "2009", "2015", "divi"])
def test_a_year_outside_the_programme_or_already_open_cannot_be_opened(
    client, people, zemgale_round, year
):
    client.force_login(people.zemgale_coordinator)
    before = snapshot()

    response = client.post(
        reverse("monitoring:round-open", args=["zemgale"]),
        {"year": year, "deadline": NEXT_MONTH},
    )

    assert response.status_code == 400
    message = f"Jāatlasa derīga izvēle. {year} nav neviena no pieejamajām izvēlēm."
    assert response.context["form"].errors == {"year": [message]}
    assert escape(message) in response.content.decode()
    assert snapshot() == before


def test_the_service_refuses_a_year_outside_the_programme(people):
    before = snapshot()
    with translation.override("lv"), pytest.raises(ValidationError) as refused:
        services.round_open(
            programme=Programme.objects.get(slug="zemgale"),
            year=2030,
            deadline=timezone.localdate(),
            by=people.zemgale_coordinator,
        )
    assert refused.value.messages == ["Gadam jābūt programmas periodā (2010–2017)."]
    assert snapshot() == before
