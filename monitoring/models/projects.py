"""A project as a partnership (seed 001): its lead partner and partners, its activities and its
counted results, each result of the whole project or of one partner.

A partner is one of three kinds: a municipality of any region, a planning region, or a body
the app does not hold (a foreign partner), named as the source names it with its country.
Its part of the money is a part of the project's total, never an amount beside it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Currency, Municipality, PlanningRegion

# The country of the partners the app holds: Latvia's municipalities and planning regions.
HOME_COUNTRY = "LV"

PARTNER_OF_OTHER_PROJECT = _("The partner belongs to another project.")


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("lead partner")
    PARTNER = "partner", _("partner")


class ProjectPartner(models.Model):
    """The lead partner or a partner of a project, and its part of the project's money."""

    project = models.ForeignKey(
        "monitoring.Project",
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("project"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    role = models.CharField(
        _("role"), max_length=10, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project_partnerships",
        verbose_name=_("municipality"),
        help_text=_("A municipality of any planning region."),
    )
    planning_region = models.ForeignKey(
        PlanningRegion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project_partnerships",
        verbose_name=_("planning region"),
    )
    name = models.CharField(
        _("name of a body outside the app"),
        max_length=300,
        blank=True,
        help_text=_("Only for a partner that is neither a municipality nor a planning region."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter country code of a body outside the app, e.g. LT."),
    )
    part = models.DecimalField(
        _("part of the money"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A part of the project's total, not an amount in addition to it."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="project_partner_unique_position"
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="lead"),
                name="project_partner_one_lead",
            ),
            models.CheckConstraint(
                condition=Q(role__in=PartnerRole.values), name="project_partner_role_valid"
            ),
            # Exactly one kind: a municipality, a planning region, or an outside body's name
            # with its country.
            models.CheckConstraint(
                condition=(
                    Q(
                        municipality__isnull=False,
                        planning_region__isnull=True,
                        name="",
                        country="",
                    )
                    | Q(
                        municipality__isnull=True,
                        planning_region__isnull=False,
                        name="",
                        country="",
                    )
                    | (
                        Q(municipality__isnull=True, planning_region__isnull=True)
                        & ~Q(name="")
                        & ~Q(country="")
                    )
                ),
                name="project_partner_one_kind",
            ),
            models.CheckConstraint(
                condition=Q(part__isnull=True) | Q(part__gte=0),
                name="project_partner_part_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.municipality_id:
            return self.municipality.name
        if self.planning_region_id:
            return self.planning_region.name
        return self.name

    @property
    def country_code(self) -> str:
        return self.country or HOME_COUNTRY

    @property
    def is_outside(self) -> bool:
        """A body the app does not hold (a foreign partner)."""
        return not (self.municipality_id or self.planning_region_id)

    @property
    def is_lead(self) -> bool:
        return self.role == PartnerRole.LEAD


class ProjectActivity(models.Model):
    """One of a project's planned activities, numbered in the source's order."""

    project = models.ForeignKey(
        "monitoring.Project",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("project"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("activity"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("project activity")
        verbose_name_plural = _("project activities")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="project_activity_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class ProjectResult(models.Model):
    """A result a project counts, in the source's words: of the whole project, or of the
    partner where it is made ("Izveidoti grupu dzīvokļi (8) - Jaunjelgava")."""

    project = models.ForeignKey(
        "monitoring.Project",
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("project"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    partner = models.ForeignKey(
        ProjectPartner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("partner"),
        help_text=_("Empty for a result of the whole project."),
    )
    group = models.CharField(
        _("group of results"),
        max_length=300,
        blank=True,
        help_text=_("The heading the source lists the result under, if any."),
    )
    text = models.TextField(_("result as written"))
    # Missing is not zero: the source counts some results and only names others.
    count = models.PositiveIntegerField(_("number"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("project result")
        verbose_name_plural = _("project results")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="project_result_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.partner_id and self.project_id and self.partner.project_id != self.project_id:
            raise ValidationError({"partner": PARTNER_OF_OTHER_PROJECT})
