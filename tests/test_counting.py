"""Who sees a municipality's reported data before its report counts (monitoring/counting.py).

Jelgava's staff fill in the 2015 report with data marked so that it can be found in any page,
export or command: a narrative, a project and an indicator comment carrying MARK, and a social
budget of 987,65. Every reader of reported data is walked as every user who may open it:

- while the report is a draft, or returned, the data is on the report's own pages for
  Jelgava's staff and Zemgale's coordinator, and nowhere else;
- once it is submitted (handed in) it reaches the dashboards, not the review nor the public;
- once it is approved it reaches the review (page, PDF, workbook, command) and the public page.
"""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring import services
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

MARK = "JLG-MELNRAKSTS-7731"
BUDGET = Decimal("987.65")
BUDGET_SHOWN = ("987,65", "987.65")

STAFF_AND_COORDINATOR = ("jelgava_staff", "zemgale_coordinator")
OTHERS = ("dobele_staff", "latgale_coordinator", "zemgale_council", "national")
DASHBOARD_READERS = ("zemgale_coordinator", "zemgale_council", "national")


@pytest.fixture
def report(people, zemgale_round, jelgava_submission):
    """Zemgale 2015 with Jelgava's report saved as a draft, every kind of data in it."""
    programme = zemgale_round.programme
    nodes = services.reportable_nodes(programme)
    indicator = programme.indicators.first()
    entries = {node.pk: {"status": "implemented"} for node in nodes}
    entries[nodes[0].pk] = {"status": "partial", "narrative": f"Teksts {MARK}."}
    submission = services.submission_save(
        submission=jelgava_submission,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(
            entries=entries,
            indicator_values={indicator.pk: {"value": Decimal(3), "text": f"Rādītājs {MARK}"}},
            figures={"currency": "EUR", "social_budget": BUDGET},
            projects=[{"title": f"Projekts {MARK}", "funding_source": "ESF", "currency": "EUR"}],
        ),
    )
    return submission, nodes[0]


def _to_state(state: str, submission, people):
    if state == "draft":
        return submission
    submission = services.submission_submit(submission=submission, by=people.jelgava_staff)
    coordinator = people.zemgale_coordinator
    if state == "returned":
        return services.submission_return(submission=submission, by=coordinator, comment="Labot.")
    if state == "approved":
        return services.submission_approve(submission=submission, by=coordinator)
    return submission


def _text(response) -> str:
    """What a person gets from a response, as text: a page, a CSV, a workbook, a PDF."""
    assert response.status_code == 200, response
    body = response.getvalue()
    content_type = response["Content-Type"]
    if content_type == "application/pdf":
        return pdf_text(body)
    if "spreadsheetml" in content_type:
        book = openpyxl.load_workbook(io.BytesIO(body))
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return body.decode("utf-8-sig")


def _shows(text: str) -> bool:
    return MARK in text or any(shown in text for shown in BUDGET_SHOWN)


def _dashboard_readers(node) -> dict[str, tuple[str, dict]]:
    """Every dashboard page and download, by name."""
    region = reverse("dashboard:region", args=["zemgale"])
    readers = {"region": (region, {"year": 2015})}
    for table in ("completeness", "statuses", "indicators", "money"):
        for file_format in ("csv", "xlsx"):
            query = {"year": 2015, "download": table, "format": file_format}
            readers[f"{table}.{file_format}"] = (region, query)
    readers["task"] = (reverse("dashboard:task", args=["zemgale", node.pk]), {})
    readers["municipality"] = (
        reverse("dashboard:municipality", args=["zemgale", "jelgava"]),
        {},
    )
    return readers


def _review_readers() -> list[str]:
    return [
        reverse("reports:review", args=["zemgale", 2015]),
        reverse("reports:xlsx", args=["zemgale", 2015]),
    ]


def _public_readers():
    return [
        reverse("municipalities:detail", args=["jelgava"]),
        reverse("programmes:detail", args=["zemgale"]),
        reverse("municipalities:index"),
        reverse("programmes:index"),
    ]


def _read(client, user, url, query=None) -> str:
    client.logout()
    if user != "anonymous":
        client.force_login(user)
    return _text(client.get(url, query or {}))


def _command_output(tmp_path, file_format: str) -> str:
    output = tmp_path / f"review.{file_format}"
    call_command("annual_review", "zemgale", "2015", "--format", file_format, "--output", output)
    if file_format == "xlsx":
        book = openpyxl.load_workbook(output)
        return "\n".join(
            str(v) for s in book.worksheets for r in s.iter_rows(values_only=True) for v in r if v
        )
    return output.read_text(encoding="utf-8")


@pytest.mark.parametrize("state", ["draft", "returned"])
def test_a_report_not_handed_in_is_seen_by_its_staff_and_coordinator_alone(
    client, people, report, state, tmp_path
):
    submission, node = report
    submission = _to_state(state, submission, people)
    own_pages = [
        reverse("monitoring:submission", args=[submission.pk]),
        reverse("monitoring:workbook", args=[submission.pk]),
    ]
    for name in STAFF_AND_COORDINATOR:
        for url in own_pages:
            assert _shows(_read(client, getattr(people, name), url)), (name, url)
    for name in OTHERS:
        client.force_login(getattr(people, name))
        for url in [*own_pages, reverse("monitoring:review", args=[submission.pk])]:
            assert client.get(url).status_code == 404, (name, url)
    for name in DASHBOARD_READERS:
        user = getattr(people, name)
        for reader, (url, query) in _dashboard_readers(node).items():
            assert not _shows(_read(client, user, url, query)), (name, reader)
        for url in _review_readers():
            assert not _shows(_read(client, user, url)), (name, url)
    assert not _shows(_read(client, people.national, reverse("dashboard:national")))
    for url in _public_readers():
        assert not _shows(_read(client, "anonymous", url)), url
    for file_format in ("html", "xlsx"):
        assert not _shows(_command_output(tmp_path, file_format)), file_format


def test_a_draft_never_reaches_the_review_pdf(client, people, report):
    client.force_login(people.zemgale_council)
    assert not _shows(_text(client.get(reverse("reports:pdf", args=["zemgale", 2015]))))


def test_a_handed_in_report_reaches_the_dashboards_but_not_the_review_or_the_public(
    client, people, report
):
    submission, node = report
    _to_state("submitted", submission, people)
    for name in DASHBOARD_READERS:
        user = getattr(people, name)
        readers = _dashboard_readers(node)
        assert MARK in _read(client, user, *readers["task"]), name
        page = _read(client, user, *readers["municipality"])
        assert MARK in page and "987,65" in page, name
        assert "987.65" in _read(client, user, *readers["money.csv"]), name
        for url in _review_readers():
            assert not _shows(_read(client, user, url)), (name, url)
    national = people.national
    client.force_login(national)
    assert client.get(reverse("monitoring:submission", args=[submission.pk])).status_code == 200
    for url in _public_readers():
        assert not _shows(_read(client, "anonymous", url)), url


def test_an_approved_report_reaches_the_review_and_the_public(client, people, report, tmp_path):
    submission, _node = report
    _to_state("approved", submission, people)
    for name in DASHBOARD_READERS:
        user = getattr(people, name)
        review, workbook = _review_readers()
        assert MARK in _read(client, user, review), name
        assert MARK in _read(client, user, workbook) and "987.65" in _read(client, user, workbook)
    public = _read(client, "anonymous", reverse("municipalities:detail", args=["jelgava"]))
    assert "987,65" in public
    assert MARK in _command_output(tmp_path, "html")
    client.force_login(people.zemgale_council)
    assert MARK in _text(client.get(reverse("reports:pdf", args=["zemgale", 2015])))
