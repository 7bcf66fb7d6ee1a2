import re
from decimal import Decimal

from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality, PlanningRegion, municipality_order

CODE_PART_WIDTH = 4


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


class ProgrammeNode(models.Model):
    """One element of a programme's tree: a block or goal, a task, or an action."""

    class Kind(models.TextChoices):
        BLOCK = "block", _("block")
        STRATEGIC_GOAL = "strategic_goal", _("strategic goal")
        SPECIFIC_GOAL = "specific_goal", _("specific goal")
        GOAL = "goal", _("goal")
        TASK = "task", _("task")
        ACTION = "action", _("action")

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

    objects = NodeQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "sort_key"]
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


class IndicatorQuerySet(models.QuerySet):
    def with_values(self) -> "IndicatorQuerySet":
        """Indicators with the node they measure and, as `region_values`, their region-wide
        yearly values in year order."""
        return self.select_related("node").prefetch_related(
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(municipality__isnull=True).order_by("year"),
                to_attr="region_values",
            )
        )


class Indicator(models.Model):
    """A measurable result: a planned result (darbības rezultāts) or a result indicator.

    Targets are numbers where the programme counts something ("22 pašvaldības") and text where
    it names a milestone ("1 metodoloģija"); the text is always kept as written. An empty value
    means the programme gives none, which is not zero.
    """

    class Kind(models.TextChoices):
        PLANNED_RESULT = "planned_result", _("planned result")
        RESULT_INDICATOR = "result_indicator", _("result indicator")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("increase")
        DECREASE = "decrease", _("decrease")

    class Rollup(models.TextChoices):
        """How the municipalities' values of a year make the region's (reports/indicators.py)."""

        SUM = "sum", _("sum of the municipalities' values")
        COUNT = "count", _("number of municipalities with at least 1 or “yes”")
        AVERAGE = "average", _("average of the municipalities' values")
        REGION = "region", _("typed by the region's coordinator")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("number"), max_length=20)
    sort_key = models.CharField(max_length=80, editable=False, blank=True, db_index=True)
    title = models.TextField(_("name"))
    node = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("task or action measured"),
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_text = models.CharField(_("baseline as written"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_text = models.CharField(_("target as written"), max_length=300, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    rollup = models.CharField(
        _("region's value"),
        max_length=10,
        choices=Rollup.choices,
        default=Rollup.REGION,
        help_text=_(
            "How the values the municipalities report make the region's value for a year; "
            "a value the coordinator types for the region is shown beside it."
        ),
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "kind", "sort_key"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "code"], name="indicator_unique_code"
            ),
            models.CheckConstraint(
                condition=Q(rollup__in=["sum", "count", "average", "region"]),
                name="indicator_rollup_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.sort_key = code_sort_key(self.code)
        super().save(*args, **kwargs)

    @property
    def is_milestone(self) -> bool:
        return self.target_value is None

    def progress_share(self, value: Decimal | None) -> Decimal | None:
        """How far a value has come from the baseline to the target, 0..1 (may pass 1).

        None where the target is a milestone, the value is missing, or the target equals the
        baseline. A missing baseline counts from zero only for increasing indicators.
        """
        if value is None or self.target_value is None:
            return None
        baseline = self.baseline_value
        if baseline is None:
            if self.direction == self.Direction.DECREASE:
                return None
            baseline = Decimal(0)
        span = self.target_value - baseline
        if span == 0:
            return None
        return (value - baseline) / span


class IndicatorValue(models.Model):
    """An indicator's value for a year, region-wide (no municipality) or for one municipality."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("as written"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality", "year"],
                condition=Q(municipality__isnull=False),
                name="indicator_value_unique_municipal",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(municipality__isnull=True),
                name="indicator_value_unique_regional",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.year}"


class PlannedQuantity(models.Model):
    """How many of an action a municipality planned for the programme period (Kurzeme matrix).

    A row without a municipality is a region-wide plan written as text.
    """

    node = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.CASCADE,
        related_name="planned_quantities",
        verbose_name=_("action"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_quantities",
        verbose_name=_("municipality"),
    )
    quantity = models.DecimalField(
        _("planned quantity"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["node__sort_key", *municipality_order("municipality")]
        verbose_name = _("planned quantity")
        verbose_name_plural = _("planned quantities")
        constraints = [
            models.UniqueConstraint(
                fields=["node", "municipality"],
                condition=Q(municipality__isnull=False),
                name="planned_quantity_unique_municipal",
            ),
            models.UniqueConstraint(
                fields=["node"],
                condition=Q(municipality__isnull=True),
                name="planned_quantity_unique_regional",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=False) | ~Q(note=""),
                name="planned_quantity_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.node.code}: {self.municipality or '—'}"
