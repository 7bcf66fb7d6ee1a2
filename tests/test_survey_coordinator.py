"""The coordinator defines the region's survey, follows who has answered and gives providers
their one-time links; nobody else reaches these pages."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from monitoring import surveys
from monitoring.models import Survey, SurveyQuestion, SurveyRespondent
from monitoring.models.surveys import token_hash
from tests.survey_setup import YEAR, zemgale_survey

pytestmark = pytest.mark.django_db


def lv(msgid: str) -> str:
    with translation.override("lv"):
        return gettext(msgid)


@pytest.fixture
def survey(people):
    return zemgale_survey(people.zemgale_coordinator)


@pytest.fixture
def provider(survey, people):
    return surveys.provider_add(
        survey=survey, name="Dienas centrs „Saulīte”", by=people.zemgale_coordinator
    )


def _coordinator_pages(survey, provider):
    question = survey.questions.first()
    respondent = provider.respondent
    return [
        ("get", reverse("monitoring:survey", args=[survey.pk])),
        ("get", reverse("monitoring:survey-edit", args=[survey.pk])),
        ("get", reverse("monitoring:survey-delete", args=[survey.pk])),
        ("post", reverse("monitoring:survey-delete", args=[survey.pk])),
        ("get", reverse("monitoring:survey-question-add", args=[survey.pk])),
        ("get", reverse("monitoring:survey-question-edit", args=[question.pk])),
        ("get", reverse("monitoring:survey-question-delete", args=[question.pk])),
        ("post", reverse("monitoring:survey-question-delete", args=[question.pk])),
        ("get", reverse("monitoring:survey-provider-add", args=[survey.pk])),
        ("get", reverse("monitoring:survey-respondent", args=[respondent.pk])),
        ("post", reverse("monitoring:survey-link-reissue", args=[respondent.pk])),
        ("get", reverse("monitoring:survey-link-revoke", args=[respondent.pk])),
        ("post", reverse("monitoring:survey-link-revoke", args=[respondent.pk])),
        ("get", reverse("monitoring:survey-create", args=["zemgale"])),
    ]


def test_the_coordinator_creates_a_survey_with_its_questions(client, people):
    client.force_login(people.zemgale_coordinator)
    created = client.post(
        reverse("monitoring:survey-create", args=["zemgale"]),
        {"year": YEAR, "title": "Aptauja 2016", "introduction": "Kāpēc jautājam."},
    )
    survey = Survey.objects.get(programme__slug="zemgale", year=YEAR)
    assert created["Location"] == survey.get_absolute_url()
    assert survey.created_by == people.zemgale_coordinator

    add = reverse("monitoring:survey-question-add", args=[survey.pk])
    assert client.get(add).context["form"]["number"].value() == 1
    client.post(
        add, {"audience": "social_services", "number": 1, "text": "Vai pietiek?", "summary": ""}
    )
    client.post(
        add, {"audience": "providers", "number": 1, "text": "Kā sadarbojaties?", "summary": ""}
    )
    assert [(q.audience, q.text) for q in survey.questions.in_order()] == [
        ("social_services", "Vai pietiek?"),
        ("providers", "Kā sadarbojaties?"),
    ]

    page = client.get(survey.get_absolute_url())
    html = page.content.decode()
    assert "Vai pietiek?" in html and "Kā sadarbojaties?" in html
    # Every municipality of Zemgale in 2016 is asked the social services' question.
    assert len(page.context["towns"]) == 22
    assert "Jelgava" in html and "Dobeles novads" in html


def test_a_year_with_a_survey_is_not_offered_again(client, people, survey):
    client.force_login(people.zemgale_coordinator)
    form = client.get(reverse("monitoring:survey-create", args=["zemgale"])).context["form"]
    assert YEAR not in [value for value, _label in form.fields["year"].choices]


def test_a_taken_question_number_is_refused_and_the_typed_text_kept(client, people, survey):
    client.force_login(people.zemgale_coordinator)
    response = client.post(
        reverse("monitoring:survey-question-add", args=[survey.pk]),
        {"audience": "social_services", "number": 1, "text": "Jauns jautājums?", "summary": ""},
    )
    assert response.status_code == 400
    assert "Jauns jautājums?" in response.content.decode()
    assert survey.questions.count() == 4


def test_the_survey_is_deleted_only_after_confirming(client, people, survey):
    client.force_login(people.zemgale_coordinator)
    url = reverse("monitoring:survey-delete", args=[survey.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert Survey.objects.filter(pk=survey.pk).exists()
    assert client.post(url)["Location"] == reverse("monitoring:surveys")
    assert not Survey.objects.filter(pk=survey.pk).exists()


def test_a_question_is_deleted_only_after_confirming(client, people, survey):
    client.force_login(people.zemgale_coordinator)
    question = survey.questions.get(audience="providers")
    url = reverse("monitoring:survey-question-delete", args=[question.pk])
    assert question.text in client.get(url).content.decode()
    assert SurveyQuestion.objects.filter(pk=question.pk).exists()
    client.post(url)
    assert not SurveyQuestion.objects.filter(pk=question.pk).exists()


def test_after_a_submission_only_the_summaries_change(client, people, survey):
    jelgava = people.jelgava
    respondent = surveys.social_service_respondent(survey=survey, municipality=jelgava)
    first = survey.questions.get(audience="social_services", number=1)
    surveys.answers_save(respondent=respondent, answers={first.pk: "Nē."}, submit=True)
    client.force_login(people.zemgale_coordinator)
    url = reverse("monitoring:survey-question-edit", args=[first.pk])
    client.post(
        url,
        {"audience": "providers", "number": 9, "text": "Cits?", "summary": "Lielākā daļa: nē."},
    )
    first.refresh_from_db()
    # The disabled fields keep their values; the summary is saved.
    assert (first.audience, first.number, first.text) == (
        "social_services",
        1,
        "Vai darbinieku pietiek?",
    )
    assert first.summary == "Lielākā daļa: nē."
    assert (
        client.get(reverse("monitoring:survey-question-add", args=[survey.pk])).status_code == 200
    )
    refused = client.post(
        reverse("monitoring:survey-question-add", args=[survey.pk]),
        {"audience": "providers", "number": 5, "text": "Jauns?", "summary": ""},
    )
    assert refused.status_code == 400
    assert lv(str(surveys.QUESTIONS_FIXED)) in refused.content.decode()
    deleting = client.post(reverse("monitoring:survey-question-delete", args=[first.pk]))
    assert deleting.status_code == 400
    assert SurveyQuestion.objects.filter(pk=first.pk).exists()


def test_the_provider_link_is_shown_once_and_kept_only_as_a_hash(client, people, survey):
    client.force_login(people.zemgale_coordinator)
    response = client.post(
        reverse("monitoring:survey-provider-add", args=[survey.pk]),
        {"name": "Krīžu centrs", "municipality": people.jelgava.pk, "email": "centrs@example.lv"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    link = response.context["link"]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert link.startswith("http") and len(token) >= 43
    provider = SurveyRespondent.objects.get(survey=survey, name="Krīžu centrs")
    assert provider.token_hash == token_hash(token)
    assert token not in str(provider.__dict__)
    assert provider.municipality == people.jelgava
    # The survey's page lists the provider, not its link.
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Krīžu centrs" in page and token not in page


def test_a_second_provider_of_the_same_name_is_refused(client, people, survey, provider):
    client.force_login(people.zemgale_coordinator)
    response = client.post(
        reverse("monitoring:survey-provider-add", args=[survey.pk]),
        {"name": provider.respondent.name, "municipality": "", "email": ""},
    )
    assert response.status_code == 400
    assert lv(str(surveys.PROVIDER_EXISTS)) in response.content.decode()


def test_revoking_and_reissuing_a_link(client, people, survey, provider):
    client.force_login(people.zemgale_coordinator)
    pk = provider.respondent.pk
    assert client.get(reverse("monitoring:survey-link-revoke", args=[pk])).status_code == 200
    client.post(reverse("monitoring:survey-link-revoke", args=[pk]))
    assert client.get(reverse("monitoring:survey-link", args=[provider.token])).status_code == 404
    reissued = client.post(reverse("monitoring:survey-link-reissue", args=[pk]))
    token = reissued.context["link"].rstrip("/").rsplit("/", 1)[1]
    assert token != provider.token
    client.logout()
    assert client.get(reverse("monitoring:survey-link", args=[token])).status_code == 200
    assert client.get(reverse("monitoring:survey-link", args=[provider.token])).status_code == 404


def test_the_coordinator_of_another_region_gets_404(client, people, survey, provider):
    client.force_login(people.latgale_coordinator)
    for method, url in _coordinator_pages(survey, provider)[:-1]:
        assert getattr(client, method)(url).status_code == 404, url
    assert Survey.objects.filter(pk=survey.pk).exists()
    assert SurveyRespondent.objects.get(pk=provider.respondent.pk).link_opens()


def test_staff_and_the_council_get_404(client, people, survey, provider):
    for user in (people.jelgava_staff, people.zemgale_council, people.national):
        client.force_login(user)
        for method, url in _coordinator_pages(survey, provider):
            assert getattr(client, method)(url).status_code == 404, (user, url)


def test_anonymous_is_sent_to_log_in(client, survey, provider):
    for method, url in _coordinator_pages(survey, provider):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("monitoring:surveys"))["Location"].startswith(reverse("login"))


def test_the_list_shows_the_region_s_surveys_by_year(client, people, survey):
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("monitoring:surveys")).content.decode()
    assert "Pakalpojumu aptauja" in html and survey.get_absolute_url() in html
    client.force_login(people.latgale_coordinator)
    html = client.get(reverse("monitoring:surveys")).content.decode()
    assert "Pakalpojumu aptauja" not in html
    # Latgale's own, loaded from its 2014 review.
    assert "Sociālo dienestu un sociālo pakalpojumu sniedzēju pašnovērtējums" in html


def test_the_coordinator_finds_the_surveys_from_the_reporting_page(client, people):
    client.force_login(people.zemgale_coordinator)
    assert reverse("monitoring:surveys") in client.get(reverse("monitoring:index")).content.decode()


def test_a_published_survey_counts_each_questions_answers_as_the_document_gives_them(
    client, people
):
    survey = Survey.objects.get(programme__slug="latgale", year=2014)
    client.force_login(people.latgale_coordinator)
    response = client.get(reverse("monitoring:survey", args=[survey.pk]))
    counts = [q.answer_count for q in response.context["questions"]]
    expected = [q.answers.count() for q in survey.questions.in_order()]
    assert counts == expected and sum(counts) == 20
    assert lv("Answers as published") in response.content.decode()
