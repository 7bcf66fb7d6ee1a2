import re

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from municipalities.models import PlanningRegion

CODE_PART_WIDTH = 4


def added_field():
    """The fields of a record whose values were added where the source document gives none
    (a number, a title, a period, a responsible party): every page and download marks them."""
    return models.JSONField(
        _("added, not in the source"),
        default=list,
        blank=True,
        help_text=_("Names of the fields whose values the source document does not give."),
    )


def amended_by_field(related_name: str, verbose_name) -> models.ForeignKey:
    """The amendment that added or removed a task or an indicator (programmes/models/
    changes.py); empty for one the programme had from the start, or still has."""
    return models.ForeignKey(
        "programmes.Amendment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def in_force(year: int) -> Q:
    """The condition on a ProgrammeNode or Indicator of being part of the programme in `year`:
    not added by an amendment that took effect after that year, not removed by one that took
    effect before it. An amendment takes effect on its last day (its only day, if it has no
    period): Kurzeme's, made from August to December 2011, is in the programme of 2011."""

    def took_effect(relation: str, lookup: str) -> Q:
        return Q(**{f"{relation}__ends_on__year__{lookup}": year}) | Q(
            **{f"{relation}__ends_on__isnull": True, f"{relation}__starts_on__year__{lookup}": year}
        )

    return (Q(added_in__isnull=True) | took_effect("added_in", "lte")) & (
        Q(removed_in__isnull=True) | took_effect("removed_in", "gte")
    )


def code_sort_key(code: str) -> str:
    """A string that sorts codes naturally: "1.9" < "1.10" < "2", "SM 1" < "SM 2".

    Every run of digits is zero-padded; other characters are kept, so codes with letters
    still sort next to their siblings.
    """
    return re.sub(r"\d+", lambda m: m.group().zfill(CODE_PART_WIDTH), code.strip().casefold())


class Programme(models.Model):
    slug = models.SlugField(_("identifier"), unique=True)
    region = models.ForeignKey(
        PlanningRegion,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("planning region"),
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    target_year = models.PositiveSmallIntegerField(_("target year"))
    description = models.TextField(_("description"), blank=True)
    main_goal = models.TextField(_("main goal"), blank=True)
    sub_goals = models.JSONField(_("sub-goals"), default=list, blank=True)
    source = models.CharField(_("source document"), max_length=300, blank=True)
    added = added_field()

    class Meta:
        ordering = ["region__sort_name", "period_start"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="programme_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", args=[self.slug])

    @property
    def years(self) -> range:
        """The years the programme may be reported on, up to its target year."""
        return range(self.period_start, max(self.period_end, self.target_year) + 1)


class PolicyResult(models.Model):
    """A policy result the programme means to bring about; the annual review gives a verdict."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="policy_results",
        verbose_name=_("programme"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = _("policy result")
        verbose_name_plural = _("policy results")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "position"], name="policy_result_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Responsible(models.TextChoices):
    MUNICIPALITIES = "municipalities", _("Municipalities")
    REGION = "region", _("Planning region")
    BOTH = "both", _("Municipalities and planning region")


class NodeQuerySet(models.QuerySet):
    def reportable(self) -> "NodeQuerySet":
        """Tasks and actions that have no children: the level progress is reported on."""
        return self.filter(kind__in=ProgrammeNode.REPORTABLE_KINDS, children__isnull=True)

    def for_municipalities(self) -> "NodeQuerySet":
        """Reportable nodes that municipalities report on (not the region's alone)."""
        return self.reportable().exclude(responsible=Responsible.REGION)

    def for_region(self) -> "NodeQuerySet":
        """Reportable nodes the planning region reports on itself."""
        return self.reportable().filter(responsible__in=ProgrammeNode.REGION_REPORTS)

    def with_amendments(self) -> "NodeQuerySet":
        """Nodes with the amendments that added or removed them (`added_in`, `removed_in`)."""
        return self.select_related("added_in", "removed_in")

    def as_of(self, year: int) -> "NodeQuerySet":
        """The nodes of the programme as it stood in `year` (`in_force`), with their
        amendments: what every reader of a year's programme uses."""
        return self.filter(in_force(year)).with_amendments()


class ProgrammeNode(models.Model):
    """One element of a programme's tree: a block or goal, a task, or an action."""

    class Kind(models.TextChoices):
        BLOCK = "block", _("block")
        STRATEGIC_GOAL = "strategic_goal", _("strategic goal")
        SPECIFIC_GOAL = "specific_goal", _("specific goal")
        GOAL = "goal", _("goal")
        TASK = "task", _("task")
        ACTION = "action", _("action")
        # A row a published review has and the programme does not (Zemgale's 2014 review, 2.1
        # and 2.5): shown in that year's review only, never reported on.
        REVIEW_ROW = "review_row", _("row of a published review only")

    REPORTABLE_KINDS = (Kind.TASK, Kind.ACTION)
    REGION_REPORTS = (Responsible.REGION, Responsible.BOTH)

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("programme")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=20)
    sort_key = models.CharField(max_length=80, editable=False, blank=True, db_index=True)
    title = models.TextField(_("text"))
    description = models.TextField(_("explanation"), blank=True)
    responsible = models.CharField(
        _("responsible party"), max_length=20, choices=Responsible.choices, blank=True
    )
    unit = models.CharField(
        _("unit of the number achieved"),
        max_length=100,
        blank=True,
        help_text=_(
            'What the task counts, e.g. "dienas centri". Empty where the task counts nothing:'
            " its entries then ask no number unless the programme plans one."
        ),
    )
    # How a published review numbered and headed the row of this element (Zemgale's 2014
    # review numbers its rows 1.2-1.12 where the programme has 1.1-1.11), so that review can be
    # shown as the council saw it.
    review_year = models.PositiveSmallIntegerField(_("year of the review"), null=True, blank=True)
    review_code = models.CharField(_("code in the review"), max_length=20, blank=True)
    review_title = models.TextField(_("heading in the review"), blank=True)
    added = added_field()
    added_in = amended_by_field("added_nodes", _("added by the amendment"))
    removed_in = amended_by_field("removed_nodes", _("removed by the amendment"))

    objects = NodeQuerySet.as_manager()

    class Meta:
        # By the programme's key, not by "programme" (its own order: the region's name, then
        # the period), which joined the programmes and regions into every query of one
        # programme's tree for an order that is the same for all its rows. The admin lists
        # the elements of all programmes in the programmes' order (programmes/admin.py).
        ordering = ["programme_id", "sort_key"]
        verbose_name = _("programme element")
        verbose_name_plural = _("programme elements")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="node_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.sort_key = code_sort_key(self.code)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.programme.get_absolute_url()}#node-{self.code}"

    # The rules of NodeQuerySet.reportable(), for_municipalities() and for_region(), for nodes
    # that walk_tree() has marked with `has_children`.
    @property
    def is_reportable(self) -> bool:
        return self.kind in self.REPORTABLE_KINDS and not self.has_children

    @property
    def reported_by_municipalities(self) -> bool:
        return self.is_reportable and self.responsible != Responsible.REGION

    @property
    def reported_by_region(self) -> bool:
        return self.is_reportable and self.responsible in self.REGION_REPORTS

    @property
    def is_review_row(self) -> bool:
        return self.kind == self.Kind.REVIEW_ROW

    @property
    def review_title_differs(self) -> bool:
        """Whether the review's heading says more than the programme's text (not only a full
        stop less)."""
        return bool(self.review_title) and (
            self.review_title.rstrip(". ") != self.title.rstrip(". ")
        )

    def in_review(self, year: int) -> tuple[str, str]:
        """(code, heading) as the published review of `year` printed this row; ("", "") for
        any other year, which the programme's own code and text stand for."""
        if self.review_year != year:
            return "", ""
        return self.review_code, self.review_title


from programmes.models.changes import (  # noqa: E402
    Amendment,
    AmendmentChange,
    Proposal,
)
from programmes.models.indicators import (  # noqa: E402
    Indicator,
    IndicatorQuerySet,
    IndicatorValue,
    PlannedQuantity,
)

__all__ = [
    "Amendment",
    "AmendmentChange",
    "CODE_PART_WIDTH",
    "Indicator",
    "IndicatorQuerySet",
    "IndicatorValue",
    "NodeQuerySet",
    "PlannedQuantity",
    "PolicyResult",
    "Programme",
    "ProgrammeNode",
    "Proposal",
    "Responsible",
    "added_field",
    "amended_by_field",
    "code_sort_key",
    "in_force",
]
