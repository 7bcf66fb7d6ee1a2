"""A social service answers the survey for its municipality from its reporting pages; a
provider answers by its one-time link, without an account. Submitted answers are read-only,
and a used, revoked, expired or wrong link opens nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from monitoring import surveys
from monitoring.models import Survey, SurveyAnswer, SurveyRespondent
from monitoring.survey_forms import AnswersForm
from tests.survey_setup import zemgale_survey

pytestmark = pytest.mark.django_db


def lv(msgid: str) -> str:
    with translation.override("lv"):
        return gettext(msgid)


@pytest.fixture
def survey(people):
    return zemgale_survey(people.zemgale_coordinator)


@pytest.fixture
def provider(survey, people):
    return surveys.provider_add(survey=survey, name="Dienas centrs", by=people.zemgale_coordinator)


def _field(question) -> str:
    return AnswersForm.name_of(question)


def _answer_url(survey, municipality) -> str:
    return reverse("monitoring:survey-answer", args=[survey.pk, municipality.pk])


def test_staff_find_the_survey_from_their_reporting_page(client, people, survey):
    client.force_login(people.jelgava_staff)
    assert reverse("monitoring:surveys") in client.get(reverse("monitoring:index")).content.decode()
    html = client.get(reverse("monitoring:surveys")).content.decode()
    assert _answer_url(survey, people.jelgava) in html
    # Latgale's published survey is not one to answer.
    assert "pašnovērtējums" not in html


def test_a_social_service_saves_a_draft_then_submits(client, people, survey):
    client.force_login(people.jelgava_staff)
    url = _answer_url(survey, people.jelgava)
    form = client.get(url).context["form"]
    # The social services' questions and the one asked of both; not the providers'.
    assert [q.text for q in form.questions] == [
        "Vai darbinieku pietiek?",
        "Kas traucē sniegt pakalpojumus?",
        "Kas uzlabojies pēdējos gados?",
    ]
    first, second, both = form.questions
    client.post(url, {_field(first): "Nepietiek divu darbinieku.", "action": "save"})
    respondent = SurveyRespondent.objects.get(survey=survey, municipality=people.jelgava)
    assert not respondent.is_submitted
    assert respondent.answers.get().text == "Nepietiek divu darbinieku."

    submitted = client.post(
        url,
        {
            _field(first): "Nepietiek divu darbinieku.",
            _field(second): "Attālumi.",
            _field(both): "",
            "action": "submit",
        },
    )
    assert submitted["Location"] == url
    respondent.refresh_from_db()
    assert respondent.is_submitted and respondent.submitted_by == people.jelgava_staff
    assert sorted(respondent.answers.values_list("text", flat=True)) == [
        "Attālumi.",
        "Nepietiek divu darbinieku.",
    ]

    # Read-only from now on: the page shows the answers, a POST changes nothing.
    page = client.get(url)
    assert page.context["form"].fields[_field(first)].disabled
    assert "Attālumi." in page.content.decode()
    client.post(url, {_field(first): "Mainīts.", "action": "submit"})
    assert not SurveyAnswer.objects.filter(respondent=respondent, text="Mainīts.").exists()


def test_submitting_nothing_is_refused_and_saves_nothing(client, people, survey):
    client.force_login(people.jelgava_staff)
    response = client.post(_answer_url(survey, people.jelgava), {"action": "submit"})
    assert response.status_code == 400
    assert lv(str(surveys.NOTHING_ANSWERED)) in response.content.decode()
    assert not SurveyRespondent.objects.filter(survey=survey, submitted_at__isnull=False).exists()


def test_a_too_long_answer_is_refused_and_kept_in_the_form(client, people, survey):
    client.force_login(people.jelgava_staff)
    question = survey.questions.get(audience="social_services", number=1)
    long = "ā" * 5001
    response = client.post(_answer_url(survey, people.jelgava), {_field(question): long})
    assert response.status_code == 400
    assert long in response.content.decode()
    assert not SurveyAnswer.objects.filter(question=question).exists()


def test_staff_of_another_municipality_get_404(client, people, survey):
    client.force_login(people.dobele_staff)
    assert client.get(_answer_url(survey, people.jelgava)).status_code == 404
    assert client.post(_answer_url(survey, people.jelgava), {"action": "save"}).status_code == 404
    # Jelgava's staff cannot answer Latgale's survey for Jelgava either.
    client.force_login(people.jelgava_staff)
    latgale = Survey.objects.get(programme__slug="latgale")
    assert client.get(_answer_url(latgale, people.jelgava)).status_code == 404


def test_a_provider_answers_once_by_its_link(client, survey, provider):
    url = reverse("monitoring:survey-link", args=[provider.token])
    page = client.get(url)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    questions = page.context["form"].questions
    assert [q.text for q in questions] == [
        "Kā vērtējat sadarbību?",
        "Kas uzlabojies pēdējos gados?",
    ]
    cooperation, better = questions
    client.post(url, {_field(cooperation): "Labi.", "action": "save"})
    assert client.get(url).context["form"][_field(cooperation)].value() == "Labi."

    done = client.post(
        url, {_field(cooperation): "Ļoti labi.", _field(better): "Jā.", "action": "submit"}
    )
    assert done.status_code == 200
    respondent = SurveyRespondent.objects.get(pk=provider.respondent.pk)
    assert respondent.is_submitted and respondent.link_used_at == respondent.submitted_at
    assert respondent.submitted_by is None

    # The link no longer opens the form, and says why.
    again = client.get(url)
    assert again.status_code == 410
    assert "form" not in again.context
    assert lv("The answers have been submitted") in again.content.decode()
    client.post(url, {_field(cooperation): "Mainīts.", "action": "submit"})
    assert respondent.answers.get(question=cooperation).text == "Ļoti labi."


def test_a_wrong_revoked_or_expired_link_opens_nothing_and_says_the_same(client, people, provider):
    # One character changed: a token that already began with "x" must not stay right.
    first = "y" if provider.token[0] == "x" else "x"
    wrong = reverse("monitoring:survey-link", args=[first + provider.token[1:]])
    missing = client.get(wrong)
    assert missing.status_code == 404
    text = lv("The link does not open a survey")
    assert text in missing.content.decode()
    assert "Dienas centrs" not in missing.content.decode()

    SurveyRespondent.objects.filter(pk=provider.respondent.pk).update(
        link_issued_at=timezone.now() - datetime.timedelta(days=365)
    )
    expired = client.get(reverse("monitoring:survey-link", args=[provider.token]))
    assert expired.status_code == 404 and text in expired.content.decode()

    surveys.link_revoke(respondent=provider.respondent, by=people.zemgale_coordinator)
    revoked = client.post(reverse("monitoring:survey-link", args=[provider.token]), {})
    assert revoked.status_code == 404 and text in revoked.content.decode()
    assert client.get(reverse("monitoring:survey-link", args=["a" * 500])).status_code == 404


def test_a_link_cannot_be_reissued_once_the_answers_are_in(people, survey, provider):
    question = survey.questions.get(audience="providers")
    surveys.answers_save(
        respondent=provider.respondent, answers={question.pk: "Labi."}, submit=True
    )
    with pytest.raises(ValidationError):
        surveys.link_reissue(respondent=provider.respondent, by=people.zemgale_coordinator)
    with pytest.raises(ValidationError):
        surveys.link_revoke(respondent=provider.respondent, by=people.zemgale_coordinator)


def test_the_coordinator_reads_a_draft_marked_as_one(client, people, survey):
    respondent = surveys.social_service_respondent(survey=survey, municipality=people.jelgava)
    question = survey.questions.get(audience="social_services", number=1)
    surveys.answers_save(respondent=respondent, answers={question.pk: "Melnraksts."}, submit=False)
    client.force_login(people.zemgale_coordinator)
    page = client.get(reverse("monitoring:survey-respondent", args=[respondent.pk]))
    html = page.content.decode()
    assert "Melnraksts." in html
    assert lv("A draft: not submitted yet, so it does not count in the review.") in html
