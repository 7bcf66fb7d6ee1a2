"""The coordinator writes the region-wide entries on the planning region's tasks."""

import pytest
from django.urls import reverse

from monitoring.models import ProgressEntry
from programmes.models import ProgrammeNode

pytestmark = pytest.mark.django_db


def _node(code):
    return ProgrammeNode.objects.get(programme__slug="zemgale", code=code)


def test_the_page_lists_the_regions_tasks_with_last_years_text(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)
    html = client.get(
        reverse("monitoring:region-entries", args=[zemgale_round.pk])
    ).content.decode()
    assert "Vienots uzticības telefons visām reģiona pašvaldībām." in html  # region
    assert "Atelpas brīža pakalpojumu centra izveide reģionā." in html  # both
    assert "Grupu darba formu" not in html  # municipalities only
    assert "finanšu resursu trūkuma dēļ aktivitāte nav ieviesta" in html  # 2014 review


def test_the_coordinator_saves_region_wide_entries(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)
    hotline = _node("1.11")
    response = client.post(
        reverse("monitoring:region-entries", args=[zemgale_round.pk]),
        {f"n{hotline.pk}-status": "not_implemented", f"n{hotline.pk}-narrative": "Nav līdzekļu."},
    )
    assert response.status_code == 302
    entry = ProgressEntry.objects.get(node=hotline, municipality__isnull=True, year=2015)
    assert (entry.status, entry.narrative) == ("not_implemented", "Nav līdzekļu.")
    assert entry.history.get().history_user == people.zemgale_coordinator


@pytest.mark.parametrize("who", ["jelgava_staff", "latgale_coordinator", "zemgale_council"])
def test_others_cannot_write_them(client, people, zemgale_round, who):
    client.force_login(getattr(people, who))
    hotline = _node("1.11")
    url = reverse("monitoring:region-entries", args=[zemgale_round.pk])
    assert client.get(url).status_code == 404
    client.post(url, {f"n{hotline.pk}-status": "implemented"})
    assert not ProgressEntry.objects.filter(node=hotline, year=2015).exists()


def test_the_national_administrator_reads_them_without_a_form(client, people, zemgale_round):
    client.force_login(people.national)
    url = reverse("monitoring:region-entries", args=[zemgale_round.pk])
    html = client.get(url).content.decode()
    assert "<textarea" not in html
    hotline = _node("1.11")
    assert client.post(url, {f"n{hotline.pk}-status": "implemented"}).status_code == 404
