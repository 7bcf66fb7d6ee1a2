"""The review PDF made by the background worker: the database queue and `db_worker`, for real.

A request asks for the PDF and gets it at once when the review reads as it did when the PDF
was made; otherwise it gets a page that waits while the worker lays the PDF out. The worker
runs here as in production, through `manage.py db_worker` (in batch mode: it runs what the
queue holds, then stops). These tests use a live transaction: the worker's own transactions
and connection checks need one.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from monitoring.models import ProgressEntry
from reports.models import ReviewPdf, ReviewVersion
from tests.pdf import pdf_text, run_worker

pytestmark = pytest.mark.usefixtures("published_data", "task_queue")


@pytest.fixture(autouse=True)
def _every_review_pdf_queued(settings):
    """Zemgale 2014 is short enough to be made in the request (tests/test_review_pdf_at_once.py):
    here it goes to the worker, as a long review does."""
    settings.REVIEW_PDF_AT_ONCE_MAX_BYTES = 0


PDF_URL = reverse("reports:pdf", args=["zemgale", 2014])


def _prepared_url(prepared: ReviewPdf) -> str:
    return reverse("reports:pdf-prepared", args=["zemgale", 2014, prepared.pk])


def test_the_pdf_is_made_by_the_worker_and_then_served_at_once(client, people):
    client.force_login(people.zemgale_council)
    asked = client.get(PDF_URL)
    prepared = ReviewPdf.objects.get()
    assert asked.status_code == 302 and asked["Location"] == _prepared_url(prepared)
    waiting = client.get(_prepared_url(prepared))
    assert waiting.status_code == 200
    assert "PDF tiek gatavots" in waiting.content.decode()
    assert client.get(_prepared_url(prepared), {"state": "json"}).json() == {
        "ready": False,
        "failed": False,
    }
    # Asking again while it is being made queues nothing more.
    client.get(PDF_URL)
    assert DBTaskResult.objects.count() == 1

    run_worker()

    assert client.get(_prepared_url(prepared), {"state": "json"}).json() == {
        "ready": True,
        "failed": False,
    }
    served = client.get(_prepared_url(prepared))
    assert served["Content-Type"] == "application/pdf"
    served_pdf = served.getvalue()  # a file response is read once
    assert "Zemgales plānošanas reģions" in pdf_text(served_pdf)
    again = client.get(PDF_URL)
    assert again.status_code == 200 and again.getvalue() == served_pdf
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    prepared.refresh_from_db()
    assert prepared.html == ""  # the input is dropped once laid out


def test_a_change_to_the_data_makes_a_new_pdf(client, people):
    client.force_login(people.zemgale_council)
    client.get(PDF_URL)
    run_worker()
    first = client.get(PDF_URL).getvalue()
    ProgressEntry.objects.filter(node__programme__slug="zemgale", year=2014).update(
        narrative="Vēlāk mainīts teksts."
    )
    assert client.get(PDF_URL).status_code == 302
    run_worker()
    second = client.get(PDF_URL)
    assert second.status_code == 200
    assert "Vēlāk mainīts teksts." in pdf_text(second.getvalue())
    assert "Vēlāk mainīts teksts." not in pdf_text(first)
    assert ReviewPdf.objects.count() == 2


def test_finalising_while_the_pdf_is_made_keeps_it_once_it_is_ready(client, people):
    client.force_login(people.zemgale_coordinator)
    response = client.post(reverse("reports:finalise", args=["zemgale", 2014]), follow=True)
    assert "tiklīdz tas būs gatavs" in response.content.decode()
    assert not ReviewVersion.objects.exists()

    run_worker()

    version = ReviewVersion.objects.get()
    assert version.created_by == people.zemgale_coordinator
    assert bytes(version.pdf) == client.get(PDF_URL).getvalue()
    assert ReviewPdf.objects.get().finalise_by is None


def test_a_failed_pdf_says_so_and_can_be_asked_for_again(client, people):
    client.force_login(people.zemgale_council)
    client.get(PDF_URL)
    prepared = ReviewPdf.objects.get()
    # What the worker records when WeasyPrint raises.
    ReviewPdf.objects.filter(pk=prepared.pk).update(error="OSError: disk full")
    DBTaskResult.objects.all().delete()
    assert client.get(_prepared_url(prepared), {"state": "json"}).json()["failed"] is True
    page = client.get(_prepared_url(prepared)).content.decode()
    assert "PDF neizdevās sagatavot" in page
    assert "disk full" not in page  # the reason is for the administrators, not the page

    assert client.post(_prepared_url(prepared)).status_code == 302
    run_worker()

    assert client.get(_prepared_url(prepared))["Content-Type"] == "application/pdf"


def test_a_pdf_a_stopped_worker_left_unfinished_is_asked_for_again(client, people):
    client.force_login(people.zemgale_council)
    client.get(PDF_URL)
    ReviewPdf.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=11))
    DBTaskResult.objects.update(status="RUNNING")  # taken by a worker that then died
    client.get(PDF_URL)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    assert client.get(PDF_URL)["Content-Type"] == "application/pdf"


def test_pdfs_asked_for_more_than_a_day_ago_are_removed(client, people):
    client.force_login(people.zemgale_council)
    client.get(PDF_URL)
    run_worker()
    ReviewPdf.objects.update(
        requested_at=timezone.now() - datetime.timedelta(days=2), html_sha256="old"
    )
    client.get(PDF_URL)
    run_worker()
    assert ReviewPdf.objects.count() == 1
    assert ReviewPdf.objects.get().html_sha256 != "old"


def test_another_region_cannot_see_a_prepared_pdf(client, people):
    client.force_login(people.zemgale_council)
    client.get(PDF_URL)
    prepared = ReviewPdf.objects.get()
    client.force_login(people.latgale_coordinator)
    assert client.get(_prepared_url(prepared)).status_code == 404
    assert client.post(_prepared_url(prepared)).status_code == 404
    wrong_year = reverse("reports:pdf-prepared", args=["zemgale", 2015, prepared.pk])
    client.force_login(people.zemgale_council)
    assert client.get(wrong_year).status_code == 404
