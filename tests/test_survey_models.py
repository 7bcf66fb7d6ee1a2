"""The survey's records keep their rules in the database: one survey per programme and year,
a social service answers for one municipality once, an answer once per question, a link's
token is kept only as a hash."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from monitoring.models import Survey, SurveyAnswer, SurveyQuestion, SurveyRespondent
from monitoring.models.surveys import LINK_VALID_DAYS, token_hash
from municipalities.models import Municipality
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return Survey.objects.create(
        programme=Programme.objects.get(slug="zemgale"), year=2016, title="Aptauja"
    )


@pytest.fixture
def jelgava():
    return Municipality.resolve("Jelgava", year=2016)


def _refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_programme_has_one_survey_a_year(survey):
    _refused(lambda: Survey.objects.create(programme=survey.programme, year=2016, title="Otra"))


def test_a_question_number_is_taken_once_per_audience(survey):
    SurveyQuestion.objects.create(survey=survey, audience="social_services", number=1, text="A?")
    SurveyQuestion.objects.create(survey=survey, audience="providers", number=1, text="B?")
    _refused(
        lambda: SurveyQuestion.objects.create(
            survey=survey, audience="social_services", number=1, text="C?"
        )
    )


def test_an_unknown_audience_is_refused(survey):
    _refused(
        lambda: SurveyQuestion.objects.create(survey=survey, audience="all", number=1, text="?")
    )


def test_a_social_service_has_a_municipality_and_no_link(survey, jelgava):
    _refused(lambda: SurveyRespondent.objects.create(survey=survey, kind="social_service"))
    _refused(
        lambda: SurveyRespondent.objects.create(
            survey=survey, kind="social_service", municipality=jelgava, token_hash="x" * 64
        )
    )


def test_a_provider_has_a_name(survey):
    _refused(lambda: SurveyRespondent.objects.create(survey=survey, kind="provider"))


def test_a_municipality_answers_a_survey_once(survey, jelgava):
    SurveyRespondent.objects.create(survey=survey, kind="social_service", municipality=jelgava)
    _refused(
        lambda: SurveyRespondent.objects.create(
            survey=survey, kind="social_service", municipality=jelgava
        )
    )


def test_two_providers_of_one_name_are_refused(survey):
    SurveyRespondent.objects.create(survey=survey, kind="provider", name="Centrs")
    _refused(lambda: SurveyRespondent.objects.create(survey=survey, kind="provider", name="Centrs"))


def test_a_token_hash_belongs_to_one_provider(survey):
    SurveyRespondent.objects.create(survey=survey, kind="provider", name="A", token_hash="h" * 64)
    _refused(
        lambda: SurveyRespondent.objects.create(
            survey=survey, kind="provider", name="B", token_hash="h" * 64
        )
    )
    # Without a link, any number of providers.
    SurveyRespondent.objects.create(survey=survey, kind="provider", name="C")
    SurveyRespondent.objects.create(survey=survey, kind="provider", name="D")


def test_a_question_is_answered_once_by_each(survey, jelgava):
    question = SurveyQuestion.objects.create(survey=survey, number=1, text="A?")
    respondent = SurveyRespondent.objects.create(
        survey=survey, kind="social_service", municipality=jelgava
    )
    history = SurveyAnswer.history.count()
    SurveyAnswer.objects.create(respondent=respondent, question=question, text="Jā.")
    _refused(
        lambda: SurveyAnswer.objects.create(respondent=respondent, question=question, text="Nē.")
    )
    assert SurveyAnswer.history.count() == history + 1


def test_the_token_is_long_and_kept_only_as_its_hash():
    token = SurveyRespondent.new_token()
    assert len(token) >= 43
    provider = SurveyRespondent(kind="provider", name="A", token_hash=token_hash(token))
    assert provider.token_hash != token and len(provider.token_hash) == 64
    assert provider.token_matches(token)
    assert not provider.token_matches(token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert not SurveyRespondent(kind="provider", name="B").token_matches("")


def test_a_link_is_active_until_used_revoked_or_expired():
    now = timezone.now()
    provider = SurveyRespondent(kind="provider", name="A", token_hash="h" * 64, link_issued_at=now)
    assert provider.link_state(now) == "active"
    later = now + datetime.timedelta(days=LINK_VALID_DAYS)
    assert provider.link_state(later) == "expired"
    provider.submitted_at = now
    assert provider.link_state(now) == "used"
    revoked = SurveyRespondent(kind="provider", name="B", link_revoked_at=now)
    assert revoked.link_state(now) == "revoked"
    assert SurveyRespondent(kind="provider", name="C").link_state(now) == "none"


def test_the_questions_come_services_first_then_providers_then_both(survey):
    both = SurveyQuestion.objects.create(survey=survey, audience="both", number=1, text="C?")
    provider = SurveyQuestion.objects.create(
        survey=survey, audience="providers", number=1, text="B?"
    )
    second = SurveyQuestion.objects.create(survey=survey, number=2, text="A2?")
    first = SurveyQuestion.objects.create(survey=survey, number=1, text="A1?")
    assert list(survey.questions.in_order()) == [first, second, provider, both]
