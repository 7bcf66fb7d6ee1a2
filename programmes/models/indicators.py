"""What a programme measures: planned results and result indicators with their yearly values,
and the Kurzeme matrix of planned quantities."""

from decimal import Decimal

from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality, municipality_order
from programmes.models import (
    Programme,
    ProgrammeNode,
    added_field,
    amended_by_field,
    code_sort_key,
    in_force,
)


class IndicatorQuerySet(models.QuerySet):
    def with_amendments(self) -> "IndicatorQuerySet":
        """Indicators with the amendments that added or removed them."""
        return self.select_related("added_in", "removed_in")

    def as_of(self, year: int) -> "IndicatorQuerySet":
        """The indicators of the programme as it stood in `year` (`in_force`), with their
        amendments: what every reader of a year's programme uses."""
        return self.filter(in_force(year)).with_amendments()

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
    service_kind = models.ForeignKey(
        "municipalities.ServiceKind",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("service counted"),
        help_text=_(
            "Where set, a municipality's value of a year is taken from its service catalogue: "
            "with the rule “number of municipalities” whether it offers the service, with "
            "“sum” how many such services it offers."
        ),
    )
    added = added_field()
    added_in = amended_by_field("added_indicators", _("added by the amendment"))
    removed_in = amended_by_field("removed_indicators", _("removed by the amendment"))

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
            # Only a count or a sum can be taken from the catalogue.
            models.CheckConstraint(
                condition=Q(service_kind__isnull=True) | Q(rollup__in=["sum", "count"]),
                name="indicator_service_kind_rollup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.sort_key = code_sort_key(self.code)
        super().save(*args, **kwargs)

    @property
    def rule_label(self) -> str:
        """How the region's value is made, naming the service for an indicator counted from
        the service catalogues (select `service_kind` with it)."""
        if self.service_kind_id is None:
            return str(self.get_rollup_display())
        if self.rollup == self.Rollup.COUNT:
            text = gettext("number of municipalities offering “%(service)s” (service catalogues)")
        else:
            text = gettext("number of services “%(service)s” (service catalogues)")
        return text % {"service": self.service_kind.name}

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
