"""The annual review's survey part: per question whom it was asked of, how many answered of
how many were asked, the region's summary and each answer, in the page, the PDF and the
workbook alike; only submitted answers count."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from monitoring import surveys
from programmes.models import Programme
from reports.pdf import review_pdf
from reports.review import annual_review
from tests.pdf import pdf_text, words
from tests.survey_setup import YEAR, zemgale_survey

pytestmark = pytest.mark.django_db

STAFF_ANSWER = (
    "Nav atbildējuši 2 no 12 darbiniekiem, jo trūkst finansējuma; jāpaplašina dienas centrs."
)
RUGAJI = "lielais attālums līdz klientu dzīvesvietai,sliktie ceļi, līdzekļu nepietiekamība;"
ZILUPE_START = "Lai būtu iespēja izmantot ES fondi sociālā aprūpē pašvaldības uzņēmumiem"
COOPERATION_SUMMARY = "Visi sociālie dienesti ir norādījuši, ka sadarbība ir pozitīva"


def _published(count: int, total: int) -> str:
    with translation.override("lv"):
        return ngettext(
            "The published document gives the answers of %(count)d of %(total)d social "
            "services by name.",
            "The published document gives the answers of %(count)d of %(total)d social "
            "services by name.",
            count,
        ) % {"count": count, "total": total}


def _answered(count: int, total: int) -> str:
    with translation.override("lv"):
        return ngettext(
            "Answered by %(count)d of %(total)d social services.",
            "Answered by %(count)d of %(total)d social services.",
            count,
        ) % {"count": count, "total": total}


@pytest.fixture
def latgale_review():
    with translation.override("lv"):
        return annual_review(Programme.objects.get(slug="latgale"), 2014)


@pytest.fixture
def zemgale_answered(people):
    """Zemgale's 2016 survey: Jelgava submitted, Dobele left a draft."""
    survey = zemgale_survey(people.zemgale_coordinator)
    question = survey.questions.get(audience="social_services", number=1)
    jelgava = surveys.social_service_respondent(survey=survey, municipality=people.jelgava)
    surveys.answers_save(respondent=jelgava, answers={question.pk: STAFF_ANSWER}, submit=True)
    dobele = surveys.social_service_respondent(survey=survey, municipality=people.dobele)
    surveys.answers_save(respondent=dobele, answers={question.pk: "Melnraksts."}, submit=False)
    return survey


def test_latgale_2014_has_the_survey_with_eleven_questions(latgale_review):
    part = latgale_review.survey
    assert part.survey.title == "Sociālo dienestu un sociālo pakalpojumu sniedzēju pašnovērtējums"
    assert [(line.question.audience, line.question.number) for line in part.questions] == [
        *(("social_services", n) for n in range(1, 7)),
        *(("providers", n) for n in range(1, 6)),
    ]
    reasons = part.questions[1]
    assert [a.label for a in reasons.answers] == [
        "Baltinavas novads",
        "Balvu novads",
        "Dagdas novads",
        "Daugavpils",
        "Daugavpils novads",
        "Līvānu novads",
        "Rēzekne",
        "Rugāju novads",
    ]
    assert reasons.response == _published(8, 21)
    cooperation = part.questions[2]
    assert cooperation.answers == [] and COOPERATION_SUMMARY in cooperation.question.summary
    needs = part.questions[9]  # the providers' question 4
    assert [a.label for a in needs.answers] == [
        "Daugavpils psihoneiroloģiskā slimnīca",
        "Zilupes slimnīca",
    ]


def test_the_review_page_shows_the_survey_part(client, people):
    client.force_login(people.latgale_coordinator)
    html = client.get(reverse("reports:review", args=["latgale", 2014])).content.decode()
    assert 'id="part-survey"' in html and 'href="#part-survey"' in html
    assert escape("Kā vērtējat pašvaldības sociālā dienesta darbību kopumā?") in html
    assert escape(RUGAJI) in html
    assert escape(COOPERATION_SUMMARY) in html
    assert escape(_published(8, 21)) in html


def test_a_review_without_a_survey_has_no_survey_part(client, people):
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("reports:review", args=["zemgale", 2014])).content.decode()
    assert 'id="part-survey"' not in html and "#part-survey" not in html


def test_the_pdf_has_the_survey_part(latgale_review):
    text = words(pdf_text(review_pdf(latgale_review)))
    assert "Sociālo dienestu un sociālo pakalpojumu sniedzēju pašnovērtējums" in text
    assert RUGAJI in text
    assert ZILUPE_START in text
    assert _published(8, 21) in text


def test_the_workbook_has_a_survey_sheet(client, people):
    client.force_login(people.latgale_coordinator)
    response = client.get(reverse("reports:xlsx", args=["latgale", 2014]))
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    with translation.override("lv"):
        sheet = book[gettext("Survey")[:31]]
    rows = [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]
    questions = [row for row in rows[1:] if row[1] is not None]
    assert len(questions) == 11
    assert (
        questions[1][2] == "Pašvaldību minētie iemesli,kas apgrūtina sociālo pakalpojumu sniegšanu:"
    )
    assert questions[1][3] == _published(8, 21)
    assert ("Rugāju novads", RUGAJI) in [(row[5], row[6]) for row in rows]
    assert any(row[6] and row[6].startswith(ZILUPE_START) for row in rows)


def test_only_submitted_answers_count(zemgale_answered):
    with translation.override("lv"):
        review = annual_review(zemgale_answered.programme, YEAR)
    first = review.survey.questions[0]
    assert [(a.label, a.text) for a in first.answers] == [("Jelgava", STAFF_ANSWER)]
    assert first.response == _answered(1, 22)
    # A draft is nowhere in the review.
    assert all(a.text != "Melnraksts." for line in review.survey.questions for a in line.answers)
    providers = review.survey.questions[2]
    assert providers.question.audience == "providers" and providers.answers == []


def test_the_submitted_answer_is_in_the_page_pdf_and_workbook(client, people, zemgale_answered):
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("reports:review", args=["zemgale", YEAR])).content.decode()
    assert escape(STAFF_ANSWER) in html and "Melnraksts." not in html
    assert escape(_answered(1, 22)) in html
    with translation.override("lv"):
        review = annual_review(zemgale_answered.programme, YEAR)
    text = words(pdf_text(review_pdf(review)))
    assert STAFF_ANSWER in text and _answered(1, 22) in text
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:xlsx", args=["zemgale", YEAR])).getvalue())
    )
    cells = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert STAFF_ANSWER in cells and "Melnraksts." not in cells
