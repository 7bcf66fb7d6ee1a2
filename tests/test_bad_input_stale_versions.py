"""A save from a stale copy of a report overwrites nothing: an entry form posted with an old,
forged or missing version, and a workbook confirmed after someone else saved the report. Every
case compares `snapshot()` (every report row and every history table's size) before and after;
the messages are the Latvian ones of locale/lv/LC_MESSAGES/django.po, written out so that a
missing or changed translation shows up here."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.report_posts import _complete, _form_data, _messages
from tests.snapshot import snapshot
from tests.workbooks import _upload, _upload_file

pytestmark = pytest.mark.django_db

CONFLICT = "Kāds cits saglabāja šo pārskatu pēc tam, kad to atvērāt"


@pytest.mark.parametrize("version", [0, "nav-skaitlis", ""], ids=["stale", "text", "missing"])
def test_a_stale_or_forged_version_overwrites_nothing(client, people, jelgava_submission, version):
    saved = _complete(jelgava_submission, people.jelgava_staff)
    client.force_login(people.jelgava_staff)
    before = snapshot()

    response = client.post(
        saved.get_absolute_url(), _form_data(saved, version=version, action="submit")
    )

    assert response.status_code == 409
    assert escape(CONFLICT) in response.content.decode()
    assert snapshot() == before


def test_a_workbook_confirmed_after_someone_else_saved_changes_nothing(
    client, people, jelgava_submission
):
    client.force_login(people.jelgava_staff)
    token = _upload(client, jelgava_submission, _upload_file("good.xlsx")).context["token"]
    _complete(jelgava_submission, people.zemgale_coordinator)
    before = snapshot()

    response = client.post(
        reverse("monitoring:workbook-confirm", args=[jelgava_submission.pk]),
        {"token": token},
        follow=True,
    )

    assert response.redirect_chain == [
        (reverse("monitoring:workbook-upload", args=[jelgava_submission.pk]), 302)
    ]
    assert _messages(response) == [
        "Pēc darbgrāmatas augšupielādes šo pārskatu saglabāja kāds cits, tāpēc nekas netika "
        "mainīts. Augšupielādējiet darbgrāmatu vēlreiz, lai to salīdzinātu ar pašreizējo "
        "pārskatu."
    ]
    assert snapshot() == before
