"""The region's survey of social services and providers for a year: its questions, who was
asked, and the answers each gave.

A social service answers for its municipality from its reporting page; a provider, who has no
account, answers through a one-time link whose token is kept only as a hash. What counts for
the review is `SurveyAnswerQuerySet.counted()`: the answers of those who submitted, and every
answer of a survey taken from a published document (its `source`), which has no workflow.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality, municipality_order

# Days a provider's link opens the form after it was issued; the coordinator can reissue it.
LINK_VALID_DAYS = 90
# token_urlsafe(32): 43 characters, 256 bits: not guessable, so a wrong token is just missing.
TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    """What is kept of a link's token: its SHA-256 (a token of 256 random bits needs no salt)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Audience(models.TextChoices):
    """Whom a question is asked of."""

    SOCIAL_SERVICES = "social_services", _("municipal social services")
    PROVIDERS = "providers", _("social service providers")
    BOTH = "both", _("social services and providers")


# The order the questions are shown in: the social services', then the providers', then both.
AUDIENCE_ORDER = (Audience.SOCIAL_SERVICES, Audience.PROVIDERS, Audience.BOTH)


class Survey(models.Model):
    """A programme's survey for a year. One per programme and year: the review has one survey
    part, and a second questionnaire of the same year is more questions of the same survey."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Why the region asks, shown to those who answer and in the review."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_(
            "The published document the answers are taken from; empty for a survey answered "
            "in the app."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "programme__slug"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="survey_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:survey", args=[self.pk])

    @property
    def is_published(self) -> bool:
        """Taken from a published document: its answers count without being submitted."""
        return bool(self.source)


class SurveyQuestionQuerySet(models.QuerySet):
    def in_order(self) -> "SurveyQuestionQuerySet":
        """The social services' questions, then the providers', then both's, each by number."""
        rank = models.Case(
            *(models.When(audience=a, then=i) for i, a in enumerate(AUDIENCE_ORDER)),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, "number", "pk")


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    audience = models.CharField(
        _("asked of"), max_length=20, choices=Audience.choices, default=Audience.SOCIAL_SERVICES
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("The question's number among those asked of the same people.")
    )
    text = models.TextField(_("question"))
    summary = models.TextField(
        _("summary of the answers"),
        blank=True,
        help_text=_("The region's own summary of the answers, shown in the review before them."),
    )

    history = HistoricalRecords()
    objects = SurveyQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "audience", "number"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "audience", "number"], name="survey_question_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="survey_question_audience_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    def is_asked_of(self, kind: str) -> bool:
        """Whether respondents of the kind (SurveyRespondent.Kind) are asked the question."""
        if self.audience == Audience.BOTH:
            return True
        wanted = {
            SurveyRespondent.Kind.SOCIAL_SERVICE: Audience.SOCIAL_SERVICES,
            SurveyRespondent.Kind.PROVIDER: Audience.PROVIDERS,
        }
        return self.audience == wanted[kind]

    @property
    def asks_social_services(self) -> bool:
        return self.audience in (Audience.SOCIAL_SERVICES, Audience.BOTH)

    @property
    def asks_providers(self) -> bool:
        return self.audience in (Audience.PROVIDERS, Audience.BOTH)


class SurveyRespondent(models.Model):
    """Who answers a survey: a municipality's social service, or a provider the coordinator
    added (with a one-time link, since a provider has no account)."""

    class Kind(models.TextChoices):
        SOCIAL_SERVICE = "social_service", _("social service")
        PROVIDER = "provider", _("service provider")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="respondents", verbose_name=_("survey")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_respondents",
        verbose_name=_("municipality"),
        help_text=_("A social service's municipality; for a provider, where it works (optional)."),
    )
    name = models.CharField(
        _("provider's name"), max_length=300, blank=True, help_text=_("For a provider.")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    # Only the hash of the link's token is kept: the link is shown once, when it is issued.
    token_hash = models.CharField(_("link's token (hash)"), max_length=64, blank=True)
    link_issued_at = models.DateTimeField(_("link issued"), null=True, blank=True)
    link_revoked_at = models.DateTimeField(_("link revoked"), null=True, blank=True)
    link_used_at = models.DateTimeField(_("link used"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["survey", "kind", *municipality_order("municipality"), "name"]
        verbose_name = _("survey respondent")
        verbose_name_plural = _("survey respondents")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="social_service", municipality__isnull=False, token_hash="")
                    | (Q(kind="provider") & ~Q(name=""))
                ),
                name="survey_respondent_scope",
            ),
            models.UniqueConstraint(
                fields=["survey", "municipality"],
                condition=Q(kind="social_service"),
                name="survey_respondent_unique_service",
            ),
            models.UniqueConstraint(
                fields=["survey", "name"],
                condition=Q(kind="provider"),
                name="survey_respondent_unique_provider",
            ),
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~Q(token_hash=""),
                name="survey_respondent_unique_token",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name the review gives the respondent: its municipality's, or the provider's."""
        if self.kind == self.Kind.SOCIAL_SERVICE:
            return self.municipality.name
        return self.name

    @property
    def is_provider(self) -> bool:
        return self.kind == self.Kind.PROVIDER

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def link_expires_at(self):
        if self.link_issued_at is None:
            return None
        return self.link_issued_at + datetime.timedelta(days=LINK_VALID_DAYS)

    def link_state(self, now=None) -> str:
        """ "none", "active", "revoked", "expired" or "used" (the answers were submitted)."""
        now = now or timezone.now()
        if self.is_submitted:
            return "used"
        if not self.token_hash:
            return "revoked" if self.link_revoked_at else "none"
        if self.link_expires_at() <= now:
            return "expired"
        return "active"

    def link_opens(self, now=None) -> bool:
        return self.link_state(now) == "active"

    def token_matches(self, token: str) -> bool:
        """Compared in constant time, so the answer's timing tells nothing of the hash."""
        return bool(self.token_hash) and hmac.compare_digest(self.token_hash, token_hash(token))

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(TOKEN_BYTES)


def counted_answer(through: str = "") -> Q:
    """The condition on an answer (reached `through` a relation, e.g. "answers__") of counting:
    it is submitted, or its survey was taken from a published document. A draft counts nowhere
    but on its own form."""
    return Q(**{f"{through}respondent__submitted_at__isnull": False}) | ~Q(
        **{f"{through}question__survey__source": ""}
    )


class SurveyAnswerQuerySet(models.QuerySet):
    def counted(self) -> "SurveyAnswerQuerySet":
        """The answers the review counts (`counted_answer`)."""
        return self.filter(counted_answer())


class SurveyAnswer(models.Model):
    respondent = models.ForeignKey(
        SurveyRespondent,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("respondent"),
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    text = models.TextField(_("answer"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = SurveyAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["question", "respondent"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["respondent", "question"], name="survey_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.respondent} · {self.question.number}"
