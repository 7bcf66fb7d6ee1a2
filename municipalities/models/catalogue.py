"""A municipality's service catalogue: the services it offers in a year with their provider,
price, clients and budget, its staff by role, and the services it still has to develop.

The kinds of service are one shared list (fixtures/service_kinds.json), named as the
programmes name them, so that an indicator counting "municipalities offering home care" can
find every municipality's home care whatever the municipality calls it. What a municipality
reports counts as any reported data does (monitoring/counting.py).
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import EURO_ADOPTION_YEAR, Currency, Municipality, to_eur


class ServiceKind(models.Model):
    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("kind of service")
        verbose_name_plural = _("kinds of service")

    def __str__(self) -> str:
        return self.name


class ServiceOfferQuerySet(models.QuerySet):
    def in_order(self) -> "ServiceOfferQuerySet":
        """With their kind, by year, then in the shared list's order of kinds."""
        return self.select_related("kind").order_by(
            "year", "kind__position", "kind__name", "name", "pk"
        )


class ServiceOffer(models.Model):
    """A service a municipality offers in a year.

    Amounts are kept in the currency given (lats before 2014); empty numbers were not given,
    which is not zero. The price as written (`price_notes`, "trūcīgām personām – bezmaksas")
    is kept beside the number.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="service_offers",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.ForeignKey(
        ServiceKind, on_delete=models.PROTECT, related_name="offers", verbose_name=_("service")
    )
    name = models.CharField(
        _("name as the municipality writes it"),
        max_length=300,
        blank=True,
        help_text=_("Needed where the municipality offers more than one service of a kind."),
    )
    provider = models.CharField(_("provider"), max_length=300, blank=True)
    unit_price = models.DecimalField(
        _("price per unit"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    price_unit = models.CharField(
        _("unit of the price"), max_length=100, blank=True, help_text=_("E.g. hour, visit.")
    )
    price_notes = models.CharField(
        _("price as written"),
        max_length=500,
        blank=True,
        help_text=_("What the price depends on, e.g. free for people in need."),
    )
    clients = models.PositiveIntegerField(_("clients in the year"), null=True, blank=True)
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget or cost of the year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = ServiceOfferQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "year", "kind__position", "name"]
        verbose_name = _("service offered")
        verbose_name_plural = _("services offered")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "kind", "name"], name="service_offer_unique"
            ),
            models.CheckConstraint(
                condition=Q(currency="EUR") | Q(year__lt=EURO_ADOPTION_YEAR),
                name="service_offer_euro_from_2014",
            ),
            models.CheckConstraint(
                condition=Q(unit_price__isnull=True) | ~Q(price_unit=""),
                name="service_offer_price_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}, {self.year}: {self.title}"

    @property
    def title(self) -> str:
        """The municipality's own name of the service, else the kind's."""
        return self.name or self.kind.name

    @property
    def budget_eur(self) -> Decimal | None:
        return to_eur(self.budget, self.currency)

    @property
    def is_converted(self) -> bool:
        """Whether the budget shown in euro was given in lats."""
        return self.budget is not None and self.currency != Currency.EUR


class StaffCount(models.Model):
    """How many people of a role the municipality's social service employs in a year."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="staff_counts",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    role = models.CharField(_("role"), max_length=200)
    count = models.PositiveIntegerField(_("number of staff"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "year", "pk"]
        verbose_name = _("staff count")
        verbose_name_plural = _("staff counts")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "role"], name="staff_count_unique_role"
            ),
            models.CheckConstraint(condition=~Q(role=""), name="staff_count_has_role"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}, {self.year}: {self.role}"


class CatalogueYear(models.Model):
    """What a municipality's catalogue says of the year as a whole: all its staff (the roles
    listed need not add up to it), the social service's budget with its lines as written, and
    the services it still has to develop.

    The budget is the social service's own (Jelgava's JSLP: social protection, health care and
    services bought from other municipalities), not the social budget of YearlyFigures.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="catalogue_years",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    staff_total = models.PositiveIntegerField(_("staff in total"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget of the social service"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    budget_lines = models.TextField(
        _("budget lines as written"), blank=True, help_text=_("One line of the budget a line.")
    )
    to_develop = models.TextField(
        _("services still to develop"), blank=True, help_text=_("One service a line.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "year"]
        verbose_name = _("service catalogue of a year")
        verbose_name_plural = _("service catalogues of a year")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="catalogue_year_unique_year"
            ),
            models.CheckConstraint(
                condition=Q(currency="EUR") | Q(year__lt=EURO_ADOPTION_YEAR),
                name="catalogue_year_euro_from_2014",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}, {self.year}"

    @property
    def to_develop_lines(self) -> list[str]:
        return _lines(self.to_develop)

    @property
    def budget_line_list(self) -> list[str]:
        return _lines(self.budget_lines)

    @property
    def budget_eur(self) -> Decimal | None:
        return to_eur(self.budget, self.currency)

    @property
    def is_converted(self) -> bool:
        return self.budget is not None and self.currency != Currency.EUR


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
