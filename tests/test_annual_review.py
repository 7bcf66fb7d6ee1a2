"""The annual implementation review: what it contains, who may read it, and its PDF."""

import datetime
import io
import re
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from monitoring import services
from monitoring.models import ProgressEntry
from municipalities.models import YearlyFigures
from programmes.models import Indicator, Programme, ProgrammeNode
from reports.models import PolicyResultVerdict, ReviewPdf, ReviewText, ReviewVersion
from reports.review import annual_review
from reports.tasks import make_review_pdf
from tests.factories import municipality_create, programme_create
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db


def _lv(msgid: str) -> str:
    with translation.override("lv"):
        return gettext(msgid)


def test_the_pdf_has_every_planned_result_with_what_was_achieved(zemgale_2014_pdf):
    text = words(pdf_text(zemgale_2014_pdf))
    for result in Indicator.objects.filter(programme__slug="zemgale", kind="planned_result"):
        assert words(result.title) in text
        achieved = result.values.filter(year=2014).first()
        if achieved and achieved.text and achieved.text != "-":
            assert words(achieved.text) in text


def test_the_pdf_has_every_task_with_its_2014_execution_text(zemgale_2014_pdf):
    text = words(pdf_text(zemgale_2014_pdf))
    tasks = ProgrammeNode.objects.filter(programme__slug="zemgale", kind="task")
    assert tasks.count() == 34
    for task in tasks:
        entry = ProgressEntry.objects.get(node=task, year=2014, municipality__isnull=True)
        # The first sentence of the review's text, as pdftotext gives it back.
        opening = words(entry.narrative)[:60]
        assert opening in text, task.code


def test_the_pdf_is_an_a4_document_with_page_numbers_and_contents(zemgale_2014_pdf):
    text = pdf_text(zemgale_2014_pdf, "-layout")
    pages = text.count("\f")
    assert pages > 5
    assert f"1. lpp. no {pages}" in text
    assert f"{pages}. lpp. no {pages}" in text
    assert "Saturs" in text
    assert "Uzdevumu izpilde 2014. gadā" in text
    assert "Zemgale · Sociālo pakalpojumu attīstības programma" in text  # running header
    info = subprocess.run(
        ["pdfinfo", "-"], input=zemgale_2014_pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "x 841.89 pts (A4)" in info


def test_the_pdf_has_the_verdicts_and_conclusions(zemgale_2014_pdf):
    text = words(pdf_text(zemgale_2014_pdf))
    assert "Pašvaldībās ir ievērojami attīstījušies alternatīvie sociālie pakalpojumi." in text
    assert "aptuveni 70 % no plānotajiem uzdevumiem ir izpildīti" in text
    assert re.search(r"Izpildīti \d+ no 34 uzdevumiem \(\d+ %\)", text)  # computed share
    assert "Uzdevums uzskatāms par izpildītu" in text  # and the rule used


def test_a_round_counts_only_approved_reports_and_is_a_draft_until_all_are(people):
    programme = Programme.objects.get(slug="zemgale")
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=9),
        by=people.zemgale_coordinator,
    )
    nodes = services.reportable_nodes(programme)

    def report(submission, by, narrative):
        entries = {n.pk: {"status": "implemented"} for n in nodes}
        entries[nodes[0].pk]["narrative"] = narrative
        saved = services.submission_save(
            submission=submission, by=by, version=0, data=services.SubmissionData(entries=entries)
        )
        return services.submission_submit(submission=saved, by=by)

    jelgava = report(
        reporting_round.submissions.get(municipality=people.jelgava),
        people.jelgava_staff,
        "Apstiprināts teksts.",
    )
    report(
        reporting_round.submissions.get(municipality=people.dobele),
        people.dobele_staff,
        "Vēl neapstiprināts teksts.",
    )
    services.submission_approve(submission=jelgava, by=people.zemgale_coordinator)

    review = annual_review(programme, 2015)
    assert review.is_draft
    first = next(t for t in review.tasks if t.node == nodes[0])
    assert [n.text for n in first.narratives] == ["Apstiprināts teksts."]
    assert first.counts == {"implemented": 1, "no_information": 21}
    assert first.summary == ("1 pašvaldībā izpildīts; 21 pašvaldība nav sniegusi informāciju.")


def test_lats_are_shown_in_euro_and_marked(people):
    YearlyFigures.objects.create(
        municipality=people.jelgava, year=2013, currency="LVL", social_budget=Decimal("702804")
    )
    YearlyFigures.objects.create(
        municipality=people.jelgava, year=2014, currency="EUR", social_budget=Decimal("1100000")
    )
    review = annual_review(Programme.objects.get(slug="zemgale"), 2014)
    line = next(f for f in review.finance if f.municipality == people.jelgava)
    label, previous, current, change = line.cells[0]
    assert (previous, current, change) == (
        Decimal("1000000.00"),
        Decimal("1100000"),
        Decimal("100000.00"),
    )
    assert line.converted and review.has_converted_money


def test_a_municipality_without_figures_is_named_under_the_table_not_given_empty_rows(
    client, people
):
    """Yearly figures that hold no figure (Latgale's table 4.1 leaves such cells empty; here
    only "no information" on projects) give no rows of "—": the municipality is named in one
    sentence under the table, with every other one that gave none, on the review and on the
    dashboard. A figure in either year keeps the municipality's rows."""
    YearlyFigures.objects.create(
        municipality=people.dobele, year=2014, no_projects="no_information"
    )
    YearlyFigures.objects.create(
        municipality=people.jelgava, year=2013, currency="EUR", clients=120
    )
    programme = Programme.objects.get(slug="zemgale")
    review = annual_review(programme, 2014)
    assert [line.municipality for line in review.finance] == [people.jelgava]
    assert people.dobele in review.without_figures
    assert people.jelgava not in review.without_figures
    others = len(review.municipalities) - 1
    assert len(review.without_figures) == others

    # 21 of Zemgale's 22: in Latvian the singular, as for 1 (lv plural forms).
    sentence = (
        f"{others} pašvaldība par šiem gadiem nav sniegusi rādītājus: "
        + ", ".join(m.name for m in review.without_figures)
        + "."
    )
    assert others == 21 and people.dobele.name in sentence
    client.force_login(people.zemgale_council)
    dobele_page = reverse("dashboard:municipality", args=["zemgale", people.dobele.slug])
    for url, linked in (
        (reverse("reports:review", args=["zemgale", 2014]), False),
        # On the dashboard each name leads to the municipality's page, as in the table.
        (reverse("dashboard:region", args=["zemgale"]) + "?year=2014", True),
    ):
        html = client.get(url).content.decode()
        shown = html[html.index('<p class="without-figures">') :].split("</p>")[0]
        assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", shown)) == sentence, url
        assert (f'<a href="{dobele_page}">{people.dobele.name}</a>' in shown) is linked, url


@pytest.mark.parametrize("who", ["zemgale_council", "zemgale_coordinator", "national"])
def test_the_council_coordinator_and_ministry_read_it(client, people, who):
    client.force_login(getattr(people, who))
    response = client.get(reverse("reports:review", args=["zemgale", 2014]))
    assert response.status_code == 200
    assert "Pārskats par “Sociālo pakalpojumu attīstības programma" in response.content.decode()
    assert client.get(reverse("reports:pdf", args=["zemgale", 2014]))["Content-Type"] == (
        "application/pdf"
    )


@pytest.mark.parametrize("who", ["latgale_coordinator", "jelgava_staff"])
def test_others_get_404(client, people, who):
    client.force_login(getattr(people, who))
    for name in ("reports:review", "reports:pdf", "reports:xlsx"):
        assert client.get(reverse(name, args=["zemgale", 2014])).status_code == 404


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("reports:review", args=["zemgale", 2014]))
    assert response.status_code == 302


def test_a_year_outside_the_programme_is_404(client, people):
    client.force_login(people.zemgale_council)
    assert client.get(reverse("reports:review", args=["zemgale", 2030])).status_code == 404


def test_the_workbook_has_a_sheet_per_part_with_numbers_as_numbers(client, people):
    client.force_login(people.zemgale_council)
    response = client.get(reverse("reports:xlsx", args=["latgale", 2014]))
    assert response.status_code == 404  # not Latgale's council
    client.force_login(people.national)
    response = client.get(reverse("reports:xlsx", args=["latgale", 2014]))
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == [
        "Programma",
        "Darbības rezultāti",
        "Rādītāji",
        "Uzdevumi",
        "Finanses",
        "Projekti",
        "Kas iesniedza",
        "Secinājumi",
        # Latgale 2014 has its survey (reports/survey.py)
        _lv("Survey"),
    ]
    finance = book["Finanses"]
    daugavpils = [row for row in finance.iter_rows(values_only=True) if row[0] == "Daugavpils"]
    assert daugavpils[0][2:5] == (7909801, 6888969, -1020832)
    # Latgale's table 4.1 gives Cibla no figure for 2013 or 2014: one row says so, as the
    # review's sentence under its table does.
    cibla = [row[:3] for row in finance.iter_rows(values_only=True) if row[0] == "Ciblas novads"]
    assert cibla == [("Ciblas novads", "rādītāji par šiem gadiem nav sniegti", None)]


def test_the_coordinator_writes_the_verdicts_and_the_council_cannot(client, people):
    url = reverse("reports:review", args=["zemgale", 2014])
    programme = Programme.objects.get(slug="zemgale")
    first = programme.policy_results.first()
    data = {"conclusions": "Secinājumi.", "next_steps": "Tālāk.", f"verdict_{first.pk}": "Daļēji."}
    client.force_login(people.zemgale_council)
    assert client.post(url, data).status_code == 404
    client.force_login(people.zemgale_coordinator)
    assert client.post(url, data).status_code == 302
    review = annual_review(programme, 2014)
    assert review.text.conclusions == "Secinājumi."
    assert review.verdicts[0][1] == "Daļēji."


def test_saving_the_same_conclusions_again_writes_no_history(client, people):
    url = reverse("reports:review", args=["zemgale", 2014])
    programme = Programme.objects.get(slug="zemgale")
    first = programme.policy_results.first()
    data = {"conclusions": "Secinājumi.", "next_steps": "", f"verdict_{first.pk}": "Daļēji."}
    client.force_login(people.zemgale_coordinator)
    client.post(url, data)
    texts, verdicts = ReviewText.history.count(), PolicyResultVerdict.history.count()
    assert client.post(url, data).status_code == 302
    assert (ReviewText.history.count(), PolicyResultVerdict.history.count()) == (texts, verdicts)
    client.post(url, {**data, "conclusions": "Citi secinājumi."})
    assert ReviewText.history.count() == texts + 1


def test_finalising_keeps_a_frozen_dated_pdf_beside_later_ones(client, people):
    url = reverse("reports:finalise", args=["zemgale", 2014])
    client.force_login(people.zemgale_council)
    assert client.post(url).status_code == 404
    client.force_login(people.zemgale_coordinator)
    client.post(url)
    first = ReviewVersion.objects.get()
    frozen = bytes(first.pdf)
    ProgressEntry.objects.filter(node__programme__slug="zemgale", year=2014).update(
        narrative="Vēlāk mainīts teksts."
    )
    client.post(url)
    assert ReviewVersion.objects.count() == 2
    first.refresh_from_db()
    assert bytes(first.pdf) == frozen
    assert "Vēlāk mainīts teksts." not in pdf_text(frozen)
    stored = client.get(first.get_absolute_url())
    assert stored.getvalue() == frozen
    client.force_login(people.zemgale_council)
    assert client.get(first.get_absolute_url()).status_code == 200


def _review_setup(municipalities: int):
    programme = programme_create(blocks=3, tasks_per_block=4, indicators=6)
    towns = [municipality_create(programme.region) for _ in range(municipalities)]
    for number, town in enumerate(towns):
        for node in programme.nodes.filter(kind="action"):
            ProgressEntry.objects.create(
                node=node, municipality=town, year=2014, status="implemented", narrative="Teksts."
            )
        # Every other town lists no project, and says why: the review names each of them.
        YearlyFigures.objects.create(
            municipality=town,
            year=2014,
            social_budget=Decimal(10),
            no_projects=YearlyFigures.NoProjects.NONE if number % 2 else "",
        )
    return programme


@pytest.mark.parametrize("municipalities", [5, 22])
def test_the_review_takes_the_same_queries_for_5_and_22_municipalities(
    client, people, django_assert_num_queries, municipalities
):
    programme = _review_setup(municipalities)
    client.force_login(people.national)
    # user, roles, programme, municipalities, round, entries, unchanged entries,
    # tree, indicator values, indicators, figures, projects, verdicts, policy results, review
    # text, versions, + 1 whether the year has a survey (reports/survey.py)
    with django_assert_num_queries(16 + 1):
        response = client.get(reverse("reports:review", args=[programme.slug, 2014]))
    html = response.content.decode()
    assert html.count(" – Teksts.") == municipalities * 12
    no_projects = html.split('<ul class="no-projects">')[1].split("</ul>")[0]
    assert no_projects.count(", ") == municipalities // 2 - 1  # each of them named once
    listing_none = YearlyFigures.objects.filter(
        municipality__region=programme.region, year=2014, no_projects="none"
    ).select_related("municipality")
    assert len(listing_none) == municipalities // 2
    assert all(f.municipality.name in no_projects for f in listing_none)


def test_the_council_lands_on_the_reviews_and_the_coordinator_finds_them(client, people):
    client.force_login(people.zemgale_council)
    response = client.get(reverse("monitoring:start"), follow=True)
    html = response.content.decode()
    assert reverse("reports:review", args=["zemgale", 2014]) in html
    assert reverse("reports:review", args=["latgale", 2014]) not in html
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("monitoring:index")).content.decode()
    assert reverse("reports:index") in html


@pytest.mark.parametrize("programmes", [1, 4])
def test_the_reviews_index_takes_the_same_queries_whatever_the_number_of_programmes(
    client, people, django_assert_num_queries, programmes
):
    for _ in range(programmes):
        _review_setup(2)
    client.force_login(people.national)
    # user, roles, programmes, years with entries, years with rounds
    with django_assert_num_queries(5):
        response = client.get(reverse("reports:index"))
    # the seeded Zemgale and Latgale 2014, and one per programme made here
    assert response.content.decode().count("2014. gada pārskats") == programmes + 2


@pytest.mark.parametrize("municipalities", [5, 22])
def test_the_pdf_requests_take_the_same_queries_for_5_and_22_municipalities(
    client, people, django_assert_num_queries, task_queue, settings, municipalities
):
    settings.REVIEW_PDF_AT_ONCE_MAX_BYTES = 0  # queued (at once: tests/test_review_pdf_at_once.py)
    programme = _review_setup(municipalities)
    client.force_login(people.national)
    url = reverse("reports:pdf", args=[programme.slug, 2014])
    # user, roles and the review's data, what the review page reads but its versions
    # (17, with whether the year has a survey), the kept PDF looked up, created inside a
    # savepoint (3), the task queued, the row read back
    with django_assert_num_queries(16 + 1 + 3 + 1 + 1):
        asked = client.get(url)
    assert asked.status_code == 302
    # user, roles, programme, the kept PDF
    with django_assert_num_queries(4):
        assert client.get(asked["Location"], {"state": "json"}).json()["ready"] is False
    with django_assert_num_queries(4):
        assert "PDF tiek gatavots" in client.get(asked["Location"]).content.decode()
    make_review_pdf.call(ReviewPdf.objects.get().pk)  # the worker's part
    # the same 17, the kept PDF found, its bytes read
    with django_assert_num_queries(16 + 1 + 1):
        ready = client.get(url)
    assert ready["Content-Type"] == "application/pdf"


def test_figures_of_a_report_not_yet_counted_stay_out_of_the_review(people, zemgale_round):
    draft = zemgale_round.submissions.get(municipality=people.dobele)
    services.submission_save(
        submission=draft,
        by=people.dobele_staff,
        version=0,
        data=services.SubmissionData(figures={"social_budget": Decimal(1000)}),
    )
    programme = zemgale_round.programme
    in_review = {line.municipality for line in annual_review(programme, 2015).finance}
    assert people.dobele not in in_review
    on_dashboard = annual_review(programme, 2015, counting="handed_in").finance
    assert people.dobele not in {line.municipality for line in on_dashboard}
