"""Who may have a submission's workbook: staff of another municipality get 404 for the download,
the upload and the confirmation; a reader who may not edit the report (a national
administrator, once it is handed in) downloads it but has no upload page."""

import pytest
from django.urls import reverse

from monitoring.models import Submission
from municipalities.models import Municipality
from tests.workbooks import _person

pytestmark = pytest.mark.django_db


@pytest.fixture
def dobele_staff():
    return _person(
        "darbiniece-dobele", "staff", municipality=Municipality.resolve("Dobele", year=2015)
    )


def test_staff_of_other_municipality_gets_404(client, dobele_staff, submission):
    client.force_login(dobele_staff)
    assert client.get(reverse("monitoring:workbook", args=[submission.pk])).status_code == 404
    uploaded = reverse("monitoring:workbook-upload", args=[submission.pk])
    assert client.get(uploaded).status_code == 404
    assert client.post(uploaded, {}).status_code == 404
    confirm = reverse("monitoring:workbook-confirm", args=[submission.pk])
    assert client.post(confirm, {"token": "x"}).status_code == 404


def test_a_reader_who_may_not_edit_downloads_but_cannot_upload(client, submission):
    # A national administrator reads a report once it is handed in (monitoring/counting.py).
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.SUBMITTED)
    client.force_login(_person("ministrija-1", "national"))
    assert client.get(reverse("monitoring:workbook", args=[submission.pk])).status_code == 200
    uploaded = reverse("monitoring:workbook-upload", args=[submission.pk])
    assert client.get(uploaded).status_code == 404
