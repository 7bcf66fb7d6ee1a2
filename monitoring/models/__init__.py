from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Currency, Municipality, PlanningRegion, municipality_order
from programmes.models import ProgrammeNode


class Status(models.TextChoices):
    """What a municipality reports about a task for a year, in the words the reviews use."""

    IMPLEMENTED = "implemented", _("implemented")
    IMPROVED = "improved", _("improved")
    PARTIAL = "partial", _("partially implemented")
    UNCHANGED = "unchanged", _("situation unchanged")
    NOT_IMPLEMENTED = "not_implemented", _("not implemented")
    # The answer to a task worded as a proposal ("Atbalstām priekšlikumu"): an opinion given,
    # not progress made. It is information, so it is not counted as silence.
    SUPPORTED = "supported", _("supports the proposal")
    NOT_RELEVANT = "not_relevant", _("not relevant")
    NO_INFORMATION = "no_information", _("no information given")


class ProgressEntryQuerySet(models.QuerySet):
    def for_year(self, year: int) -> "ProgressEntryQuerySet":
        return self.filter(year=year)

    def with_status_counts(self) -> models.QuerySet:
        """One row per node: `node` and a `<status>` count for every status."""
        return (
            self.values("node")
            .order_by("node")
            .annotate(**{status: Count("pk", filter=Q(status=status)) for status in Status.values})
        )


class ProgressEntry(models.Model):
    """A municipality's (or, without one, the planning region's) report on a task for a year."""

    node = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("task"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("municipality"),
        help_text=_("Empty for an entry made for the whole planning region."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_("Empty while a draft has not chosen one yet."),
    )
    narrative = models.TextField(_("description of progress"), blank=True)
    # Counts: whole numbers (a number of services, centres, people), asked only where the task
    # counts something (monitoring/questions.py).
    quantity = models.PositiveIntegerField(_("number achieved"), null=True, blank=True)
    planned_quantity = models.PositiveIntegerField(
        _("number planned for the year"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        ordering = ["year", "node__sort_key", *municipality_order("municipality")]
        # "Has this programme any entry in year Y?" is asked on every review and dashboard
        # listing: a probe per task into this index answers it without reading the year.
        indexes = [models.Index(fields=["year", "node"], name="entry_year_node")]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        constraints = [
            models.UniqueConstraint(
                fields=["node", "municipality", "year"],
                condition=Q(municipality__isnull=False),
                name="entry_unique_municipal",
            ),
            models.UniqueConstraint(
                fields=["node", "year"],
                condition=Q(municipality__isnull=True),
                name="entry_unique_regional",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[*Status.values, ""]), name="entry_status_valid"
            ),
        ]

    def __str__(self) -> str:
        who = self.municipality or _("planning region")
        return f"{self.node.code} · {who} · {self.year}"


class Project(models.Model):
    """A social-sector project a municipality (or the region itself) ran, as reported for a year."""

    region = models.ForeignKey(
        PlanningRegion,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("planning region"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("municipality"),
        help_text=_("Empty for the planning region's own project."),
    )
    year = models.PositiveSmallIntegerField(_("reported for year"))
    title = models.TextField(_("title"))
    title_en = models.TextField(
        _("title in English"),
        blank=True,
        help_text=_("The project's name in English where the funding programme gives one."),
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    budget_text = models.CharField(
        _("budget as written"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the report says of the amount beyond the number, e.g. what it was spent on "
            "or an additional part from own funds."
        ),
    )
    start = models.CharField(_("start"), max_length=20, blank=True)
    end = models.CharField(_("end"), max_length=20, blank=True)
    duration_text = models.CharField(_("duration as written"), max_length=300, blank=True)
    continued = models.BooleanField(_("service continued after the project"), null=True, blank=True)
    continued_text = models.TextField(_("continuation as written"), blank=True)
    tasks = models.ManyToManyField(
        ProgrammeNode, blank=True, related_name="projects", verbose_name=_("tasks")
    )
    # A partnership project's description (seed 001); its partners, activities and counted
    # results are in monitoring/models/projects.py.
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), null=True, blank=True
    )
    source_document = models.CharField(
        _("known from"),
        max_length=200,
        blank=True,
        help_text=_("The document the project is known from, e.g. a project idea's concept."),
    )
    background = models.TextField(_("rationale"), blank=True)
    aims = models.TextField(_("aims"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    documents = models.JSONField(
        _("planning documents it serves"),
        default=list,
        blank=True,
        help_text=_("The planning documents the project serves, each as the source names it."),
    )
    programme_priority = models.TextField(
        _("priority of the funding programme"),
        blank=True,
        help_text=_("The funding programme's priority and investment priority as written."),
    )
    programme_amount = models.DecimalField(
        _("funding programme's amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The part of the budget the funding programme pays, in the same currency."),
    )

    history = HistoricalRecords(m2m_fields=[tasks])

    class Meta:
        ordering = ["region", "year", *municipality_order("municipality"), "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            # The share is computed from the two amounts (programme_share), so it cannot
            # disagree with them; the amount itself must be a part of the total.
            models.CheckConstraint(
                condition=Q(programme_amount__isnull=True)
                | Q(budget__isnull=False, programme_amount__gte=0)
                & Q(programme_amount__lte=models.F("budget")),
                name="project_programme_amount_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    @property
    def programme_share(self) -> Decimal | None:
        """The funding programme's share of the budget, per cent to two decimals; None
        without both amounts. Computed, not stored, so that it cannot disagree with them."""
        if self.programme_amount is None or not self.budget:
            return None
        return (self.programme_amount * 100 / self.budget).quantize(Decimal("0.01"))


class Membership(models.Model):
    """What a user may do: work for a municipality, coordinate or advise a region, or see all."""

    class Role(models.TextChoices):
        STAFF = "staff", _("municipal social service staff")
        COORDINATOR = "coordinator", _("regional coordinator")
        COUNCIL = "council", _("development council member")
        NATIONAL = "national", _("national administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        PlanningRegion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("planning region"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "role"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="staff", municipality__isnull=False, region__isnull=True)
                    | Q(
                        role__in=["coordinator", "council"],
                        region__isnull=False,
                        municipality__isnull=True,
                    )
                    | Q(role="national", region__isnull=True, municipality__isnull=True)
                ),
                name="membership_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=Q(role="staff"),
                name="membership_unique_staff",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(role__in=["coordinator", "council"]),
                name="membership_unique_regional",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(role="national"), name="membership_unique_national"
            ),
        ]

    def __str__(self) -> str:
        scope = self.municipality or self.region or _("all regions")
        return f"{self.user}: {self.get_role_display()} ({scope})"


class ReportingRound(models.Model):
    """A programme's reporting year, opened by the coordinator with a deadline."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    # Deadline reminders go to the staff of reports not handed in, this many days before.
    first_reminder = models.PositiveSmallIntegerField(
        _("first reminder, days before the deadline"), default=14
    )
    last_reminder = models.PositiveSmallIntegerField(
        _("last reminder, days before the deadline"), default=3
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "programme__slug"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="round_unique_year"),
            models.CheckConstraint(
                condition=Q(first_reminder__gt=models.F("last_reminder")),
                name="round_reminders_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.region.short_name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:round", args=[self.pk])

    @property
    def days_left(self) -> int:
        """Days until the deadline: 0 on the day, negative once it has passed."""
        return (self.deadline - timezone.localdate()).days


class SubmissionQuerySet(models.QuerySet):
    def with_context(self) -> "SubmissionQuerySet":
        """Submissions with their round, programme, region and municipality joined."""
        return self.select_related("round__programme__region", "municipality__region", "updated_by")


class Submission(models.Model):
    """A municipality's report for a reporting year: the envelope of its entries and figures.

    The entries themselves are ProgressEntry rows for the municipality and year; `version`
    grows with every save so that two people editing at once cannot overwrite each other.
    """

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        APPROVED = "approved", _("approved")

    # What the dashboards count during the season: reports the municipality has handed in.
    HANDED_IN = (State.SUBMITTED, State.APPROVED)

    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("reporting year"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("municipality"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.NOT_STARTED
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    return_comment = models.TextField(_("coordinator's comment"), blank=True)
    extended_until = models.DateField(
        _("open for changes until"),
        null=True,
        blank=True,
        help_text=_("Set when the coordinator reopens a submission after the deadline."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    history = HistoricalRecords()
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["round", *municipality_order("municipality")]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"], name="submission_unique_municipality"
            ),
            models.CheckConstraint(
                condition=Q(
                    state__in=["not_started", "draft", "submitted", "returned", "approved"]
                ),
                name="submission_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.round.year}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:submission", args=[self.pk])

    @property
    def deadline(self):
        return self.extended_until or self.round.deadline

    # What a report's state means, asked by the services, the pages and the templates alike.

    @property
    def has_started(self) -> bool:
        return self.state != self.State.NOT_STARTED

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED

    @property
    def is_returned(self) -> bool:
        return self.state == self.State.RETURNED

    @property
    def is_approved(self) -> bool:
        return self.state == self.State.APPROVED

    @property
    def is_handed_in(self) -> bool:
        """Submitted or approved: the municipality has done its part."""
        return self.state in self.HANDED_IN

    @property
    def is_draft(self) -> bool:
        """Not handed in: not started, a draft, or returned for corrections."""
        return not self.is_handed_in

    def is_past_deadline(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.deadline

    def is_overdue(self, today=None) -> bool:
        return not self.is_handed_in and self.is_past_deadline(today)

    def is_editable(self, today=None) -> bool:
        """Whether staff may still change it: not handed in and not past the deadline."""
        return self.is_draft and not self.is_past_deadline(today)

    def is_locked(self, today=None) -> bool:
        """Approved or past the deadline: only the coordinator can open it again."""
        return self.is_approved or self.is_past_deadline(today)


def count_states(submissions) -> list[tuple[str, str, int]]:
    """(state, label, how many) for every state, in workflow order, zeros included."""
    counts = dict.fromkeys(Submission.State.values, 0)
    for submission in submissions:
        counts[submission.state] += 1
    return [(state, Submission.State(state).label, n) for state, n in counts.items()]


# The models of the other modules of this package, where Django looks for them.
from monitoring.models.drafts import FormDraft  # noqa: E402
from monitoring.models.messages import Message, UserSettings  # noqa: E402
from monitoring.models.projects import (  # noqa: E402
    PartnerRole,
    ProjectActivity,
    ProjectPartner,
    ProjectResult,
)
from monitoring.models.surveys import (  # noqa: E402
    Audience,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRespondent,
)

__all__ = [
    "Audience",
    "FormDraft",
    "Membership",
    "Message",
    "PartnerRole",
    "ProgressEntry",
    "ProgressEntryQuerySet",
    "Project",
    "ProjectActivity",
    "ProjectPartner",
    "ProjectResult",
    "ReportingRound",
    "Status",
    "Submission",
    "SubmissionQuerySet",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyRespondent",
    "UserSettings",
    "count_states",
]
