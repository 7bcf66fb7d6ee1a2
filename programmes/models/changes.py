"""How a programme changes while it runs: its amendments, with what each added, changed or
removed, and the proposals made to it, each with the planning region's decision.

Which amendment added or removed a task or an indicator is held on the element itself
(`ProgrammeNode.added_in` / `removed_in`, the same on `Indicator`), not derived from the
changes: every reader of the programme as it stood in a year (`as_of()`) then filters with one
join and shows "added in the amendment of ..." through `select_related`, without a subquery
per element. An AmendmentChange of kind added or removed describes that change and must agree
with the element's field (AmendmentChange.clean), so the two cannot tell different stories.
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality
from programmes.models import Programme, ProgrammeNode, added_field
from programmes.models.indicators import Indicator

CHANGE_TARGET_MISMATCH = _(
    "The element's “added in” or “removed in” amendment must be this amendment: set it on the"
    " task or indicator first."
)
CHANGE_OTHER_PROGRAMME = _("The task or indicator belongs to another programme.")
CHANGE_NEEDS_TARGET = _("Name the task or the indicator that was added or removed.")
CHANGE_ONE_TARGET = _("Name either a task or an indicator, not both.")
REASON_REQUIRED = _("Give the reason for the decision.")
PLACE_REQUIRED = _("Choose the task or action the proposal was included under.")
PLACE_ONLY_IF_INCLUDED = _("Only a proposal that was included has a place in the programme.")


def _is_whole_months(first: datetime.date, last: datetime.date) -> bool:
    return first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]


class Amendment(models.Model):
    """A change of the programme approved while it runs, on a day or over a period."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="amendments",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(
        _("date or first day"), help_text=_("The day of the amendment, or its period's first.")
    )
    ends_on = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_(
            "The period's last day; empty for an amendment made on one day. The amendment is"
            " part of the programme from the year of this day."
        ),
    )
    reason = models.TextField(_("reason"), blank=True)
    added = added_field()

    class Meta:
        ordering = ["programme", "starts_on", "pk"]
        verbose_name = _("programme amendment")
        verbose_name_plural = _("programme amendments")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "starts_on", "title"], name="amendment_unique_title"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="amendment_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    def get_absolute_url(self) -> str:
        return f"{self.programme.get_absolute_url()}#amendment-{self.pk}"

    @property
    def effective_on(self) -> datetime.date:
        """The day the amendment takes effect (see `in_force`)."""
        return self.ends_on or self.starts_on

    @property
    def period(self) -> str:
        """ "2011. gada augusts–decembris": whole months by name, other days as dates."""
        first, last = self.starts_on, self.ends_on
        if last is None or last == first:
            return formats.date_format(first, "DATE_FORMAT")
        if _is_whole_months(first, last):
            if first.year == last.year:
                if first.month == last.month:
                    return formats.date_format(first, "YEAR_MONTH_FORMAT")
                return gettext("%(first_month)s–%(last_month)s %(year)d") % {
                    "first_month": MONTHS[first.month],
                    "last_month": MONTHS[last.month],
                    "year": first.year,
                }
            return gettext("%(first)s – %(last)s") % {
                "first": formats.date_format(first, "YEAR_MONTH_FORMAT"),
                "last": formats.date_format(last, "YEAR_MONTH_FORMAT"),
            }
        return gettext("%(first)s – %(last)s") % {
            "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
            "last": formats.date_format(last, "SHORT_DATE_FORMAT"),
        }


class AmendmentChange(models.Model):
    """One thing an amendment did to the programme: a task or an indicator added, changed or
    removed, or (without either) a change of the programme's text."""

    class Kind(models.TextChoices):
        ADDED = "added", _("added")
        CHANGED = "changed", _("changed")
        REMOVED = "removed", _("removed")

    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, related_name="changes", verbose_name=_("amendment")
    )
    kind = models.CharField(_("kind of change"), max_length=10, choices=Kind.choices)
    node = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="amendment_changes",
        verbose_name=_("task or action"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="amendment_changes",
        verbose_name=_("indicator"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["amendment", "pk"]
        verbose_name = _("change made by an amendment")
        verbose_name_plural = _("changes made by amendments")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["added", "changed", "removed"]),
                name="amendment_change_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(node__isnull=True) | Q(indicator__isnull=True),
                name="amendment_change_one_target",
            ),
            models.CheckConstraint(
                condition=Q(kind="changed") | Q(node__isnull=False) | Q(indicator__isnull=False),
                name="amendment_change_target_given",
            ),
            models.UniqueConstraint(
                fields=["amendment", "kind", "node"],
                condition=Q(node__isnull=False),
                name="amendment_change_unique_node",
            ),
            models.UniqueConstraint(
                fields=["amendment", "kind", "indicator"],
                condition=Q(indicator__isnull=False),
                name="amendment_change_unique_indicator",
            ),
        ]

    def __str__(self) -> str:
        target = self.node or self.indicator
        return f"{self.get_kind_display()}: {target or self.description[:60]}"

    @property
    def target(self) -> ProgrammeNode | Indicator | None:
        return self.node or self.indicator

    def clean(self) -> None:
        target = self.target
        if self.node_id and self.indicator_id:
            raise ValidationError(CHANGE_ONE_TARGET)
        if target is None:
            if self.kind != self.Kind.CHANGED:
                raise ValidationError(CHANGE_NEEDS_TARGET)
            return
        if not self.amendment_id:
            return
        if target.programme_id != self.amendment.programme_id:
            raise ValidationError(CHANGE_OTHER_PROGRAMME)
        field = {self.Kind.ADDED: "added_in_id", self.Kind.REMOVED: "removed_in_id"}.get(self.kind)
        if field and getattr(target, field) != self.amendment_id:
            raise ValidationError(CHANGE_TARGET_MISMATCH)


class Proposal(models.Model):
    """A proposal to change the programme, made by a municipality (or the region itself), and
    the planning region's decision on it with the reason."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("not decided yet")
        INCLUDED = "included", _("included in the programme")
        NOT_INCLUDED = "not_included", _("not included")
        INCLUDED_ELSEWHERE = "included_elsewhere", _("included under another action")

    # Where the proposal went into the programme, if anywhere.
    PLACED = (Decision.INCLUDED, Decision.INCLUDED_ELSEWHERE)

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("programme"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("proposed by"),
        help_text=_("Empty for a proposal of the planning region itself."),
    )
    submitted_on = models.DateField(_("date of the proposal"), null=True, blank=True)
    text = models.TextField(_("proposal"))
    node = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("concerns"),
        help_text=_("The task or action the proposal is about, if any."),
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    reason = models.TextField(_("reason for the decision"), blank=True)
    included_in = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="included_proposals",
        verbose_name=_("included in"),
        help_text=_("The task or action the proposal went into."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_how = models.CharField(
        _("how it was decided"),
        max_length=300,
        blank=True,
        help_text=_("E.g. by a vote of the sector's representatives at a seminar."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "pk"]
        verbose_name = _("proposal to the programme")
        verbose_name_plural = _("proposals to the programme")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    decision__in=["pending", "included", "not_included", "included_elsewhere"]
                ),
                name="proposal_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(decision="pending") | ~Q(reason=""),
                name="proposal_decision_has_reason",
                violation_error_message=REASON_REQUIRED,
            ),
            models.CheckConstraint(
                condition=~Q(decision="included_elsewhere") | Q(included_in__isnull=False),
                name="proposal_elsewhere_has_place",
                violation_error_message=PLACE_REQUIRED,
            ),
            models.CheckConstraint(
                condition=Q(included_in__isnull=True)
                | Q(decision__in=["included", "included_elsewhere"]),
                name="proposal_place_only_if_included",
                violation_error_message=PLACE_ONLY_IF_INCLUDED,
            ),
        ]

    def __str__(self) -> str:
        who = self.municipality or gettext("planning region")
        return f"{who}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return f"{self.programme.get_absolute_url()}#proposal-{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.decision == self.Decision.PENDING
