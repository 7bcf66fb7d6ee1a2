"""A submission workbook comes back: every change is shown before it is saved, and saved only
when confirmed with the preview's token, once, and only if nobody saved the report meanwhile;
an unchanged workbook has nothing to save; names, statuses and numbers are read in the
variants people write them; the upload page has a labelled file field; and the previewed data
keeps its decimals and ids through the session."""

import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from monitoring import services, workbook_views
from monitoring.models import ProgressEntry, Status, Submission
from monitoring.workbook import reading, writing
from monitoring.workbook.result import Change
from municipalities.models import YearlyFigures
from programmes.models import PlannedQuantity
from tests.workbooks import _download, _file, _lv, _row, _saved, _upload

pytestmark = pytest.mark.django_db


def test_it_round_trips_two_tasks_and_a_figure(client, jelgava_staff, submission):
    # A planned number is asked only where the programme plans one, as on the form (issue 13).
    PlannedQuantity.objects.create(
        node=submission.round.programme.nodes.get(code="1.3"),
        municipality=submission.municipality,
        quantity=1000,
    )
    client.force_login(jelgava_staff)
    book = _download(client, submission)
    tasks = book["Uzdevumi"]
    row = _row(tasks, "1.2")
    tasks.cell(row, 3, "izpildīts")
    tasks.cell(row, 4, "Jauns dienas centrs.")
    tasks.cell(row, 5, 3)
    row = _row(tasks, "1.3")
    tasks.cell(row, 3, "Daļēji izpildīts")
    tasks.cell(row, 6, "1 234")
    figures = book["Finanses"]
    figures.cell(_row(figures, "Klientu skaits"), 2, 250)

    response = _upload(client, submission, _file(book))

    assert response.status_code == 200
    with translation.override("lv"):
        implemented, partial = str(Status.IMPLEMENTED.label), str(Status.PARTIAL.label)
    assert response.context["result"].changes == [
        Change("Uzdevumi", "1.2", "Statuss", "", implemented),
        Change("Uzdevumi", "1.2", "Izpildes apraksts", "", "Jauns dienas centrs."),
        Change("Uzdevumi", "1.2", "Sasniegtais skaits", "", "3"),
        Change("Uzdevumi", "1.3", "Statuss", "", partial),
        # The header is the form's label since issue 13.
        Change("Uzdevumi", "1.3", "Gadam plānotais skaits", "", "1234"),
        Change("Finanses", "Klientu skaits", "Vērtība", "", "250"),
    ]
    html = response.content.decode()
    assert '<th scope="row">1.2</th>' in html
    assert "Jauns dienas centrs." in html
    assert _saved(submission)[0] == 0  # nothing saved yet

    token = response.context["token"]
    response = client.post(
        reverse("monitoring:workbook-confirm", args=[submission.pk]), {"token": token}
    )

    assert response.status_code == 302
    assert response["Location"] == submission.get_absolute_url()
    entries = {
        e.node.code: e
        for e in ProgressEntry.objects.filter(municipality=submission.municipality, year=2015)
    }
    assert (entries["1.2"].status, entries["1.2"].narrative, entries["1.2"].quantity) == (
        Status.IMPLEMENTED,
        "Jauns dienas centrs.",
        3,
    )
    assert (entries["1.3"].status, entries["1.3"].planned_quantity) == (
        Status.PARTIAL,
        1234,
    )
    assert entries["1.1"].narrative == "Atvērts dienas centrs.\r\nStrādā 5 dienas nedēļā."
    figures = YearlyFigures.objects.get(municipality=submission.municipality, year=2015)
    assert (figures.clients, figures.social_budget) == (250, 1000)
    submission.refresh_from_db()
    assert (submission.version, submission.state) == (1, Submission.State.DRAFT)
    assert token not in client.session.get(workbook_views.SESSION_KEY, {})


def test_an_unchanged_workbook_has_nothing_to_save(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    response = _upload(client, submission, _file(_download(client, submission)))
    assert response.status_code == 200
    assert response.context["result"].changes == []
    assert response.context["token"] is None
    assert 'name="token"' not in response.content.decode()


def test_it_accepts_name_variants_any_case_values_and_numbers_as_text(jelgava_staff, submission):
    book = openpyxl.load_workbook(io.BytesIO(writing.submission_workbook(submission)))
    book["Pārskats"]["B1"] = "Jelgavas pilsēta"
    book["Pārskats"]["B2"] = "2015"
    tasks = book["Uzdevumi"]
    tasks.cell(_row(tasks, "1.1"), 3).value = None  # an empty status is allowed in a draft
    tasks.cell(_row(tasks, "1.2"), 3, "  IZPILDĪTS ")
    tasks.cell(_row(tasks, "1.3"), 3, "not_relevant")
    tasks.cell(_row(tasks, "1.3"), 5, "12")
    indicators = book["Rādītāji"]
    indicators.cell(_row(indicators, "D-2"), 3, "-1,5")  # indicator values may fall

    result = reading.parse_workbook(submission, _file(book))

    assert result.is_valid, result.errors
    node = {n.code: n.pk for n in services.reportable_nodes(submission.round.programme)}
    assert result.data.entries[node["1.1"]]["status"] == ""
    assert result.data.entries[node["1.2"]]["status"] == Status.IMPLEMENTED
    assert result.data.entries[node["1.3"]]["status"] == Status.NOT_RELEVANT
    assert result.data.entries[node["1.3"]]["quantity"] == Decimal(12)
    assert [v["value"] for v in result.data.indicator_values.values()] == [Decimal("-1.5")]
    assert result.data.figures is None  # the figures sheet is unchanged


def test_the_upload_page_has_a_labelled_file_field(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    html = client.get(reverse("monitoring:workbook-upload", args=[submission.pk])).content.decode()
    assert '<label for="id_workbook">' in html
    assert 'enctype="multipart/form-data"' in html
    assert reverse("monitoring:workbook", args=[submission.pk]) in html


def _preview_one_change(client, submission):
    book = _download(client, submission)
    book["Uzdevumi"].cell(_row(book["Uzdevumi"], "1.2"), 4, "No darbgrāmatas.")
    response = _upload(client, submission, _file(book))
    assert response.status_code == 200
    return response.context["token"]


def test_a_stale_version_at_confirm_is_refused(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    token = _preview_one_change(client, submission)
    node = submission.round.programme.nodes.get(code="2.1")
    services.submission_save(
        submission=submission,
        by=jelgava_staff,
        version=0,
        data=services.SubmissionData(entries={node.pk: {"narrative": "Saglabāts formā."}}),
    )
    before = _saved(submission)

    response = client.post(
        reverse("monitoring:workbook-confirm", args=[submission.pk]), {"token": token}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse(
        "monitoring:workbook-upload", args=[submission.pk]
    )
    assert [str(m) for m in response.context["messages"]] == [_lv(workbook_views.UPLOAD_CONFLICT)]
    assert _saved(submission) == before
    assert not ProgressEntry.objects.filter(narrative="No darbgrāmatas.").exists()


def test_an_unknown_or_used_token_is_refused(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    token = _preview_one_change(client, submission)
    confirm = reverse("monitoring:workbook-confirm", args=[submission.pk])
    before = _saved(submission)

    response = client.post(confirm, {"token": "nav-tāda"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [_lv(workbook_views.UPLOAD_EXPIRED)]
    assert _saved(submission) == before
    response = client.post(confirm, {"token": token}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [_lv(workbook_views.UPLOAD_SAVED)]
    assert _saved(submission)[0] == 1
    response = client.post(confirm, {"token": token}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [_lv(workbook_views.UPLOAD_EXPIRED)]
    assert _saved(submission)[0] == 1


def test_it_keeps_decimals_and_ids_through_the_session():
    data = services.SubmissionData(
        entries={7: {"status": "", "narrative": "", "quantity": 150}},
        indicator_values={3: {"value": Decimal("-2"), "text": "x"}},
        figures={"currency": "EUR", "clients": 4, "social_budget": Decimal("10.25")},
    )

    stored = json.loads(json.dumps(workbook_views.data_to_json(data)))
    assert workbook_views.data_from_json(stored) == data
