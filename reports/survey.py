"""The review's survey part: per question, whom it was asked of, how many answered of how many
were asked, the region's summary, and each respondent's answer.

What counts is SurveyAnswerQuerySet.counted(): submitted answers, or every answer of a survey
taken from a published document. Of a published survey only the answers the document gives
by name are known, so the count says that much and no more ("the published document gives
the answers of 8 of 21 social services by name"), never that the others did not answer.

Four queries with a survey (the survey, its questions, its respondents, their counted
answers), one without, whatever the number of respondents.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from monitoring import kept_sql
from monitoring.models import Survey, SurveyAnswer, SurveyQuestion, SurveyRespondent
from municipalities.collation import latvian_key
from municipalities.models import Municipality


@dataclass
class SurveyAnswerLine:
    respondent: SurveyRespondent
    text: str

    @property
    def label(self) -> str:
        return self.respondent.label


@dataclass
class SurveyQuestionLine:
    question: SurveyQuestion
    answers: list[SurveyAnswerLine] = field(default_factory=list)
    # How many of each kind were asked; None where that is not known (a published survey's
    # providers: the document does not say how many were asked).
    services_asked: int | None = None
    providers_asked: int | None = None
    services_answered: int = 0
    providers_answered: int = 0
    published: bool = False

    @property
    def response(self) -> str:
        """Who answered, of whom, as a sentence."""
        parts = []
        if self.question.asks_social_services:
            parts.append(self._services_sentence())
        if self.question.asks_providers:
            parts.append(self._providers_sentence())
        if self.published and not self.answers:
            return _("The published document gives only a summary of the answers.")
        return " ".join(parts)

    def _services_sentence(self) -> str:
        values = {"count": self.services_answered, "total": self.services_asked}
        if self.published:
            return (
                ngettext(
                    "The published document gives the answers of %(count)d of %(total)d social "
                    "services by name.",
                    "The published document gives the answers of %(count)d of %(total)d social "
                    "services by name.",
                    self.services_answered,
                )
                % values
            )
        return (
            ngettext(
                "Answered by %(count)d of %(total)d social services.",
                "Answered by %(count)d of %(total)d social services.",
                self.services_answered,
            )
            % values
        )

    def _providers_sentence(self) -> str:
        values = {"count": self.providers_answered, "total": self.providers_asked}
        if self.published:
            return (
                ngettext(
                    "The published document gives the answers of %(count)d service provider by "
                    "name.",
                    "The published document gives the answers of %(count)d service providers by "
                    "name.",
                    self.providers_answered,
                )
                % values
            )
        return (
            ngettext(
                "Answered by %(count)d of %(total)d service providers asked.",
                "Answered by %(count)d of %(total)d service providers asked.",
                self.providers_answered,
            )
            % values
        )


@dataclass
class SurveyPart:
    survey: Survey
    questions: list[SurveyQuestionLine]

    @property
    def sections(self) -> list[tuple[str, list[SurveyQuestionLine]]]:
        """The questions grouped by whom they were asked of, in the questions' order."""
        groups: dict[str, list[SurveyQuestionLine]] = {}
        for line in self.questions:
            groups.setdefault(line.question.audience, []).append(line)
        return [(lines[0].question.get_audience_display(), lines) for lines in groups.values()]


def _survey_query(programme_id: int, year: int) -> QuerySet:
    return Survey.objects.filter(programme=programme_id, year=year).order_by()


def survey_part(programme, year: int, municipalities: list[Municipality]) -> SurveyPart | None:
    """The programme-year's survey for the review, or None; `municipalities` are the review's
    (the region's in the year, in order): the social services asked."""
    # One survey a programme-year at most (a unique constraint).
    survey = next(iter(kept_sql.instances(_survey_query, programme.pk, year)), None)
    if survey is None:
        return None
    questions = list(survey.questions.in_order())
    respondents = list(survey.respondents.select_related("municipality"))
    answers = SurveyAnswer.objects.filter(question__survey=survey).counted()
    by_question: dict[int, dict[int, str]] = {}
    for question_id, respondent_id, text in answers.values_list(
        "question_id", "respondent_id", "text"
    ):
        by_question.setdefault(question_id, {})[respondent_id] = text

    position = {m.pk: i for i, m in enumerate(municipalities)}

    def order(respondent: SurveyRespondent):
        if respondent.kind == SurveyRespondent.Kind.SOCIAL_SERVICE:
            return (0, position.get(respondent.municipality_id, len(position)), "")
        return (1, 0, latvian_key(respondent.name))

    respondents.sort(key=order)
    providers = sum(r.is_provider for r in respondents)
    lines = []
    for question in questions:
        given = by_question.get(question.pk, {})
        line = SurveyQuestionLine(
            question=question,
            published=survey.is_published,
            services_asked=len(municipalities),
            providers_asked=None if survey.is_published else providers,
        )
        for respondent in respondents:
            if respondent.pk not in given or not question.is_asked_of(respondent.kind):
                continue
            line.answers.append(SurveyAnswerLine(respondent, given[respondent.pk]))
            if respondent.is_provider:
                line.providers_answered += 1
            else:
                line.services_answered += 1
        lines.append(line)
    return SurveyPart(survey=survey, questions=lines)
