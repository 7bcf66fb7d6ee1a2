"""A bad workbook is refused with a clear Latvian message and changes nothing: the corpus of
tests/bad_inputs/ (written by make_corpus.py there, each workbook differing from good.xlsx in one
thing), an empty file and an oversized one. Every case compares `snapshot()` (every report row
and every history table's size) before and after; the messages are the Latvian ones of
locale/lv/LC_MESSAGES/django.po, written out so that a missing or changed translation shows up
here."""

import io
import zipfile

import pytest
from django.utils.html import escape

from monitoring import services, workbook_views
from monitoring.workbook import upload
from monitoring.workbook.result import RowError
from tests.bad_inputs.make_corpus import corpus
from tests.snapshot import snapshot
from tests.workbooks import CORPUS, _upload, _upload_file

pytestmark = pytest.mark.django_db

WORKBOOK_HAS_ERRORS = "Darbgrāmatā ir kļūdas, tāpēc nekas netika mainīts"
NOT_A_WORKBOOK = "Failu nevar nolasīt kā Excel darbgrāmatu (.xlsx)."


def _members(content: bytes) -> dict[str, bytes] | bytes:
    """A zip's members (compression may differ between zlib versions), or the bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    except zipfile.BadZipFile:
        return content


def test_the_committed_corpus_is_what_make_corpus_writes():
    committed = {path.name: path.read_bytes() for path in CORPUS.glob("*.xlsx")}
    written = corpus()
    assert sorted(committed) == sorted(written)
    for name, content in written.items():
        if name == "truncated.xlsx":
            good = committed["good.xlsx"]
            assert committed[name] == good[: len(good) // 2], name
        else:
            assert _members(committed[name]) == _members(content), name


def test_the_good_workbook_of_the_corpus_is_accepted_and_the_preview_saves_nothing(
    client, people, jelgava_submission
):
    """The bad workbooks differ from this one in one thing each: it is their control."""
    client.force_login(people.jelgava_staff)
    before = snapshot()
    response = _upload(client, jelgava_submission, _upload_file("good.xlsx"))
    assert response.status_code == 200
    result = response.context["result"]
    assert result.is_valid and len(result.changes) == 7
    assert snapshot() == before


WORKBOOK_ERRORS = {
    "not_xlsx.xlsx": [("", None, NOT_A_WORKBOOK)],
    "truncated.xlsx": [("", None, NOT_A_WORKBOOK)],
    "wrong_headers.xlsx": [
        (
            "Uzdevumi",
            1,
            "Lapas pirmajā rindā jābūt: Kods | Uzdevums | Statuss | Izpildes apraksts | "
            # The planned number's header is the form's label since issue 13.
            "Sasniegtais skaits | Gadam plānotais skaits.",
        )
    ],
    "bad_numbers.xlsx": [
        ("Uzdevumi", 3, "„daudz” nav skaitlis."),
        ("Uzdevumi", 4, "Skaitlis nevar būt negatīvs."),
        ("Finanses", 2, "Skaitlis nevar būt negatīvs."),
    ],
    "unknown_task.xlsx": [("Uzdevumi", 5, "Nezināms uzdevuma kods „9.9”.")],
    "unknown_municipality.xlsx": [("Pārskats", 1, "Nezināma pašvaldība „Jelgavas apriņķis”.")],
    "duplicate_rows.xlsx": [
        ("Uzdevumi", 5, "„1.1” norādīts vairākkārt (arī 2. rindā)."),
        ("Finanses", 3, "„Sociālais budžets” norādīts vairākkārt (arī 2. rindā)."),
    ],
    "year_outside_programme.xlsx": [
        ("Pārskats", 2, "Darbgrāmata ir par 2030. gadu, bet šis pārskats ir par 2015. gadu.")
    ],
    "long_narrative.xlsx": [
        ("Uzdevumi", 4, "Teksta garums ir 5001 rakstzīme; atļauts ne vairāk kā 5000.")
    ],
}


@pytest.mark.parametrize(("name", "errors"), WORKBOOK_ERRORS.items(), ids=WORKBOOK_ERRORS.keys())
def test_a_bad_workbook_is_refused_naming_every_bad_cell(
    client, people, jelgava_submission, name, errors
):
    client.force_login(people.jelgava_staff)
    before = snapshot()

    response = _upload(client, jelgava_submission, _upload_file(name))

    assert response.status_code == 400
    result = response.context["result"]
    assert result.errors == [RowError(*error) for error in errors]
    assert (result.changes, result.data) == ([], services.SubmissionData())
    html = response.content.decode()
    assert WORKBOOK_HAS_ERRORS in html
    for _sheet, _row, message in errors:
        assert escape(message) in html
    assert not client.session.get(workbook_views.SESSION_KEY)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xlsx", None, "Iesniegtā datne ir tukša."),
        (
            "oversized.xlsx",
            # Built here, not committed: a zip's signature and then zeros, one byte too many.
            b"PK\x03\x04".ljust(upload.MAX_UPLOAD_BYTES + 1, b"\0"),
            "Fails ir lielāks par 5 MB.",
        ),
    ],
    ids=["empty", "oversized"],
)
def test_an_empty_or_oversized_file_is_refused_before_it_is_read(
    client, people, jelgava_submission, name, content, message
):
    client.force_login(people.jelgava_staff)
    before = snapshot()

    response = _upload(client, jelgava_submission, _upload_file(name, content))

    assert response.status_code == 400
    assert "result" not in response.context
    assert response.context["form"].errors == {"workbook": [message]}
    assert escape(message) in response.content.decode()
    assert snapshot() == before


def test_a_number_too_large_for_a_decimal_is_refused(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    before = snapshot()

    response = _upload(client, jelgava_submission, _upload_file("huge_number.xlsx"))

    assert response.status_code == 400
    assert response.context["result"].errors == [
        RowError("Uzdevumi", 3, "Skaitlis ir pārāk liels.")
    ]
    assert snapshot() == before
