"""The review reads as a document: parts flow on, it speaks the council's language, a year's
introduction is that year's, and each task shows how the statuses moved since last year."""

import datetime
import html
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from monitoring import services
from monitoring.models import Status
from programmes.models import Programme
from reports.models import ReviewText
from reports.review import annual_review
from reports.summary import BETTER, SAME, WORSE, movement_sentence, status_movement
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

# Measured on the published data: 17 pages while every part started a page of its own (pages
# 3, 14, 15 and 16 held one sentence each), 11 once they flow on; 13 since the review shows its
# own rows 2.1 and 2.5 and its own headings beside the programme's (#15).
ZEMGALE_2014_PAGES = 13


def _page_bodies(pdf: bytes) -> list[list[str]]:
    """Each page's lines of text without the running header and the page number."""
    pages = pdf_text(pdf).split("\f")[:-1]
    return [
        [
            line.strip()
            for line in page.splitlines()
            if line.strip()
            and not line.startswith("Zemgale · ")
            and not re.fullmatch(r"\d+\. lpp\. no \d+", line.strip())
        ]
        for page in pages
    ]


def test_no_page_of_the_pdf_holds_a_lone_sentence(zemgale_2014_pdf):
    pages = _page_bodies(zemgale_2014_pdf)
    assert len(pages) <= ZEMGALE_2014_PAGES
    for number, lines in enumerate(pages, start=1):
        assert len(" ".join(lines).split()) >= 40, (number, lines)


def test_the_pdf_does_not_speak_of_the_app(zemgale_2014_pdf):
    text = pdf_text(zemgale_2014_pdf).lower()
    assert "lietotn" not in text


def test_the_page_numbers_are_in_the_body_font(zemgale_2014_pdf):
    import subprocess

    fonts = subprocess.run(
        ["pdffonts", "-"], input=zemgale_2014_pdf, capture_output=True, check=True
    ).stdout.decode()
    families = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert families <= {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Sans-Oblique"}, families


def _programme_part(client, people, year: int) -> str:
    client.force_login(people.national)
    page = client.get(reverse("reports:review", args=["zemgale", year])).content.decode()
    return page[page.index('id="part-programme"') : page.index('id="part-results"')]


def _paragraphs(text: str) -> str:
    return html.escape(text.split("\n")[0].strip())[:60]


def test_the_programme_description_is_not_the_years_introduction(client, people):
    programme = Programme.objects.get(slug="zemgale")
    ReviewText.objects.update_or_create(
        programme=programme, year=2015, defaults={"introduction": "2015. gadā padome …"}
    )
    part = _programme_part(client, people, 2015)
    description = part.index('id="h-description"')
    assert part.index(_paragraphs(programme.description)) > description
    introduction = part.index('id="h-introduction"')
    assert introduction < part.index("2015. gadā padome") < description


def test_without_an_introduction_there_is_no_introduction_heading(client, people):
    ReviewText.objects.filter(programme__slug="zemgale", year=2016).delete()
    part = _programme_part(client, people, 2016)
    assert 'id="h-introduction"' not in part
    assert 'id="h-description"' in part


# --- year over year -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "before, now, moved",
    [
        (Status.PARTIAL, Status.IMPLEMENTED, BETTER),
        (Status.NOT_IMPLEMENTED, Status.PARTIAL, BETTER),
        (Status.IMPROVED, Status.PARTIAL, WORSE),
        (Status.IMPLEMENTED, Status.IMPROVED, SAME),  # one rung
        (Status.PARTIAL, Status.PARTIAL, SAME),
        (Status.NOT_IMPLEMENTED, Status.UNCHANGED, SAME),  # "nothing changed"
        (Status.NOT_RELEVANT, Status.NOT_RELEVANT, SAME),
        (Status.NOT_RELEVANT, Status.IMPLEMENTED, None),  # no rung between them
        (Status.UNCHANGED, Status.IMPLEMENTED, None),  # last year's level is not known
        (Status.NO_INFORMATION, Status.IMPLEMENTED, None),
        (Status.IMPLEMENTED, Status.NO_INFORMATION, None),
        ("", Status.IMPLEMENTED, None),
    ],
)
def test_the_status_order_decides_better_and_worse(before, now, moved):
    assert status_movement(before, now) == moved


def test_the_movement_sentence_agrees_in_number():
    with translation.override("en"):
        sentence = movement_sentence({BETTER: 3, WORSE: 1, SAME: 0}, 2014)
    assert sentence == (
        "Compared with 2014: improved in 3 municipalities, fell back in 1 municipality."
    )
    assert movement_sentence({}, 2014) == ""


def _approved_report(reporting_round, municipality, by, coordinator, statuses):
    submission = reporting_round.submissions.get(municipality=municipality)
    saved = services.submission_save(
        submission=submission,
        by=by,
        version=0,
        data=services.SubmissionData(entries={pk: {"status": s} for pk, s in statuses.items()}),
    )
    submitted = services.submission_submit(submission=saved, by=by)
    services.submission_approve(submission=submitted, by=coordinator)


@pytest.fixture
def two_years(people):
    """Zemgale 2015 and 2016, Jelgava's and Dobele's reports approved in both.

    First task: Jelgava partial → implemented (better), Dobele implemented → partial (worse).
    Second task: Jelgava implemented → unchanged (stayed), Dobele not relevant → implemented
    (not compared). Every other task: implemented in both years (stayed).
    """
    programme = Programme.objects.get(slug="zemgale")
    nodes = services.reportable_nodes(programme)
    first, second = nodes[0], nodes[1]
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    plan = {
        2015: {
            people.jelgava: {first: Status.PARTIAL, second: Status.IMPLEMENTED},
            people.dobele: {first: Status.IMPLEMENTED, second: Status.NOT_RELEVANT},
        },
        2016: {
            people.jelgava: {first: Status.IMPLEMENTED, second: Status.UNCHANGED},
            people.dobele: {first: Status.PARTIAL, second: Status.IMPLEMENTED},
        },
    }
    staff = {people.jelgava: people.jelgava_staff, people.dobele: people.dobele_staff}
    for year, reports in plan.items():
        reporting_round = services.round_open(
            programme=programme, year=year, deadline=deadline, by=people.zemgale_coordinator
        )
        for municipality, special in reports.items():
            statuses = {n.pk: special.get(n, Status.IMPLEMENTED) for n in nodes}
            _approved_report(
                reporting_round,
                municipality,
                staff[municipality],
                people.zemgale_coordinator,
                statuses,
            )
    return programme, first, second, nodes


def test_each_task_counts_how_the_statuses_moved(two_years):
    programme, first, second, nodes = two_years
    lines = {line.node: line for line in annual_review(programme, 2016).counted_tasks}
    assert lines[first].movement == {BETTER: 1, WORSE: 1}
    assert lines[second].movement == {SAME: 1}
    assert lines[nodes[2]].movement == {SAME: 2}
    assert lines[first].movement_summary == movement_sentence({BETTER: 1, WORSE: 1}, 2015)


def test_the_dashboards_do_not_read_last_year(two_years):
    programme, *_ = two_years
    review = annual_review(programme, 2016, counting="handed_in", texts=False)
    assert review.counted_tasks  # else the next line would hold of nothing
    assert not any(line.movement for line in review.counted_tasks)
    assert review.movement_rule == ""


def _counts(review) -> list[tuple]:
    return [
        (line.node.pk, line.counts, line.summary, line.region_status, line.fulfilled)
        for line in review.tasks
        if not line.node.is_review_row  # a published review's own rows are the review's alone
    ]


@pytest.mark.parametrize("counting", ["approved", "handed_in"])
def test_the_dashboards_count_in_the_database_what_the_review_counts(two_years, counting):
    """The dashboards count each task's statuses in one query, the review entry by entry as it
    reads their texts: the same counts, sentences and conclusions, every programme and year of
    the published data and the two years of reports."""
    compared = 0
    for programme in Programme.objects.select_related("region"):
        for year in programme.years:
            review = annual_review(programme, year, counting=counting)
            assert _counts(annual_review(programme, year, counting=counting, texts=False)) == (
                _counts(review)
            ), (programme.slug, year)
            compared += sum(1 for line in review.tasks if line.counts)
    assert compared > 300  # 372 task lines with counts when written


def test_the_first_year_has_nothing_to_compare(two_years):
    programme, *_ = two_years
    review = annual_review(programme, 2015)  # 2014 is the region's own review only
    assert review.counted_tasks  # else the next line would hold of nothing
    assert not any(line.movement for line in review.counted_tasks)
    assert review.movement_rule == ""


def test_the_page_shows_the_movement_and_its_rule(client, people, two_years):
    programme, first, *_ = two_years
    client.force_login(people.zemgale_council)
    page = client.get(reverse("reports:review", args=["zemgale", 2016])).content.decode()
    with translation.override("lv"):
        sentence = movement_sentence({BETTER: 1, WORSE: 1}, 2015)
        rule = annual_review(programme, 2016).movement_rule
    row = page[page.index(f'id="task-{slugify(first.code)}"') :]
    row = row[: row.index("</tr>")]
    assert html.escape(sentence) in row
    assert html.escape(rule) in page


def test_the_workbook_has_the_movement_columns(client, people, two_years):
    programme, first, second, _ = two_years
    client.force_login(people.zemgale_council)
    response = client.get(reverse("reports:xlsx", args=["zemgale", 2016]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue()))["Uzdevumi"]
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    columns = [i for i, h in enumerate(headers) if h and "2015" in h]
    assert len(columns) == 4  # the sentence, improved, fell back, same
    by_code = {row[0]: row for row in rows[1:]}
    assert [by_code[first.code][i] for i in columns[1:]] == [1, 1, 0]
    assert [by_code[second.code][i] for i in columns[1:]] == [0, 0, 1]
    with translation.override("lv"):
        assert by_code[first.code][columns[0]] == movement_sentence({BETTER: 1, WORSE: 1}, 2015)
