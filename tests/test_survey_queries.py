"""Every survey page, and the review with its survey part, takes the same number of queries
whatever the number of municipalities, questions, providers and answers."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring import surveys
from monitoring.models import Membership
from reports.review import annual_review
from reports.survey import survey_part
from tests.factories import municipality_create, programme_create

pytestmark = pytest.mark.django_db

YEAR = 2014
SIZES = [(2, 1, 2), (25, 8, 30)]  # municipalities, questions per audience, providers


def _setup(towns, questions, providers):
    programme = programme_create(blocks=1, tasks_per_block=1, indicators=0)
    municipalities = [municipality_create(programme.region) for _ in range(towns)]
    User = get_user_model()
    coordinator = User.objects.create_user(f"k-{programme.pk}")
    Membership.objects.create(user=coordinator, role="coordinator", region=programme.region)
    staff = User.objects.create_user(f"s-{programme.pk}")
    Membership.objects.create(user=staff, role="staff", municipality=municipalities[0])
    survey = surveys.survey_create(
        programme=programme, year=YEAR, title="Aptauja", introduction="", by=coordinator
    )
    for audience in ("social_services", "providers"):
        for number in range(1, questions + 1):
            surveys.question_save(
                survey=survey,
                audience=audience,
                number=number,
                text=f"Jautājums {number}?",
                summary="",
                by=coordinator,
            )
    asked = list(survey.questions.all())
    links = []
    for n in range(providers):
        issued = surveys.provider_add(survey=survey, name=f"Sniedzējs {n}", by=coordinator)
        surveys.answers_save(
            respondent=issued.respondent,
            answers={q.pk: "Atbilde." for q in asked},
            submit=n % 2 == 1,  # the first a draft, its link open
        )
        links.append(issued)
    for town in municipalities[1:]:
        respondent = surveys.social_service_respondent(survey=survey, municipality=town)
        surveys.answers_save(
            respondent=respondent, answers={q.pk: "Atbilde." for q in asked}, submit=True
        )
    return survey, coordinator, staff, municipalities[0], links


@pytest.fixture(params=SIZES, ids=["small", "large"])
def sized(request):
    return _setup(*request.param)


def test_the_list_queries(client, django_assert_num_queries, sized):
    survey, coordinator, staff, _town, _links = sized
    client.force_login(coordinator)
    # user, roles, surveys counted (pager), the page of surveys, programmes to survey
    with django_assert_num_queries(5):
        assert client.get(reverse("monitoring:surveys")).status_code == 200
    client.force_login(staff)
    # user, roles, their municipalities, surveys to answer, their respondents
    with django_assert_num_queries(5):
        assert client.get(reverse("monitoring:surveys")).status_code == 200


def test_the_survey_page_queries(client, django_assert_num_queries, sized):
    survey, coordinator, _staff, _town, _links = sized
    client.force_login(coordinator)
    # user, roles, survey, questions with answer counts, social services, the
    # region's municipalities, providers counted (pager), the page of providers, whether
    # anyone has submitted
    with django_assert_num_queries(9):
        assert client.get(survey.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # user, roles, survey
        ("monitoring:survey-edit", 3),
        # ... and the respondents with answers counted
        ("monitoring:survey-delete", 4),
        # ... whether anyone has submitted, the highest number taken
        ("monitoring:survey-question-add", 5),
        # ... the region's municipalities for the choice
        ("monitoring:survey-provider-add", 4),
    ],
)
def test_the_survey_forms_queries(client, django_assert_num_queries, sized, name, queries):
    survey, coordinator, _staff, _town, _links = sized
    client.force_login(coordinator)
    with django_assert_num_queries(queries):
        assert client.get(reverse(name, args=[survey.pk])).status_code == 200


def test_the_question_pages_queries(client, django_assert_num_queries, sized):
    survey, coordinator, _staff, _town, _links = sized
    question = survey.questions.first()
    client.force_login(coordinator)
    # user, roles, question, its survey, whether anyone has submitted
    with django_assert_num_queries(5):
        response = client.get(reverse("monitoring:survey-question-edit", args=[question.pk]))
    assert response.status_code == 200
    # user, roles, question, its survey
    with django_assert_num_queries(4):
        response = client.get(reverse("monitoring:survey-question-delete", args=[question.pk]))
    assert response.status_code == 200


def test_the_respondent_and_link_pages_queries(client, django_assert_num_queries, sized):
    survey, coordinator, _staff, _town, links = sized
    respondent = links[0].respondent
    client.force_login(coordinator)
    # user, roles, respondent, survey, answers, questions
    with django_assert_num_queries(6):
        response = client.get(reverse("monitoring:survey-respondent", args=[respondent.pk]))
    assert response.status_code == 200
    # user, roles, provider, survey, then in a savepoint (2) the provider locked,
    # saved and its history written (without the token's hash)
    with django_assert_num_queries(9):
        response = client.post(reverse("monitoring:survey-link-reissue", args=[respondent.pk]))
    assert response.status_code == 200


def test_the_answer_pages_queries(client, django_assert_num_queries, sized):
    survey, _coordinator, staff, town, links = sized
    client.force_login(staff)
    # user, roles, municipality, survey, its respondent, questions
    with django_assert_num_queries(6):
        response = client.get(reverse("monitoring:survey-answer", args=[survey.pk, town.pk]))
    assert response.status_code == 200
    client.logout()
    # the provider by its token, its answers, the questions (no session: no login)
    with django_assert_num_queries(3):
        response = client.get(reverse("monitoring:survey-link", args=[links[0].token]))
    assert response.status_code == 200
    # a used link: the provider by its token, and nothing more
    with django_assert_num_queries(1):
        response = client.get(reverse("monitoring:survey-link", args=[links[1].token]))
    assert response.status_code == 410


def test_the_review_s_survey_part_queries(django_assert_num_queries, sized):
    survey, _coordinator, _staff, _town, _links = sized

    municipalities = list(survey.programme.region.municipalities.in_order())
    # the survey, its questions, its respondents, their counted answers
    with django_assert_num_queries(4):
        part = survey_part(survey.programme, YEAR, municipalities)
    assert len(part.questions) == survey.questions.count()
    review = annual_review(survey.programme, YEAR)
    assert review.survey.questions[0].services_answered == len(municipalities) - 1


def test_the_review_page_with_a_survey_queries(client, django_assert_num_queries, sized):
    survey, coordinator, _staff, _town, _links = sized
    client.force_login(coordinator)
    # A year without a survey takes the review page's own number (tests/test_annual_review.py);
    # the survey part adds 3 to it: its questions, respondents and counted answers.
    plain = reverse("reports:review", args=[survey.programme.slug, YEAR - 1])
    client.get(plain)
    with CaptureQueriesContext(connection) as without:
        client.get(plain)
    with django_assert_num_queries(len(without) + 3):
        response = client.get(reverse("reports:review", args=[survey.programme.slug, YEAR]))
    assert response.content.decode().count("Atbilde.") > 0
