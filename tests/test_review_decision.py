"""The development council's decision on a final version: recorded by the region's coordinator,
shown on the review page and stamped on the first page of the version's PDF, whose frozen
bytes stay as they were finalised."""

import datetime
import hashlib
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from programmes.models import Programme
from reports import services
from reports.models import ReviewVersion
from reports.pdf import approval_line
from reports.services import (
    DECISION_BEFORE_FINALISED,
    DECISION_IN_FUTURE,
    DECISION_RECORDED_ALREADY,
)
from tests.factories import review_version_create
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db

REVIEW = ["zemgale", 2014]


def _version(people, **decision) -> ReviewVersion:
    """A final version of Zemgale 2014 (its PDF is not read by these tests)."""
    return review_version_create(
        Programme.objects.get(slug="zemgale"), by=people.zemgale_coordinator, **decision
    )


def _record(client, version, **data):
    url = reverse("reports:version-decision", args=[*REVIEW, version.pk])
    return client.post(url, data, follow=True)


def _decision(version) -> tuple:
    version.refresh_from_db()
    return version.decision_date, version.decision_number, version.decision_recorded_by_id


def _page(response) -> str:
    return unescape(response.content.decode())


def test_the_coordinator_records_a_decision_and_the_pdf_carries_it(client, people):
    client.force_login(people.zemgale_coordinator)
    client.post(reverse("reports:finalise", args=REVIEW))
    version = ReviewVersion.objects.get()
    frozen, sha256 = bytes(version.pdf), version.sha256
    today = timezone.localdate()

    response = _record(client, version, date=today.isoformat(), number="12", wording="apstiprināt")

    assert response.redirect_chain[-1][0] == reverse("reports:review", args=REVIEW)
    version.refresh_from_db()
    assert (version.decision_date, version.decision_number) == (today, "12")
    assert version.decision_wording == "apstiprināt"
    assert version.decision_recorded_by == people.zemgale_coordinator
    assert version.decision_recorded_at is not None
    # The frozen PDF is as it was finalised ...
    assert (bytes(version.pdf), version.sha256) == (frozen, sha256)
    served = client.get(version.get_absolute_url()).getvalue()
    # ... and the one served is it, byte for byte, with the stamp appended as an update.
    assert served != frozen and served.startswith(frozen)
    assert hashlib.sha256(served[: len(frozen)]).hexdigest() == sha256
    pages, frozen_pages = pdf_text(served).split("\f"), pdf_text(frozen).split("\f")
    with translation.override("lv"):
        line = approval_line(version)
    first = words(pages[0])
    assert words(line) in first
    assert "Zemgales plānošanas reģiona" in line
    assert f"{today.year}. gada {today.day}. " in line and "apstiprināt" in line
    assert words(line) not in words(" ".join(pages[1:]))  # on the first page only
    # Still all the review's text, page by page.
    assert len(pages) == len(frozen_pages)
    assert words(first.replace(words(line), " ")) == words(frozen_pages[0])
    assert [words(p) for p in pages[1:]] == [words(p) for p in frozen_pages[1:]]


def test_the_approval_line_dates_the_meeting_in_latvian(people):
    version = _version(people, decision_date=datetime.date(2026, 12, 15), decision_number="12")
    with translation.override("lv"):
        line = approval_line(version)
    # "Apstiprināts Zemgales plānošanas reģiona attīstības padomes sēdē 2026. gada
    # 15. decembrī, lēmums Nr. 12" once the message is translated
    assert "Zemgales plānošanas reģiona" in line
    assert "2026. gada 15. decembrī" in line
    assert line.endswith("12")


def test_the_review_page_shows_the_decision_to_everyone_who_reads_it(client, people):
    _version(
        people,
        decision_date=datetime.date(2026, 1, 15),
        decision_number="12",
        decision_wording="apstiprināt",
    )
    expected = gettext("Approved at the council meeting on %(date)s, decision No. %(number)s") % {
        "date": "15.01.2026",
        "number": "12",
    }
    for reader in (people.zemgale_council, people.zemgale_coordinator, people.national):
        client.force_login(reader)
        page = _page(client.get(reverse("reports:review", args=REVIEW)))
        assert f"{expected}: “apstiprināt”" in page
        assert "/decision/" not in page  # recorded: no form, not even for the coordinator


def test_only_the_coordinator_is_shown_the_form(client, people):
    version = _version(people)
    action = reverse("reports:version-decision", args=[*REVIEW, version.pk])
    client.force_login(people.zemgale_coordinator)
    page = _page(client.get(reverse("reports:review", args=REVIEW)))
    form = page[page.index(f'action="{action}"') :].split("</form>")[0]
    for name in ("date", "number", "wording"):
        assert f'<label for="decision-{version.pk}-{name}">' in form
    client.force_login(people.zemgale_council)
    assert action not in _page(client.get(reverse("reports:review", args=REVIEW)))


@pytest.mark.parametrize(
    "user", ["zemgale_council", "latgale_coordinator", "jelgava_staff", "national"]
)
def test_anyone_but_the_coordinator_gets_404_and_nothing_is_stored(client, people, user):
    version = _version(people)
    client.force_login(getattr(people, user))
    url = reverse("reports:version-decision", args=[*REVIEW, version.pk])
    response = client.post(url, {"date": timezone.localdate().isoformat(), "number": "12"})
    assert response.status_code == 404
    assert _decision(version) == (None, "", None)


def test_the_service_refuses_anyone_but_the_coordinator(people):
    version = _version(people)
    with pytest.raises(PermissionDenied):
        services.review_version_decision_record(
            version=version, by=people.latgale_coordinator, date=timezone.localdate(), number="1"
        )
    assert _decision(version) == (None, "", None)


def test_the_decision_page_is_post_only(client, people):
    version = _version(people)
    client.force_login(people.zemgale_coordinator)
    url = reverse("reports:version-decision", args=[*REVIEW, version.pk])
    assert client.get(url).status_code == 405


@pytest.mark.parametrize(
    ("days", "message"), [(-1, DECISION_BEFORE_FINALISED), (1, DECISION_IN_FUTURE)]
)
def test_a_date_before_finalising_or_in_the_future_is_refused(client, people, days, message):
    version = _version(people)
    day = timezone.localdate(version.created_at) + datetime.timedelta(days=days)
    client.force_login(people.zemgale_coordinator)
    response = _record(client, version, date=day.isoformat(), number="12/7", wording="apstiprināt")
    assert response.redirect_chain[-1][0].endswith(f"#version-{version.pk}")
    page = _page(response)
    form = page[page.index(f'id="version-{version.pk}"') :].split("</form>")[0]
    assert f'<p class="field-error" id="decision-{version.pk}-date_error">{message}</p>' in form
    # what was typed is kept
    assert f'value="{day.isoformat()}"' in form
    assert 'value="12/7"' in form and 'value="apstiprināt"' in form
    assert _decision(version) == (None, "", None)
    # shown once: the page asked again starts afresh
    again = _page(client.get(reverse("reports:review", args=REVIEW)))
    assert str(message) not in again


def test_a_form_without_a_date_or_number_keeps_what_was_typed(client, people):
    version = _version(people)
    client.force_login(people.zemgale_coordinator)
    page = _page(_record(client, version, date="", number="  ", wording="apstiprināt"))
    form = page[page.index(f'id="version-{version.pk}"') :].split("</form>")[0]
    assert f'id="decision-{version.pk}-date_error"' in form
    assert f'id="decision-{version.pk}-number_error"' in form
    assert 'value="apstiprināt"' in form
    assert _decision(version) == (None, "", None)


def test_a_second_decision_is_refused_and_the_first_kept(client, people):
    version = _version(people)
    today = timezone.localdate()
    client.force_login(people.zemgale_coordinator)
    _record(client, version, date=today.isoformat(), number="12")
    response = _record(client, version, date=today.isoformat(), number="13")
    assert str(DECISION_RECORDED_ALREADY) in _page(response)
    assert _decision(version) == (today, "12", people.zemgale_coordinator.pk)
    with pytest.raises(ValidationError) as refused:
        services.review_version_decision_record(
            version=version, by=people.zemgale_coordinator, date=today, number="14"
        )
    assert refused.value.messages == [str(DECISION_RECORDED_ALREADY)]


def test_a_date_without_a_number_cannot_be_stored(people):
    with pytest.raises(IntegrityError), transaction.atomic():
        _version(people, decision_date=datetime.date(2026, 1, 15))
