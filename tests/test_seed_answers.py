"""Issue #15, the last of "Put right" and Latgale's conclusions: an answer that supports a
proposal is an answer, a project's money keeps what the report says beyond the number, and the
2014 review ends with the conclusions Latgale's report draws."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from monitoring.models import ProgressEntry, Project, Status
from programmes.models import Programme
from reports.conclusions import majority_status
from reports.review import annual_review
from reports.summary import status_movement, summary_sentence

pytestmark = pytest.mark.django_db

SUPPORTING = {
    ("SM3 1.1.1", "Atbalstām priekšlikumu."),
    ("SM3 1.1.2", "Atbalstām priekšlikumu."),
    ("SM3 1.1.4", "Atbalstām priekšlikumu."),
    ("SM3 2.6.1", "Piekrītam priekšlikumam."),
}
QUALIFIERS = {
    ("Balvu novads", "No pašvaldības budžeta iekārtās un aprīkojumā papildus vēl 7688,39 euro"),
    ("Daugavpils novads", "uz 5 Sarkanā Krusta komitejām"),
    ("Daugavpils novads", "uz 27 LSK komitejām"),
}
FIRST_CONCLUSION = "Ir uzlabojusies sociālo pakalpojumu pieejamība, it īpaši alternatīvie"
LAST_CONCLUSION = "gan Latgales plānošanas reģionam (sociālo pakalpojumu koordinatora atalgošanai)"


def lv_supports(count: int) -> str:
    with translation.override("lv"):
        return ngettext(
            "%(count)d municipality supports the proposal",
            "%(count)d municipalities support the proposal",
            count,
        ) % {"count": count}


def _review_page(client, people, year=2014) -> str:
    client.force_login(people.national)
    return client.get(reverse("reports:review", args=["latgale", year])).content.decode()


def _sheet(client, people, name) -> list[tuple]:
    client.force_login(people.national)
    response = client.get(reverse("reports:xlsx", args=["latgale", 2014]))
    return list(openpyxl.load_workbook(io.BytesIO(response.getvalue()))[name].values)


# --- "Atbalstām priekšlikumu": an answer, not silence ------------------------------------------


def test_the_answers_that_support_a_proposal_have_their_status():
    supporting = ProgressEntry.objects.filter(
        node__programme__slug="latgale", status=Status.SUPPORTED
    )
    # The source has four such answers, all Baltinava's, each in 2014 only.
    assert {(e.node.code, e.narrative) for e in supporting} == SUPPORTING
    assert set(supporting.values_list("year", flat=True)) == {2014}
    assert {e.municipality.name for e in supporting} == {"Baltinavas novads"}
    assert not ProgressEntry.objects.filter(
        status=Status.NO_INFORMATION, narrative__contains="priekšlikum"
    ).exists()


def test_supporting_is_information_but_no_progress():
    with translation.override("en"):
        sentence = summary_sentence({"supported": 1, "no_information": 2})
    assert sentence == "1 municipality supports the proposal; 2 municipalities gave no information."
    # Given by most of those who answered, it is the majority status, and not fulfilment.
    assert majority_status({"supported": 2, "implemented": 1}) == Status.SUPPORTED
    assert status_movement(Status.SUPPORTED, Status.IMPLEMENTED) is None


def test_the_review_counts_the_supporting_answer(client, people):
    review = annual_review(Programme.objects.get(slug="latgale"), 2014)
    row = next(row for row in review.tasks if row.node.code == "SM3 1.1.1")
    assert row.counts[Status.SUPPORTED] == 1
    page = _review_page(client, people)
    assert lv_supports(1) in page
    with translation.override("lv"):
        assert gettext("supports the proposal") in page


def test_the_pdf_and_workbook_say_supports(client, people, latgale_2014_words):
    assert lv_supports(1) in latgale_2014_words
    with translation.override("lv"):
        label = gettext("supports the proposal")
    header = _sheet(client, people, "Uzdevumi")[0]
    assert any(label in str(cell) for cell in header)


# --- What a project's money is, beyond its number ---------------------------------------------


def test_the_budget_qualifiers_are_kept():
    kept = Project.objects.filter(region__slug="latgale").exclude(budget_text="")
    assert {(p.municipality.name, p.budget_text) for p in kept} == QUALIFIERS
    balvi = kept.get(municipality__name="Balvu novads")
    assert str(balvi.budget) == "7246.27"  # the additional own funds are not in the number


def test_the_review_page_pdf_and_workbook_show_the_qualifiers(client, people, latgale_2014_words):
    pages = _review_page(client, people, 2013) + _review_page(client, people, 2014)
    rows = _sheet(client, people, "Projekti")
    with translation.override("lv"):
        column = rows[0].index(gettext("Budget as written"))
    in_sheet = {row[column] for row in rows[1:] if len(row) > column and row[column]}
    for _municipality, qualifier in QUALIFIERS:
        assert f"({qualifier})" in pages
    balvi = "No pašvaldības budžeta iekārtās un aprīkojumā papildus vēl 7688,39 euro"
    assert balvi in in_sheet and f"({balvi})" in latgale_2014_words


# --- Latgale's conclusions ----------------------------------------------------------------------


def test_latgale_2014_ends_with_its_reports_conclusions(client, people, latgale_2014_words):
    review = annual_review(Programme.objects.get(slug="latgale"), 2014)
    conclusions = review.text.conclusions
    assert conclusions.startswith("Veicot Latgales plānošanas reģiona Sociālo pakalpojumu")
    assert conclusions.count("\n\n") == 9  # the opening sentence and its nine points
    assert "104, kopš 2010.gada" in conclusions
    assert "22 sociālo pakalpojumu sniedzēji" in conclusions
    page = _review_page(client, people)
    part = page[page.index('id="part-conclusions"') :]
    assert FIRST_CONCLUSION in part and LAST_CONCLUSION in part
    assert FIRST_CONCLUSION in latgale_2014_words and LAST_CONCLUSION in latgale_2014_words
