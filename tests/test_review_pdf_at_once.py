"""A short review's PDF made in the request that asks for it, without the waiting page.

A review whose HTML is at most settings.REVIEW_PDF_AT_ONCE_MAX_BYTES is laid out at once;
a longer one goes to the background worker (tests/test_review_pdf_worker.py). These tests run
the real database queue (`task_queue`), so a PDF served here was made by the request itself,
not by a backend that runs tasks at once.
"""

import datetime
import hashlib
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from programmes.models import Programme
from reports.models import ReviewPdf
from reports.pdf import review_html
from reports.review import annual_review
from tests.pdf import pdf_text, words
from tests.test_annual_review import _review_setup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("task_queue")]

PDF_URL = reverse("reports:pdf", args=["zemgale", 2014])


def _html_bytes(slug: str, year: int) -> int:
    """The size the limit is compared with: the review's HTML as it reads now."""
    programme = Programme.objects.get(slug=slug)
    return len(review_html(annual_review(programme, year)).encode())


def _heading(programme: Programme, year: int) -> str:
    return gettext("Review of the implementation of “%(title)s” in %(year)s") % {
        "title": programme.title,
        "year": year,
    }


def test_a_short_review_is_answered_with_its_pdf_at_once(client, people, settings):
    # Exactly at the limit ("at most") is still short.
    settings.REVIEW_PDF_AT_ONCE_MAX_BYTES = _html_bytes("zemgale", 2014)
    client.force_login(people.zemgale_council)
    asked = client.get(PDF_URL)
    assert asked.status_code == 200
    assert asked["Content-Type"] == "application/pdf"
    pdf = asked.getvalue()  # a file response is read once
    text = words(pdf_text(pdf))
    assert words(_heading(Programme.objects.get(slug="zemgale"), 2014)) in text
    assert "Zemgales plānošanas reģions" in text
    assert not DBTaskResult.objects.exists()  # nothing asked of the worker
    prepared = ReviewPdf.objects.get()
    assert prepared.finished_at is not None and prepared.error == ""
    assert prepared.html == ""  # the input is dropped once laid out, as the worker does

    # Asking again serves the kept file: the same bytes, not laid out again.
    finished_at = prepared.finished_at
    again = client.get(PDF_URL)
    assert again.status_code == 200 and again.getvalue() == pdf
    prepared.refresh_from_db()
    assert prepared.finished_at == finished_at
    assert ReviewPdf.objects.count() == 1
    assert not DBTaskResult.objects.exists()


def test_a_review_above_the_limit_still_waits_for_the_worker(client, people, settings):
    settings.REVIEW_PDF_AT_ONCE_MAX_BYTES = _html_bytes("zemgale", 2014) - 1
    client.force_login(people.zemgale_council)
    asked = client.get(PDF_URL)
    prepared = ReviewPdf.objects.get()
    assert asked.status_code == 302
    assert asked["Location"] == reverse("reports:pdf-prepared", args=["zemgale", 2014, prepared.pk])
    assert prepared.finished_at is None
    assert DBTaskResult.objects.get().status == "READY"  # queued for the worker
    assert "PDF tiek gatavots" in client.get(asked["Location"]).content.decode()


def test_a_pdf_that_fails_at_once_is_recorded_and_the_waiting_page_says_so(client, people, caplog):
    # A row a stopped worker left unfinished, for the review as it reads now, is made again in
    # the request; its HTML here is one WeasyPrint cannot lay out (a font size that overflows),
    # which stands for a review that makes WeasyPrint raise.
    programme = Programme.objects.get(slug="zemgale")
    html = review_html(annual_review(programme, 2014))
    left = ReviewPdf.objects.create(
        programme=programme,
        year=2014,
        html_sha256=hashlib.sha256(html.encode()).hexdigest(),
        html="<style>p { font-size: 1e308px }</style><p>x</p>",
        requested_at=timezone.now() - datetime.timedelta(minutes=11),
    )
    client.force_login(people.zemgale_council)
    with caplog.at_level(logging.ERROR, logger="reports.services"):
        asked = client.get(PDF_URL)
    prepared_url = reverse("reports:pdf-prepared", args=["zemgale", 2014, left.pk])
    assert asked.status_code == 302 and asked["Location"] == prepared_url
    left.refresh_from_db()
    assert left.finished_at is None
    assert left.error.startswith("OverflowError")  # recorded on the row, for the administrators
    assert "could not be made in the request" in caplog.text
    assert not DBTaskResult.objects.exists()
    assert client.get(prepared_url, {"state": "json"}).json() == {"ready": False, "failed": True}
    assert "PDF neizdevās sagatavot" in client.get(prepared_url).content.decode()


@pytest.mark.parametrize("municipalities", [5, 22])
def test_the_pdf_made_at_once_takes_the_same_queries_for_5_and_22_municipalities(
    client, people, django_assert_num_queries, settings, municipalities
):
    settings.REVIEW_PDF_AT_ONCE_MAX_BYTES = 10**9  # both sizes made in the request
    programme = _review_setup(municipalities)
    client.force_login(people.national)
    url = reverse("reports:pdf", args=[programme.slug, 2014])
    # user, roles and the review's data, what the review page reads but its versions
    # (17, with whether the year has a survey), the kept PDF looked up, created inside a
    # savepoint (3); made here: the row read, then inside a savepoint (2) the row locked, saved
    # and the day-old ones deleted; the row read back, its bytes read
    with django_assert_num_queries(16 + 1 + 3 + 1 + 2 + 3 + 1 + 1):
        asked = client.get(url)
    assert asked["Content-Type"] == "application/pdf"
    assert not DBTaskResult.objects.exists()
