"""A submission goes out as an Excel workbook and comes back: every change is shown before it
is saved, every bad cell is named, and a bad workbook changes nothing."""

import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from monitoring import downloads, rules, services, workbook_views
from monitoring.models import Membership, ProgressEntry, ReportingRound, Status, Submission
from monitoring.resources import (
    MUNICIPALITY_OUTSIDE_REGION,
    YEAR_OUTSIDE_PROGRAMME,
    ProgressEntryResource,
)
from monitoring.workbook import keys, layout, reading, upload, writing
from monitoring.workbook.reading import Change, RowError
from municipalities.models import Municipality, YearlyFigures
from programmes.models import IndicatorValue, Programme
from tests.factories import municipality_create, programme_create

pytestmark = pytest.mark.django_db

DOWNLOAD_QUERIES = 9


def _person(username, role, **scope):
    user = get_user_model().objects.create_user(username)
    Membership.objects.create(user=user, role=role, **scope)
    return user


def _open_round(programme, year, by):
    return ReportingRound.objects.create(
        programme=programme,
        year=year,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        opened_by=by,
    )


@pytest.fixture
def jelgava():
    return Municipality.resolve("Jelgava", year=2015)


@pytest.fixture
def jelgava_staff(jelgava):
    return _person("darbiniece-jelgava", "staff", municipality=jelgava)


@pytest.fixture
def dobele_staff():
    return _person(
        "darbiniece-dobele", "staff", municipality=Municipality.resolve("Dobele", year=2015)
    )


@pytest.fixture
def submission(jelgava):
    """Jelgava's 2015 report, with task 1.1 and the social budget already saved."""
    coordinator = _person("koordinatore-zemgale", "coordinator", region=jelgava.region)
    zemgale = Programme.objects.get(slug="zemgale")
    submission = Submission.objects.create(
        round=_open_round(zemgale, 2015, coordinator), municipality=jelgava
    )
    ProgressEntry.objects.create(
        node=zemgale.nodes.get(code="1.1"),
        municipality=jelgava,
        year=2015,
        status=Status.IMPROVED,
        narrative="Atvērts dienas centrs.\r\nStrādā 5 dienas nedēļā.",
        quantity=Decimal("2.00"),
    )
    YearlyFigures.objects.create(municipality=jelgava, year=2015, social_budget=Decimal("1000"))
    return submission


def _download(client, submission):
    response = client.get(reverse("monitoring:workbook", args=[submission.pk]))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.getvalue()))


def _file(book, name="jelgava-2015.xlsx"):
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=downloads.XLSX)


def _row(sheet, code):
    return next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == code)


def _upload(client, submission, uploaded):
    return client.post(
        reverse("monitoring:workbook-upload", args=[submission.pk]), {"workbook": uploaded}
    )


def _saved(submission):
    """Everything an upload could change, to compare before and after."""
    municipality, year = submission.municipality, submission.round.year
    submission.refresh_from_db()
    return (
        submission.version,
        sorted(
            ProgressEntry.objects.filter(municipality=municipality, year=year).values_list(
                "node__code", "status", "narrative", "quantity", "planned_quantity"
            )
        ),
        list(IndicatorValue.objects.filter(municipality=municipality, year=year).values()),
        list(YearlyFigures.objects.filter(municipality=municipality, year=year).values()),
    )


class _Message:
    """A message made by a function (plural forms) where the others are % templates."""

    def __init__(self, make):
        self.make = make

    def __mod__(self, values):
        return self.make(**values)


def _lv(message, **values):
    with translation.override("lv"):
        return str(message % values) if values else str(message)


def test_the_workbook_holds_what_is_saved(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    response = client.get(reverse("monitoring:workbook", args=[submission.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="jelgava-2015.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == ["Pārskats", "Uzdevumi", "Rādītāji", "Finanses"]
    summary = {row[0]: row[1] for row in book["Pārskats"].iter_rows(values_only=True)}
    assert (summary["Pašvaldība"], summary["Gads"], summary["Programma"]) == (
        "Jelgava",
        2015,
        "zemgale",
    )
    tasks = book["Uzdevumi"]
    assert [c.value for c in tasks[1]] == list(layout.TASK_HEADERS)
    assert tasks[1][0].font.b
    codes = [row[0] for row in tasks.iter_rows(min_row=2, values_only=True)]
    assert codes[6:9] == ["1.9", "1.10", "2.1"]  # natural order, and 1.11 is the region's
    first = next(tasks.iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[0] == "1.1"
    assert first[2] == _lv(Status.IMPROVED.label)
    assert first[4] == 2 and isinstance(first[4], int | float)  # a number, not text
    (validation,) = tasks.data_validations.dataValidation
    assert str(validation.sqref) == f"C2:C{len(codes) + 1}"
    assert _lv(Status.PARTIAL.label) in validation.formula1
    indicators = [row[0] for row in book["Rādītāji"].iter_rows(min_row=2, values_only=True)]
    assert indicators[:2] == ["D-1", "D-2"] and len(indicators) == 14
    figures = dict(book["Finanses"].iter_rows(min_row=2, values_only=True))
    assert figures["Sociālais budžets"] == 1000
    assert "Valūta" not in figures  # euro years have no currency row


def test_it_round_trips_two_tasks_and_a_figure(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    book = _download(client, submission)
    tasks = book["Uzdevumi"]
    row = _row(tasks, "1.2")
    tasks.cell(row, 3, "izpildīts")
    tasks.cell(row, 4, "Jauns dienas centrs.")
    tasks.cell(row, 5, 3)
    row = _row(tasks, "1.3")
    tasks.cell(row, 3, "Daļēji izpildīts")
    tasks.cell(row, 6, "1 234,50")
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
        Change("Uzdevumi", "1.3", "Plānotais skaits", "", "1234.5"),
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
        Decimal("1234.50"),
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


def _set(sheet, cell, value):
    def change(book):
        book[sheet][cell] = value

    return change


def _in_row_of(sheet, code, column, value):
    def change(book):
        book[sheet].cell(_row(book[sheet], code), column, value)

    return change


def _delete_sheet(book):
    del book["Uzdevumi"]


def _duplicate_first_task(book):
    book["Uzdevumi"]["A3"] = book["Uzdevumi"]["A2"].value


ERROR_CASES = {
    "missing sheet": (
        _delete_sheet,
        ("Uzdevumi", None, reading.MISSING_SHEET, {"sheet": "Uzdevumi"}),
    ),
    "wrong headers": (
        _set("Uzdevumi", "C1", "Stāvoklis"),
        ("Uzdevumi", 1, reading.WRONG_HEADERS, {"columns": " | ".join(layout.TASK_HEADERS)}),
    ),
    "another municipality": (
        _set("Pārskats", "B1", "Dobeles novads"),
        (
            "Pārskats",
            1,
            reading.WRONG_MUNICIPALITY,
            {"name": "Dobeles novads", "municipality": "Jelgava"},
        ),
    ),
    "unknown municipality": (
        _set("Pārskats", "B1", "Jelgavas apriņķis"),
        ("Pārskats", 1, keys.UNKNOWN_MUNICIPALITY, {"name": "Jelgavas apriņķis"}),
    ),
    "wrong year": (
        _set("Pārskats", "B2", 2014),
        ("Pārskats", 2, reading.WRONG_YEAR, {"found": 2014, "year": 2015}),
    ),
    "unknown task code": (
        _set("Uzdevumi", "A2", "9.9"),
        ("Uzdevumi", 2, keys.UNKNOWN_TASK, {"code": "9.9"}),
    ),
    "the region's task": (
        _set("Uzdevumi", "A2", "1.11"),
        ("Uzdevumi", 2, keys.NOT_MUNICIPAL_TASK, {"code": "1.11"}),
    ),
    "a block": (
        _set("Uzdevumi", "A2", "1"),
        ("Uzdevumi", 2, keys.NOT_MUNICIPAL_TASK, {"code": "1"}),
    ),
    "duplicate task": (
        _duplicate_first_task,
        ("Uzdevumi", 3, keys.DUPLICATE_ROW, {"key": "1.1", "row": 2}),
    ),
    "unknown status": (
        _in_row_of("Uzdevumi", "1.2", 3, "gandrīz gatavs"),
        (
            "Uzdevumi",
            3,
            rules.UNKNOWN_STATUS,
            {
                "value": "gandrīz gatavs",
                "choices": ", ".join(rules.status_label(s) for s in Status.values),
            },
        ),
    ),
    "text in a number cell": (
        _in_row_of("Uzdevumi", "1.2", 5, "daudz"),
        ("Uzdevumi", 3, rules.NOT_A_NUMBER, {"value": "daudz"}),
    ),
    "negative number": (
        _in_row_of("Uzdevumi", "1.2", 6, -3),
        ("Uzdevumi", 3, rules.NEGATIVE_NUMBER, {}),
    ),
    "narrative too long": (
        _in_row_of("Uzdevumi", "1.2", 4, "ā" * 5001),
        ("Uzdevumi", 3, _Message(rules.text_too_long), {"length": 5001, "maximum": 5000}),
    ),
    "unknown indicator": (
        _set("Rādītāji", "A2", "X-1"),
        ("Rādītāji", 2, reading.UNKNOWN_INDICATOR, {"code": "X-1"}),
    ),
    "unknown figure": (
        _set("Finanses", "A2", "Budžets kopā"),
        ("Finanses", 2, reading.UNKNOWN_FIGURE, {"label": "Budžets kopā"}),
    ),
    "negative amount": (
        _in_row_of("Finanses", "Sociālais budžets", 2, "-5"),
        ("Finanses", 2, rules.NEGATIVE_NUMBER, {}),
    ),
}


@pytest.mark.parametrize("case", ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_a_bad_cell_is_named_and_nothing_changes(client, jelgava_staff, submission, case):
    change, (sheet, row, message, values) = case
    client.force_login(jelgava_staff)
    book = _download(client, submission)
    tasks = book["Uzdevumi"]
    tasks.cell(_row(tasks, "1.3"), 3, "izpildīts")  # a good change beside the bad one
    change(book)
    before = _saved(submission)

    response = _upload(client, submission, _file(book))

    assert response.status_code == 400
    result = response.context["result"]
    assert result.errors == [RowError(sheet, row, _lv(message, **values))]
    assert not result.is_valid
    assert (result.changes, result.data.entries, result.data.figures) == ([], {}, None)
    assert 'role="alert"' in response.content.decode()
    assert not client.session.get(workbook_views.SESSION_KEY)
    assert _saved(submission) == before


def test_an_unreadable_file_is_refused(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    uploaded = SimpleUploadedFile(
        "jelgava-2015.xlsx", b"PK\x03\x04 not really", content_type=downloads.XLSX
    )
    before = _saved(submission)
    response = _upload(client, submission, uploaded)
    assert response.status_code == 400
    assert response.context["result"].errors == [RowError("", None, _lv(upload.NOT_A_WORKBOOK))]
    assert _saved(submission) == before


@pytest.mark.parametrize(
    ("name", "content_type", "size", "message"),
    [
        ("parskats.csv", "text/csv", 100, upload.NOT_XLSX),
        ("parskats.xls", "application/vnd.ms-excel", 100, upload.NOT_XLSX),
        ("parskats.xlsx", "text/html", 100, upload.NOT_XLSX),
        ("parskats.xlsx", downloads.XLSX, upload.MAX_UPLOAD_BYTES + 1, None),
    ],
)
def test_other_files_and_large_files_are_refused(
    client, jelgava_staff, submission, name, content_type, size, message
):
    client.force_login(jelgava_staff)
    uploaded = SimpleUploadedFile(name, b"PK" + b"0" * (size - 2), content_type=content_type)
    response = _upload(client, submission, uploaded)
    assert response.status_code == 400
    expected = message or upload.FILE_TOO_LARGE % {"size": upload.MAX_UPLOAD_MB}
    assert response.context["form"].errors["workbook"] == [_lv(expected)]
    assert 'role="alert"' in response.content.decode()


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
        entries={7: {"status": "", "narrative": "", "quantity": Decimal("1.50")}},
        indicator_values={3: {"value": Decimal("-2"), "text": "x"}},
        figures={"currency": "EUR", "clients": 4, "social_budget": Decimal("10.25")},
    )

    stored = json.loads(json.dumps(workbook_views.data_to_json(data)))
    assert workbook_views.data_from_json(stored) == data


@pytest.mark.parametrize("size", [1, 5])
def test_download_makes_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    programme = programme_create(blocks=size, tasks_per_block=size, indicators=2 * size)
    municipality = municipality_create(programme.region)
    staff = _person(f"darbinieks-{municipality.slug}", "staff", municipality=municipality)
    submission = Submission.objects.create(
        round=_open_round(programme, 2015, staff), municipality=municipality
    )
    for node in services.reportable_nodes(programme):
        ProgressEntry.objects.create(node=node, municipality=municipality, year=2015, status="")
    for indicator in programme.indicators.all():
        IndicatorValue.objects.create(indicator=indicator, municipality=municipality, year=2015)
    client.force_login(staff)

    with django_assert_num_queries(DOWNLOAD_QUERIES):
        response = client.get(reverse("monitoring:workbook", args=[submission.pk]))

    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert book["Uzdevumi"].max_row == size * size + 1


# --- the admin's bulk import -------------------------------------------------------------


def _import_file(rows):
    """Rows as the admin reads them from an uploaded .xlsx file."""
    dataset = tablib.Dataset(*rows, headers=list(ProgressEntryResource.Meta.fields))
    return tablib.Dataset().load(dataset.export("xlsx"), format="xlsx")


GOOD_ROWS = [
    ("zemgale", 2015, "Jelgavas pilsēta", "1.2", "izpildīts", "Importēts.", "1 234,50", None),
    ("zemgale", 2015, "", "1.11", "nav īstenots", "Reģiona ieraksts.", None, None),
    ("zemgale", 2015, "Dobele", "2.1", "improved", "", 4, 5),
]


def _entries():
    return sorted(
        ProgressEntry.objects.filter(year=2015).values_list(
            "node__code", "municipality__name", "status", "narrative", "quantity"
        ),
        key=str,
    )


def test_the_admin_import_creates_and_updates_entries():
    result = ProgressEntryResource().import_data(_import_file(GOOD_ROWS))

    assert not result.has_errors() and not result.has_validation_errors()
    jelgava = ProgressEntry.objects.get(
        node__code="1.2", node__programme__slug="zemgale", year=2015, municipality__name="Jelgava"
    )
    assert (jelgava.municipality.name, jelgava.status, jelgava.quantity) == (
        "Jelgava",
        Status.IMPLEMENTED,
        Decimal("1234.50"),
    )
    region = ProgressEntry.objects.get(
        node__code="1.11", node__programme__slug="zemgale", year=2015
    )
    assert region.municipality is None and region.status == Status.NOT_IMPLEMENTED

    again = [("zemgale", 2015, "Jelgava", "1.2", "uzlabojies", "Labots.", 2, None)]
    ProgressEntryResource().import_data(_import_file(again))
    jelgava.refresh_from_db()
    assert (jelgava.status, jelgava.narrative) == (Status.IMPROVED, "Labots.")
    assert ProgressEntry.objects.filter(year=2015).count() == 3


BAD_ROWS = {
    "unknown code": (
        ("zemgale", 2015, "Jelgava", "9.9", "", "", None, None),
        "code",
        keys.UNKNOWN_TASK,
        {"code": "9.9"},
    ),
    "the region's task for a municipality": (
        ("zemgale", 2015, "Jelgava", "1.11", "", "x", None, None),
        "code",
        keys.NOT_MUNICIPAL_TASK,
        {"code": "1.11"},
    ),
    "unknown municipality": (
        ("zemgale", 2015, "Rīga", "1.2", "", "x", None, None),
        "municipality",
        keys.UNKNOWN_MUNICIPALITY,
        {"name": "Rīga"},
    ),
    "municipality of another region": (
        ("zemgale", 2015, "Balvu novads", "1.2", "", "x", None, None),
        "municipality",
        MUNICIPALITY_OUTSIDE_REGION,
        {"municipality": "Balvu novads", "programme": "zemgale"},
    ),
    "year outside the programme": (
        ("zemgale", 2030, "Jelgava", "1.2", "", "x", None, None),
        "year",
        YEAR_OUTSIDE_PROGRAMME,
        {"first": 2010, "last": 2017},
    ),
    "bad status": (
        ("zemgale", 2015, "Jelgava", "1.2", "pabeigts", "", None, None),
        "status",
        rules.UNKNOWN_STATUS,
        {
            "value": "pabeigts",
            "choices": ", ".join(rules.status_label(s) for s in Status.values),
        },
    ),
    "text in a number cell": (
        ("zemgale", 2015, "Jelgava", "1.2", "", "", "daži", None),
        "quantity",
        rules.NOT_A_NUMBER,
        {"value": "daži"},
    ),
    "duplicate row": (
        ("zemgale", 2015, "Jelgavas valstspilsēta", "1.2", "", "Vēlreiz.", None, None),
        "code",
        keys.DUPLICATE_ROW,
        {"key": "1.2", "row": 1},
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_the_admin_import_with_one_bad_row_changes_nothing(case):
    bad_row, column, message, values = case
    before = _entries()

    result = ProgressEntryResource().import_data(_import_file([*GOOD_ROWS, bad_row]))

    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert invalid.number == len(GOOD_ROWS) + 1
    assert invalid.error_dict == {column: [str(message % values)]}
    assert _entries() == before


def test_the_admin_export_writes_labels_and_keys():
    ProgressEntryResource().import_data(_import_file(GOOD_ROWS[:1]))
    entries = ProgressEntry.objects.filter(year=2015, municipality__name="Jelgava")
    dataset = ProgressEntryResource().export(entries)
    assert dataset.headers == list(ProgressEntryResource.Meta.fields)
    assert dataset[0] == (
        "zemgale",
        2015,
        "Jelgava",
        "1.2",
        rules.status_label(Status.IMPLEMENTED),
        "Importēts.",
        Decimal("1234.50"),
        None,
    )


def test_the_workbook_is_latvian_in_the_english_interface(client, jelgava_staff, submission):
    client.force_login(jelgava_staff)
    client.cookies["django_language"] = "en"
    book = _download(client, submission)
    assert [c.value for c in book["Uzdevumi"][1]] == list(layout.TASK_HEADERS)
    first = next(book["Uzdevumi"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[2] == rules.status_label(Status.IMPROVED)
    assert "Sociālais budžets" in dict(book["Finanses"].iter_rows(min_row=2, values_only=True))


def test_a_year_before_the_euro_has_a_currency_row(jelgava_staff, submission):
    submission.round.year = 2013
    submission.round.save()
    book = openpyxl.load_workbook(io.BytesIO(writing.submission_workbook(submission)))
    figures = book["Finanses"]
    assert figures.cell(_row(figures, "Valūta"), 2).value == "EUR"
    figures.cell(_row(figures, "Valūta"), 2, "lvl")
    figures.cell(_row(figures, "Sociālais budžets"), 2, 700.5)
    book["Pārskats"]["B2"] = 2013

    result = reading.parse_workbook(submission, _file(book))

    assert result.is_valid, result.errors
    assert result.data.figures["currency"] == "LVL"
    assert result.data.figures["social_budget"] == Decimal("700.5")


def test_text_that_looks_like_a_formula_stays_text(submission):
    entry = ProgressEntry.objects.get(municipality=submission.municipality, year=2015)
    entry.narrative = '=HYPERLINK("http://example.com")\x0b'
    entry.save()
    book = openpyxl.load_workbook(io.BytesIO(writing.submission_workbook(submission)))
    cell = book["Uzdevumi"].cell(_row(book["Uzdevumi"], "1.1"), 4)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com")', "s")
