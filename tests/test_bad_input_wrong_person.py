"""A post aimed at a report that is not the poster's to change is refused and changes nothing:
another municipality's entry form, workbook upload and confirmation, a workbook token used on
another report, a forged id of another municipality's project, and an approval, return or
reopening by anyone but the region's coordinator. Every case compares `snapshot()` (every
report row and every history table's size) before and after."""

import io

import openpyxl
import pytest
from django.urls import reverse

from monitoring.models import Project
from monitoring.workbook import writing
from tests.report_posts import TRANSITIONS, State, _form_data, _in_state, _messages
from tests.snapshot import snapshot
from tests.workbooks import _upload, _upload_file

pytestmark = pytest.mark.django_db


def test_staff_of_another_municipality_cannot_post_the_entry_form(
    client, people, jelgava_submission
):
    client.force_login(people.dobele_staff)
    before = snapshot()
    response = client.post(
        jelgava_submission.get_absolute_url(), _form_data(jelgava_submission, action="submit")
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_staff_of_another_municipality_cannot_upload_or_confirm(
    client, people, zemgale_round, jelgava_submission
):
    """Dobele's staff, holding a good token of their own report, aim it at Jelgava's."""
    dobele_submission = zemgale_round.submissions.get(municipality=people.dobele)
    book = openpyxl.load_workbook(io.BytesIO(writing.submission_workbook(dobele_submission)))
    book["Uzdevumi"]["D2"] = "No Dobeles."
    content = io.BytesIO()
    book.save(content)
    client.force_login(people.dobele_staff)
    response = _upload(
        client, dobele_submission, _upload_file("dobele-2015.xlsx", content.getvalue())
    )
    token = response.context["token"]
    assert token
    before = snapshot()

    uploaded = _upload(client, jelgava_submission, _upload_file("good.xlsx"))
    confirm = client.post(
        reverse("monitoring:workbook-confirm", args=[jelgava_submission.pk]), {"token": token}
    )

    assert (uploaded.status_code, confirm.status_code) == (404, 404)
    assert snapshot() == before


def test_a_token_for_one_report_does_not_confirm_another(
    client, people, zemgale_round, jelgava_submission
):
    """The coordinator may edit both reports; the token still belongs to Jelgava's."""
    dobele_submission = zemgale_round.submissions.get(municipality=people.dobele)
    client.force_login(people.zemgale_coordinator)
    token = _upload(client, jelgava_submission, _upload_file("good.xlsx")).context["token"]
    assert token
    before = snapshot()

    response = client.post(
        reverse("monitoring:workbook-confirm", args=[dobele_submission.pk]),
        {"token": token},
        follow=True,
    )

    assert response.redirect_chain == [
        (reverse("monitoring:workbook-upload", args=[dobele_submission.pk]), 302)
    ]
    assert _messages(response) == [
        "Šīs izmaiņas vairs nevar saglabāt: tās jau ir saglabātas vai pārbaudei beidzies "
        "derīgums. Augšupielādējiet darbgrāmatu vēlreiz."
    ]
    assert snapshot() == before


def test_a_forged_project_id_of_another_municipality_leaves_that_project_alone(
    client, people, jelgava_submission
):
    """An id outside Jelgava's projects is not Jelgava's to change or delete: the row is
    taken as a new project, as Django's model formsets do."""
    dobele_project = Project.objects.create(
        region=people.dobele.region, municipality=people.dobele, year=2015, title="Dobeles."
    )
    client.force_login(people.jelgava_staff)
    forged = {
        "projects-INITIAL_FORMS": "1",
        "projects-0-id": str(dobele_project.pk),
        "projects-0-title": "Pārrakstīts.",
    }
    before = snapshot()

    response = client.post(
        jelgava_submission.get_absolute_url(), _form_data(jelgava_submission, **forged)
    )

    assert response.status_code == 302
    after = snapshot()
    assert [row for row in after["monitoring.Project"] if row[0] == dobele_project.pk] == [
        row for row in before["monitoring.Project"] if row[0] == dobele_project.pk
    ]
    assert list(Project.objects.filter(municipality=people.jelgava).values_list("title")) == [
        ("Pārrakstīts.",)
    ]
    assert dobele_project.history.count() == 1


@pytest.mark.parametrize(
    "who", ["jelgava_staff", "dobele_staff", "latgale_coordinator", "zemgale_council", "national"]
)
@pytest.mark.parametrize(
    ("transition", "state"),
    [("approve", State.SUBMITTED), ("return", State.SUBMITTED), ("reopen", State.APPROVED)],
)
def test_only_the_regions_coordinator_may_approve_return_or_reopen(
    client, people, jelgava_submission, who, transition, state
):
    submission = _in_state(jelgava_submission, state, people)
    url_name, data = TRANSITIONS[transition]
    client.force_login(getattr(people, who))
    before = snapshot()

    response = client.post(reverse(url_name, args=[submission.pk]), data)

    assert response.status_code == 404
    assert snapshot() == before
