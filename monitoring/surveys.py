"""The region's survey: the services that write it (the coordinator's questions and providers,
the respondents' answers) and the reads its pages share.

Every write is keyword-only and atomic, and refuses with one of the messages below what the
survey's state does not allow: a question's wording, audience and number are fixed once anyone
has submitted (the answers would no longer answer it); submitted answers are read-only; a
published survey (taken from a document) is changed by its fixture alone.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring.models import (
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRespondent,
)
from monitoring.models.surveys import token_hash
from municipalities.models import Municipality

QUESTIONS_FIXED = _(
    "Someone has already submitted answers: the questions can no longer be changed, only "
    "their summaries."
)
PUBLISHED_SURVEY = _("This survey was taken from a published document and cannot be changed here.")
ALREADY_SUBMITTED = _("These answers have been submitted and can no longer be changed.")
NOTHING_ANSWERED = _("Answer at least one question before submitting.")
SURVEY_EXISTS = _("The programme already has a survey for %(year)d.")
NUMBER_TAKEN = _("Question %(number)d is already asked of them: choose another number.")
PROVIDER_EXISTS = _("A provider of this name has already been added.")
NOT_A_PROVIDER = _("Only a provider answers through a link.")


def _refuse_published(survey: Survey) -> None:
    if survey.is_published:
        raise ValidationError(PUBLISHED_SURVEY)


def has_submissions(survey: Survey) -> bool:
    return survey.respondents.filter(submitted_at__isnull=False).exists()


@transaction.atomic
def survey_create(*, programme, year: int, title: str, introduction: str, by) -> Survey:
    if Survey.objects.filter(programme=programme, year=year).exists():
        raise ValidationError(SURVEY_EXISTS, params={"year": year})
    survey = Survey(
        programme=programme, year=year, title=title, introduction=introduction, created_by=by
    )
    survey.full_clean(exclude=["programme", "created_by"], validate_constraints=False)
    survey.save()
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, title: str, introduction: str, by) -> Survey:
    _refuse_published(survey)
    survey.title, survey.introduction = title, introduction
    survey.full_clean(exclude=["programme", "created_by"], validate_constraints=False)
    survey.save(update_fields=["title", "introduction", "updated_at"])
    return survey


@transaction.atomic
def survey_delete(*, survey: Survey, by) -> None:
    """Removes the survey with its questions, respondents and every answer."""
    _refuse_published(survey)
    survey.delete()


@transaction.atomic
def question_save(
    *,
    survey: Survey,
    question: SurveyQuestion | None = None,
    audience: str,
    number: int,
    text: str,
    summary: str,
    by,
) -> SurveyQuestion:
    """A new question, or the changed one; after a submission only the summary changes."""
    _refuse_published(survey)
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    question = question or SurveyQuestion(survey=survey)
    wording = (question.audience, question.number, question.text)
    if (question.pk is None or wording != (audience, number, text)) and has_submissions(survey):
        raise ValidationError(QUESTIONS_FIXED)
    taken = survey.questions.filter(audience=audience, number=number).exclude(pk=question.pk)
    if taken.exists():
        raise ValidationError(NUMBER_TAKEN, params={"number": number})
    question.audience, question.number, question.text, question.summary = (
        audience,
        number,
        text,
        summary,
    )
    question.full_clean(exclude=["survey"], validate_constraints=False)
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: SurveyQuestion, by) -> None:
    _refuse_published(question.survey)
    Survey.objects.select_for_update().filter(pk=question.survey_id).first()
    if has_submissions(question.survey):
        raise ValidationError(QUESTIONS_FIXED)
    question.delete()


@dataclass(frozen=True)
class IssuedLink:
    """A provider's link as issued: the token is here once and never stored."""

    respondent: SurveyRespondent
    token: str


def _issue(respondent: SurveyRespondent) -> str:
    token = SurveyRespondent.new_token()
    respondent.token_hash = token_hash(token)
    respondent.link_issued_at = timezone.now()
    respondent.link_revoked_at = None
    return token


@transaction.atomic
def provider_add(
    *, survey: Survey, name: str, email: str = "", municipality: Municipality | None = None, by
) -> IssuedLink:
    _refuse_published(survey)
    if survey.respondents.filter(kind=SurveyRespondent.Kind.PROVIDER, name=name).exists():
        raise ValidationError(PROVIDER_EXISTS)
    respondent = SurveyRespondent(
        survey=survey,
        kind=SurveyRespondent.Kind.PROVIDER,
        name=name,
        email=email,
        municipality=municipality,
    )
    token = _issue(respondent)
    respondent.full_clean(exclude=["survey", "municipality"], validate_constraints=False)
    respondent.save()
    return IssuedLink(respondent, token)


def _locked(respondent: SurveyRespondent) -> SurveyRespondent:
    return SurveyRespondent.objects.select_for_update().get(pk=respondent.pk)


@transaction.atomic
def link_reissue(*, respondent: SurveyRespondent, by) -> IssuedLink:
    """A new link for the provider; the old one stops opening the form."""
    locked = _locked(respondent)
    if not locked.is_provider:
        raise ValidationError(NOT_A_PROVIDER)
    if locked.is_submitted:
        raise ValidationError(ALREADY_SUBMITTED)
    token = _issue(locked)
    locked.save(update_fields=["token_hash", "link_issued_at", "link_revoked_at", "updated_at"])
    return IssuedLink(locked, token)


@transaction.atomic
def link_revoke(*, respondent: SurveyRespondent, by) -> SurveyRespondent:
    locked = _locked(respondent)
    if not locked.is_provider:
        raise ValidationError(NOT_A_PROVIDER)
    if locked.is_submitted:
        raise ValidationError(ALREADY_SUBMITTED)
    locked.token_hash = ""
    locked.link_revoked_at = timezone.now()
    locked.save(update_fields=["token_hash", "link_revoked_at", "updated_at"])
    return locked


def respondent_by_token(token: str) -> SurveyRespondent | None:
    """The provider whose link carries the token, whatever the state of the link (the page
    says which), or None: a wrong token is told from a revoked one by nobody."""
    if not token or len(token) > 100:
        return None
    respondent = (
        SurveyRespondent.objects.filter(token_hash=token_hash(token), kind="provider")
        .select_related("survey__programme__region", "municipality")
        .first()
    )
    if respondent is None or not respondent.token_matches(token):
        return None
    return respondent


@transaction.atomic
def social_service_respondent(*, survey: Survey, municipality: Municipality) -> SurveyRespondent:
    """The municipality's social service as the survey's respondent, made on first use."""
    respondent, _created = SurveyRespondent.objects.get_or_create(
        survey=survey, kind=SurveyRespondent.Kind.SOCIAL_SERVICE, municipality=municipality
    )
    return respondent


@transaction.atomic
def answers_save(
    *,
    respondent: SurveyRespondent,
    answers: dict[int, str],
    submit: bool,
    by=None,
) -> SurveyRespondent:
    """Save the respondent's answers (question id → text; an empty text removes the answer)
    and, with `submit`, hand them in: from then on they count and are read-only."""
    locked = _locked(respondent)
    _refuse_published(respondent.survey)
    if locked.is_submitted:
        raise ValidationError(ALREADY_SUBMITTED)
    questions = {q.pk: q for q in respondent.survey.questions.all() if q.is_asked_of(locked.kind)}
    kept = {a.question_id: a for a in locked.answers.all()}
    for question_id, text in answers.items():
        if question_id not in questions:
            continue
        text = text.strip()
        answer = kept.get(question_id)
        if not text:
            if answer is not None:
                answer.delete()
                del kept[question_id]
        elif answer is None:
            kept[question_id] = SurveyAnswer.objects.create(
                respondent=locked, question=questions[question_id], text=text
            )
        elif answer.text != text:
            answer.text = text
            answer.save(update_fields=["text", "updated_at"])
    if submit:
        if not kept:
            raise ValidationError(NOTHING_ANSWERED)
        locked.submitted_at = timezone.now()
        locked.submitted_by = by
        fields = ["submitted_at", "submitted_by", "updated_at"]
        if locked.is_provider:
            locked.link_used_at = locked.submitted_at
            fields.append("link_used_at")
        locked.save(update_fields=fields)
    return locked


def with_answers(respondents):
    """Respondents with their answers (one query for all of them)."""
    return respondents.prefetch_related(
        Prefetch("answers", queryset=SurveyAnswer.objects.order_by("question_id"))
    )
