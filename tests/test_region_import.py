"""The coordinator's region workbook goes out with every municipality's entries of the year and
comes back: each change is shown per report before it is saved, saved only when confirmed,
for every report at once, with the import named in the entries' history and each report's
version moved on; a preview made stale by someone's save imports nothing and names the report;
only the region's coordinator reaches any of it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from monitoring import region_import_views, rules, services
from monitoring.models import ProgressEntry, ReportingRound, Status, Submission
from monitoring.workbook import keys, region
from monitoring.workbook.layout import NOT_APPLICABLE, TASK_HEADERS
from monitoring.workbook.region import ENTRY_HEADERS, SHEET_ENTRIES
from monitoring.workbook.result import Change
from programmes.models import Programme
from tests.region_workbooks import as_upload, confirm, download, fill, row_of, saved, upload
from tests.workbooks import _lv

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, people):
    client.force_login(people.zemgale_coordinator)
    return people.zemgale_coordinator


def _nodes():
    return {n.code: n for n in services.reportable_nodes(Programme.objects.get(slug="zemgale"))}


def test_the_workbook_has_a_row_per_municipality_and_task(client, coordinator, zemgale_round):
    jelgava = zemgale_round.submissions.get(municipality__name="Jelgava")
    services.submission_save(
        submission=jelgava,
        by=coordinator,
        version=0,
        data=services.SubmissionData(
            entries={_nodes()["1.1"].pk: {"status": Status.IMPROVED, "narrative": "=1+1"}}
        ),
    )

    book = download(client, zemgale_round)

    sheet = book[SHEET_ENTRIES]
    assert [c.value for c in sheet[1]] == list(ENTRY_HEADERS)
    assert ENTRY_HEADERS[1:] == TASK_HEADERS
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == zemgale_round.submissions.count() * len(_nodes())
    assert {row[0] for row in rows} == set(
        zemgale_round.submissions.values_list("municipality__name", flat=True)
    )
    saved_row = sheet[row_of(book, "Jelgava", "1.1")]
    assert [c.value for c in saved_row[1:5]] == [
        "1.1",
        _nodes()["1.1"].title,
        rules.status_label(Status.IMPROVED),
        "=1+1",
    ]
    assert saved_row[4].data_type == "s"  # text that looks like a formula stays text
    assert saved_row[6].value == NOT_APPLICABLE  # the programme plans no number here
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref) == f"D2:D{len(rows) + 1}"
    assert rules.status_label(Status.PARTIAL) in validation.formula1
    summary = dict(book["Pārskats"].iter_rows(values_only=True))
    assert (summary["Programma"], summary["Gads"]) == ("zemgale", 2015)


def test_it_round_trips_two_reports(client, coordinator, people, zemgale_round):
    book = download(client, zemgale_round)
    fill(book, "Jelgava", "1.2", status="izpildīts", narrative="Jauns dienas centrs.")
    fill(book, "Dobeles novads", "1.3", status="Daļēji izpildīts")
    before = saved(zemgale_round)

    response = upload(client, zemgale_round, as_upload(book))

    assert response.status_code == 200
    result = response.context["result"]
    assert result.errors == []
    assert [r.submission.municipality.name for r in result.reports] == ["Dobeles novads", "Jelgava"]
    assert result.reports[0].changes == [
        Change(SHEET_ENTRIES, "1.3", "Statuss", "", _lv(Status.PARTIAL.label))
    ]
    assert result.reports[1].changes == [
        Change(SHEET_ENTRIES, "1.2", "Statuss", "", _lv(Status.IMPLEMENTED.label)),
        Change(SHEET_ENTRIES, "1.2", "Izpildes apraksts", "", "Jauns dienas centrs."),
    ]
    html = response.content.decode()
    assert "Jauns dienas centrs." in html and 'name="token"' in html
    assert saved(zemgale_round) == before  # nothing saved yet

    token = response.context["token"]
    response = confirm(client, zemgale_round, token, follow=True)

    assert response.redirect_chain == [(zemgale_round.get_absolute_url(), 302)]
    with translation.override("lv"):
        done = ngettext(
            "The import changed %(count)d report: %(names)s.",
            "The import changed %(count)d reports: %(names)s.",
            2,
        ) % {"count": 2, "names": "Dobeles novads, Jelgava"}
    assert [str(m) for m in response.context["messages"]] == [done]
    entry = ProgressEntry.objects.get(node=_nodes()["1.2"], municipality=people.jelgava, year=2015)
    assert (entry.status, entry.narrative) == (Status.IMPLEMENTED, "Jauns dienas centrs.")
    record = entry.history.get()
    assert record.history_user == coordinator
    assert record.history_change_reason == _lv(
        region_import_views.IMPORT_REASON, round="Zemgale 2015"
    )
    dobele = ProgressEntry.objects.get(node=_nodes()["1.3"], municipality=people.dobele)
    assert dobele.status == Status.PARTIAL
    for submission in zemgale_round.submissions.filter(
        municipality__in=[people.jelgava, people.dobele]
    ):
        assert (submission.version, submission.state) == (1, Submission.State.DRAFT)
        assert submission.updated_by == coordinator
        assert not submission.history.latest("history_date").history_change_reason
    assert zemgale_round.submissions.filter(version=0).count() == 20
    assert token not in client.session[region_import_views.SESSION_KEY]
    response = confirm(client, zemgale_round, token, follow=True)  # used once
    assert [str(m) for m in response.context["messages"]] == [
        _lv(region_import_views.IMPORT_EXPIRED)
    ]


def test_an_unchanged_workbook_has_nothing_to_import(client, coordinator, zemgale_round):
    response = upload(client, zemgale_round, as_upload(download(client, zemgale_round)))

    assert response.status_code == 200
    assert response.context["result"].reports == []
    assert response.context["token"] is None
    assert 'name="token"' not in response.content.decode()


def test_one_bad_row_changes_nothing(client, coordinator, zemgale_round):
    book = download(client, zemgale_round)
    fill(book, "Jelgava", "1.2", status="izpildīts")
    bad = fill(book, "Dobeles novads", "1.3", status="gandrīz")
    before = saved(zemgale_round)

    response = upload(client, zemgale_round, as_upload(book))

    assert response.status_code == 400
    result = response.context["result"]
    assert result.reports == []
    (error,) = result.errors
    assert (error.sheet, error.row, error.column) == (SHEET_ENTRIES, bad, "D (Statuss)")
    with translation.override("lv"), pytest.raises(rules.CellError) as refused:
        rules.STATUS.clean("gandrīz")  # the words of the form and the submission workbook
    assert error.message == str(refused.value)
    html = response.content.decode()
    assert 'name="token"' not in html
    assert "D (Statuss)" in html
    assert saved(zemgale_round) == before
    assert region_import_views.SESSION_KEY not in client.session


def test_other_regions_unknown_names_codes_and_duplicates_are_refused(
    client, coordinator, zemgale_round
):
    book = download(client, zemgale_round)
    outside = fill(book, "Jelgava", "1.1", municipality="Daugavpils", status="izpildīts")
    unknown = fill(book, "Jelgava", "1.2", municipality="Atlantīda")
    no_task = fill(book, "Jelgava", "1.3", code="9.9")
    regional = fill(book, "Jelgava", "1.4", code="1.11")
    first = row_of(book, "Dobeles novads", "2.1")
    twice = fill(book, "Dobeles novads", "2.2", code="2.1")
    empty = fill(book, "Dobeles novads", "2.3", municipality=None)

    response = upload(client, zemgale_round, as_upload(book))

    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert errors == {
        (outside, "A (Pašvaldība)"): _lv(
            region.OUTSIDE_REGION, municipality="Daugavpils", region="Zemgale"
        ),
        (unknown, "A (Pašvaldība)"): _lv(keys.UNKNOWN_MUNICIPALITY, name="Atlantīda"),
        (no_task, "B (Kods)"): _lv(keys.UNKNOWN_TASK, code="9.9"),
        (regional, "B (Kods)"): _lv(keys.NOT_MUNICIPAL_TASK, code="1.11"),
        (twice, ""): _lv(keys.DUPLICATE_ROW, key="Dobeles novads 2.1", row=first),
        (empty, "A (Pašvaldība)"): _lv(region.MISSING_MUNICIPALITY),
    }


def test_a_formula_without_its_value_is_refused(client, coordinator, zemgale_round):
    book = download(client, zemgale_round)
    number = fill(book, "Jelgava", "1.2", quantity="=1+1")

    response = upload(client, zemgale_round, as_upload(book))

    assert response.status_code == 400
    (error,) = response.context["result"].errors
    assert (error.sheet, error.row) == (SHEET_ENTRIES, number)
    assert f"F{number}" in error.message


def test_a_workbook_of_another_year_is_refused(client, coordinator, zemgale_round):
    book = download(client, zemgale_round)
    book["Pārskats"]["B3"] = 2014
    fill(book, "Jelgava", "1.2", status="izpildīts")

    response = upload(client, zemgale_round, as_upload(book))

    assert response.status_code == 400
    (error,) = response.context["result"].errors
    assert (error.sheet, error.row) == ("Pārskats", 3)
    assert error.message == _lv(region.WRONG_ROUND_YEAR, found=2014, year=2015)


def test_a_handed_in_report_is_not_changed(client, coordinator, people, zemgale_round):
    jelgava = zemgale_round.submissions.get(municipality=people.jelgava)
    statuses = {node.pk: {"status": Status.IMPLEMENTED} for node in _nodes().values()}
    jelgava = services.submission_save(
        submission=jelgava, by=coordinator, version=0, data=services.SubmissionData(statuses)
    )
    services.submission_submit(submission=jelgava, by=people.jelgava_staff)
    book = download(client, zemgale_round)
    fill(book, "Dobeles novads", "1.2", status="izpildīts")
    response = upload(client, zemgale_round, as_upload(book))
    assert response.status_code == 200  # the submitted report's rows are as saved: no error
    assert [r.submission.municipality for r in response.context["result"].reports] == [
        people.dobele
    ]

    number = fill(book, "Jelgava", "1.2", narrative="Vēl viens teikums.")
    response = upload(client, zemgale_round, as_upload(book))

    assert response.status_code == 400
    (error,) = response.context["result"].errors
    assert (error.row, error.column) == (number, "E (Izpildes apraksts)")
    assert error.message == _lv(
        region.REPORT_LOCKED,
        municipality="Jelgava",
        state=_lv(Submission.State.SUBMITTED.label),
    )


def test_a_stale_preview_imports_nothing_and_names_the_report(
    client, coordinator, people, zemgale_round
):
    book = download(client, zemgale_round)
    fill(book, "Jelgava", "1.2", status="izpildīts")
    fill(book, "Dobeles novads", "1.2", status="izpildīts")
    token = upload(client, zemgale_round, as_upload(book)).context["token"]
    jelgava = zemgale_round.submissions.get(municipality=people.jelgava)
    services.submission_save(
        submission=jelgava,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(entries={_nodes()["2.1"].pk: {"narrative": "Formā."}}),
    )
    before = saved(zemgale_round)

    response = confirm(client, zemgale_round, token, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "monitoring:region-import", args=[zemgale_round.pk]
    )
    assert [str(m) for m in response.context["messages"]] == [
        _lv(region_import_views.IMPORT_CONFLICT, names="Jelgava")
    ]
    assert saved(zemgale_round) == before  # Dobele's change is not saved either


def test_a_report_past_its_deadline_is_not_changed(client, coordinator, zemgale_round):
    book = download(client, zemgale_round)
    fill(book, "Jelgava", "1.2", status="izpildīts")
    token = upload(client, zemgale_round, as_upload(book)).context["token"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ReportingRound.objects.filter(pk=zemgale_round.pk).update(deadline=yesterday)
    before = saved(zemgale_round)

    response = confirm(client, zemgale_round, token, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        _lv(region_import_views.IMPORT_LOCKED, names="Jelgava")
    ]
    assert saved(zemgale_round) == before
    response = upload(client, zemgale_round, as_upload(book))
    assert response.status_code == 400
    (error,) = response.context["result"].errors
    assert error.message == _lv(region.REPORT_PAST_DEADLINE, municipality="Jelgava")


@pytest.mark.parametrize(
    "user", ["jelgava_staff", "latgale_coordinator", "zemgale_council", "national"]
)
def test_only_the_regions_coordinator_gets_in(client, people, zemgale_round, user):
    client.force_login(getattr(people, user))
    pk = zemgale_round.pk
    upload_url = reverse("monitoring:region-import", args=[pk])
    assert client.get(reverse("monitoring:region-workbook", args=[pk])).status_code == 404
    assert client.get(upload_url).status_code == 404
    assert client.post(upload_url).status_code == 404
    assert client.post(reverse("monitoring:region-import-confirm", args=[pk])).status_code == 404


def test_the_year_page_links_the_import_for_its_coordinator_only(client, people, zemgale_round):
    link = reverse("monitoring:region-import", args=[zemgale_round.pk])
    client.force_login(people.zemgale_coordinator)
    html = client.get(zemgale_round.get_absolute_url()).content.decode()
    assert link in html
    assert reverse("monitoring:region-workbook", args=[zemgale_round.pk]) in html
    page = client.get(link).content.decode()
    assert zemgale_round.get_absolute_url() in page  # the way back
    assert '<label for="id_workbook">' in page
    client.force_login(people.national)
    assert link not in client.get(zemgale_round.get_absolute_url()).content.decode()
