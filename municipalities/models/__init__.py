import datetime
import re
from decimal import Decimal

from django.db import models
from django.db.models import F, OrderBy, Q
from django.db.models.signals import pre_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.collation import latvian_key

# Latvia adopted the euro on 1 January 2014 at this fixed rate.
LVL_PER_EUR = Decimal("0.702804")
EURO_ADOPTION_YEAR = 2014


class Currency(models.TextChoices):
    EUR = "EUR", _("euro (EUR)")
    LVL = "LVL", _("lats (LVL)")


def to_eur(amount: Decimal | None, currency: str) -> Decimal | None:
    """The amount in euro; lats are converted at the fixed rate and rounded to cents."""
    if amount is None:
        return None
    if currency == Currency.LVL:
        return (amount / LVL_PER_EUR).quantize(Decimal("0.01"))
    return amount


def normalize_name(name: str) -> str:
    """The key under which a municipality name and its variants are looked up.

    Case, surrounding punctuation (the seeds write "Balvu nov.-") and repeated spaces do not
    distinguish names; "nov." and "novads" do, so "Daugavpils" and "Daugavpils nov." stay apart.
    """
    collapsed = re.sub(r"\s+", " ", name).strip(" -–—:.,\t").casefold()
    return re.sub(r"\bnov\b\.?$", "novads", collapsed)


class InOrderQuerySet(models.QuerySet):
    """Writes that skip save() fill the sort key too: bulk_create (scripts/national_data.py),
    bulk_update and update() of the name."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.sort_name = latvian_key(obj.name)
        if "name" in (kwargs.get("update_fields") or ()):
            kwargs["update_fields"] = [*kwargs["update_fields"], "sort_name"]
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "name" in fields:
            for obj in objs:
                obj.sort_name = latvian_key(obj.name)
            fields = [*fields, "sort_name"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if "name" in kwargs and "sort_name" not in kwargs:  # bulk_update passes both
            if not isinstance(kwargs["name"], str):
                raise TypeError("update(name=...) takes a string: the sort key is made in Python")
            kwargs["sort_name"] = latvian_key(kwargs["name"])
        return super().update(**kwargs)


class InOrder(models.Model):
    """A model listed in Latvian alphabetical order of its name (municipalities/collation.py).

    `sort_name` is latvian_key(name), written by save(), by the queryset's bulk writes and,
    for fixtures and restores, which save raw past save(), by `_fill_sort_name` below.
    """

    sort_name = models.TextField(_("sort key"), editable=False, blank=True, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.sort_name = latvian_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)


def _fill_sort_name(sender, instance, raw, **kwargs) -> None:
    if raw:
        instance.sort_name = latvian_key(instance.name)


class PlanningRegion(InOrder):
    slug = models.SlugField(_("identifier"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=50)

    objects = InOrderQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("planning region")
        verbose_name_plural = _("planning regions")

    def __str__(self) -> str:
        return self.name


def municipality_order(via: str = "") -> tuple[OrderBy, ...]:
    """The one order of every list of municipalities, for rows that reach theirs through `via`
    ("municipality", "submission__municipality"; "" for municipalities themselves).

    By name in Latvian alphabetical order, state cities among the novadi (Jelgava between Ja-
    and Je-, not after them all); the pre-2021 and the present municipality of one name by age.
    Both databases are told where empty values go, since they disagree by default: rows
    without a municipality (the region's own) and municipalities without a start date first.
    In Python: sorted(municipalities, key=Municipality.order_key).
    """
    prefix = f"{via}__" if via else ""
    return (
        F(f"{prefix}sort_name").asc(nulls_first=True),
        F(f"{prefix}valid_from").asc(nulls_first=True),
    )


MUNICIPALITY_ORDER = municipality_order()


class MunicipalityQuerySet(InOrderQuerySet):
    def in_order(self) -> "MunicipalityQuerySet":
        """The municipalities in MUNICIPALITY_ORDER."""
        return self.order_by(*MUNICIPALITY_ORDER)

    def active_on(self, day: datetime.date) -> "MunicipalityQuerySet":
        """Municipalities that existed on the given day."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def active_in_year(self, year: int) -> "MunicipalityQuerySet":
        """Municipalities that existed on 1 January of the year."""
        return self.active_on(datetime.date(year, 1, 1))


class UnknownMunicipality(LookupError):
    pass


class Municipality(InOrder):
    class Kind(models.TextChoices):
        NOVADS = "novads", _("municipality (novads)")
        VALSTSPILSETA = "valstspilseta", _("state city (valstspilsēta)")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        PlanningRegion,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("planning region"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
        help_text=_("The municipality this one was merged into by an administrative reform."),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["region__sort_name", *MUNICIPALITY_ORDER]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(fields=["name", "valid_from"], name="municipality_unique_name"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lt=F("valid_until")),
                name="municipality_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:detail", args=[self.slug])

    def order_key(self) -> tuple:
        """MUNICIPALITY_ORDER for municipalities already loaded."""
        return (latvian_key(self.name), self.valid_from is not None, self.valid_from)

    def is_active_on(self, day: datetime.date) -> bool:
        """Whether it existed on the day: MunicipalityQuerySet.active_on's rule, for a
        municipality already loaded."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    @classmethod
    def resolve(cls, name: str, *, year: int | None = None) -> "Municipality":
        """The municipality a name or any of its known variants refers to.

        With a year, only municipalities that existed on 1 January of that year match, so
        "Balvu novads" means the pre-2021 municipality in 2014 and its successor in 2022.
        """
        if "\x00" in name:
            # No name holds one, and PostgreSQL refuses it in a query's text.
            raise UnknownMunicipality(name)
        key = normalize_name(name)
        candidates = cls.objects.filter(Q(aliases__key=key) | Q(name__iexact=name.strip()))
        if year is not None:
            candidates = candidates.active_in_year(year)
        found = list(candidates.distinct())
        if len(found) != 1:
            raise UnknownMunicipality(name)
        return found[0]


class MunicipalityAlias(InOrder):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name variant"), max_length=100)
    key = models.CharField(_("lookup key"), max_length=100, editable=False, blank=True)

    objects = InOrderQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="alias_unique_key"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = normalize_name(self.name)
        super().save(*args, **kwargs)


for _model in (PlanningRegion, Municipality, MunicipalityAlias):
    pre_save.connect(_fill_sort_name, sender=_model, dispatch_uid=f"sort-name-{_model.__name__}")


class YearlyFigures(models.Model):
    """What a municipality's social service reports about its money and clients for a year.

    Amounts are stored in the currency the municipality reported them in (lats before 2014);
    empty means the figure was not given, which is not the same as zero.
    """

    class NoProjects(models.TextChoices):
        """Why a year lists no project of the municipality: Latgale's table 2.1 writes
        "Netika īstenoti" where none was carried out and "x" where it has no information."""

        NONE = "none", _("none carried out")
        NO_INFORMATION = "no_information", _("no information")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="yearly_figures",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    social_budget = models.DecimalField(
        _("social budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    clients = models.PositiveIntegerField(_("clients"), null=True, blank=True)
    benefits_total = models.DecimalField(
        _("spent on benefits in total"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    benefits_gmi = models.DecimalField(
        _("of which guaranteed minimum income benefit"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    benefits_housing = models.DecimalField(
        _("of which housing benefit"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    benefits_other = models.DecimalField(
        _("of which other benefits"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    recipients = models.PositiveIntegerField(_("benefit recipients"), null=True, blank=True)
    no_projects = models.CharField(
        _("projects of the year"),
        max_length=20,
        choices=NoProjects.choices,
        blank=True,
        help_text=_("Why no project is listed for the year; empty where projects are listed."),
    )

    history = HistoricalRecords()

    MONEY_FIELDS = (
        "social_budget",
        "benefits_total",
        "benefits_gmi",
        "benefits_housing",
        "benefits_other",
    )

    class Meta:
        ordering = [*municipality_order("municipality"), "year"]
        verbose_name = _("yearly figures")
        verbose_name_plural = _("yearly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="yearly_figures_unique_year"
            ),
            models.CheckConstraint(
                condition=Q(currency="EUR") | Q(year__lt=EURO_ADOPTION_YEAR),
                name="yearly_figures_euro_from_2014",
            ),
            models.CheckConstraint(
                condition=Q(no_projects__in=["", "none", "no_information"]),
                name="yearly_figures_no_projects_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}, {self.year}"

    # The figures in the order the pages and the review list them.
    FIELDS = ("social_budget", "clients", *MONEY_FIELDS[1:], "recipients")
    BENEFIT_KINDS = ("benefits_gmi", "benefits_housing", "benefits_other")

    @classmethod
    def benefits_exceed_total(cls, values) -> bool:
        """Whether the benefits of each kind, all given, add up to more than the given total."""
        parts = [values.get(name) for name in cls.BENEFIT_KINDS]
        total = values.get("benefits_total")
        return total is not None and None not in parts and sum(parts) > total

    def in_eur(self, field: str) -> Decimal | None:
        return to_eur(getattr(self, field), self.currency)

    def comparable(self, field: str) -> Decimal | int | None:
        """The figure as it is compared across years: money in euro, counts as they are."""
        return self.in_eur(field) if field in self.MONEY_FIELDS else getattr(self, field)

    @classmethod
    def side_by_side(
        cls, previous: "YearlyFigures | None", current: "YearlyFigures | None"
    ) -> list[tuple[str, Decimal | int | None, Decimal | int | None]]:
        """(field, last year, this year) for every figure in FIELDS order; None where a year
        has no figures."""
        return [
            (
                name,
                previous.comparable(name) if previous else None,
                current.comparable(name) if current else None,
            )
            for name in cls.FIELDS
        ]

    @property
    def amounts_eur(self) -> list[Decimal | None]:
        """The money fields in `MONEY_FIELDS` order, in euro."""
        return [self.in_eur(name) for name in self.MONEY_FIELDS]

    @property
    def is_converted(self) -> bool:
        return self.currency != Currency.EUR


# The service catalogue lives in its own module; imported last, as it refers to the above.
from municipalities.models.catalogue import (  # noqa: E402, F401
    CatalogueYear,
    ServiceKind,
    ServiceOffer,
    StaffCount,
)
