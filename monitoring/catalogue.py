"""The entry form's "Services" section: the municipality's service catalogue for the year, its
staff by role and what it still has to develop (municipalities/models/catalogue.py), and the
write that saves it with the rest of the report (services.submission_save).

Last year's list is the start of a new year's: while nothing of the year's catalogue is saved,
the section opens with last year's services, staff and services to develop in its rows, marked
as taken from last year and saved only when the person saves the report. The year's own
numbers (clients, budget) are left empty, last year's shown beside them, so that a number is
never carried into a year it was not reported for. Prefilling rather than a "copy last year"
button loses nothing: a button would be a second form post, losing what was typed elsewhere in
the form or saving it unasked, while prefilled rows are just rows of the one form, and last
year's catalogue itself is never touched.

A post without the section (a workbook upload, an older kept draft) leaves the saved
catalogue as it is.
"""

import functools
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from monitoring import rules
from monitoring.counting import Counting, counted
from monitoring.forms import CatalogueYearForm, ServiceOfferFormSet, StaffCountFormSet
from municipalities.models import (
    EURO_ADOPTION_YEAR,
    CatalogueYear,
    Currency,
    Municipality,
    ServiceKind,
    ServiceOffer,
    StaffCount,
)

OFFER_PREFIX, STAFF_PREFIX, YEAR_PREFIX = "services", "staff", "catalogue"
OFFER_FIELDS = (
    "name",
    "provider",
    "unit_price",
    "price_unit",
    "price_notes",
    "clients",
    "places",
    "budget",
    "currency",
    "notes",
)
OFFER_TEXT_FIELDS = ("name", "provider", "price_unit", "price_notes", "notes")
# What a new year's list takes from last year: what the service is, not what it did.
OFFER_CARRIED = ("name", "provider", "unit_price", "price_unit", "price_notes", "places", "notes")
YEAR_CARRIED = ("staff_total", "to_develop")
YEAR_FIELDS = ("staff_total", "budget", "currency", "budget_lines", "to_develop")


@dataclass
class CatalogueData:
    """The section's cleaned rows, for the write: offers and staff with "id" and "delete"."""

    offers: list[dict[str, Any]] = field(default_factory=list)
    staff: list[dict[str, Any]] = field(default_factory=list)
    year: dict[str, Any] = field(default_factory=dict)


def _offer_key(kind_id, name: str) -> tuple:
    return (kind_id, rules.key(name or ""))


@dataclass
class OfferRow:
    form: Any
    previous: ServiceOffer | None
    # The saved offer the row edits, or last year's it was taken from; None for a new row.
    offer: ServiceOffer | None


@dataclass
class CatalogueSection:
    year: int
    offers: Any
    staff: Any
    year_form: CatalogueYearForm
    saved: list[ServiceOffer]
    previous: list[ServiceOffer]
    saved_staff: list[StaffCount]
    previous_staff: list[StaffCount]
    saved_year: CatalogueYear | None
    previous_year: CatalogueYear | None
    prefilled: bool
    posted: bool

    @functools.cached_property
    def _previous_by_key(self) -> dict[tuple, ServiceOffer]:
        return {_offer_key(o.kind_id, o.name): o for o in self.previous}

    @property
    def offer_rows(self) -> list["OfferRow"]:
        """The form's rows, each with its title and last year's offer of the same service."""
        saved = {o.pk: o for o in self.saved}
        rows = []
        for form in self.offers:
            kind = form.initial.get("kind")
            previous = self._previous_by_key.get(_offer_key(kind, form.initial.get("name")))
            own = saved.get(form.initial.get("id"))
            rows.append(OfferRow(form, previous if kind else None, own or previous))
        return rows

    @property
    def saved_rows(self) -> list[tuple[ServiceOffer, ServiceOffer | None]]:
        """(this year's offer, last year's of the same service) for the read-only views."""
        return [(o, self._previous_by_key.get(_offer_key(o.kind_id, o.name))) for o in self.saved]

    @property
    def previous_staff_by_role(self) -> dict[str, int]:
        return {rules.key(s.role): s.count for s in self.previous_staff}

    @property
    def staff_rows(self) -> list[tuple[StaffCount, int | None]]:
        by_role = self.previous_staff_by_role
        return [(s, by_role.get(rules.key(s.role))) for s in self.saved_staff]

    @property
    def has_converted(self) -> bool:
        return any(o.is_converted for o in self.saved) or bool(
            self.saved_year and self.saved_year.is_converted
        )

    @property
    def is_empty(self) -> bool:
        return not self.saved and not self.saved_staff and self.saved_year is None

    @property
    def forms(self) -> list:
        return [self.offers, self.staff, self.year_form] if self.posted else []

    def data(self) -> CatalogueData | None:
        """The cleaned section (after is_valid), or None when the post did not hold it."""
        if not self.posted:
            return None
        return CatalogueData(
            offers=self.offers.rows,
            staff=self.staff.rows,
            year=self.year_form.data_for_service(),
        )


def _kind_choices():
    """The kinds of service for the select, read once per page and only if a form shows."""
    blank = [("", _("— choose —"))]
    return functools.cache(lambda: blank + list(ServiceKind.objects.values_list("pk", "name")))


def catalogue_section(
    municipality: Municipality,
    year: int,
    data: dict | None = None,
    counting: Counting | None = None,
) -> CatalogueSection:
    """The section for the municipality's year, in three queries (the offers, staff and years
    of this year and last), and one more for the kinds when an editable form is shown.

    A report's own pages read its catalogue whatever its state; with `counting`, only what
    counts is read (monitoring/counting.py), as the public pages must."""
    both = Q(municipality=municipality, year__in=(year, year - 1))

    def read(queryset):
        return queryset if counting is None else counted(queryset, counting)

    offers = list(read(ServiceOffer.objects.filter(both)).in_order())
    staff = list(read(StaffCount.objects.filter(both)).order_by("year", "pk"))
    years = {c.year: c for c in read(CatalogueYear.objects.filter(both))}
    saved = [o for o in offers if o.year == year]
    previous = [o for o in offers if o.year == year - 1]
    saved_staff = [s for s in staff if s.year == year]
    previous_staff = [s for s in staff if s.year == year - 1]
    saved_year, previous_year = years.get(year), years.get(year - 1)

    prefilled = not (saved or saved_staff or saved_year) and bool(
        previous or previous_staff or previous_year
    )
    if prefilled:
        offer_initial = [
            {"kind": o.kind_id, **{name: getattr(o, name) for name in OFFER_CARRIED}}
            for o in previous
        ]
        staff_initial = [{"role": s.role, "count": s.count} for s in previous_staff]
        year_initial = (
            {name: getattr(previous_year, name) for name in YEAR_CARRIED} if previous_year else {}
        )
    else:
        offer_initial = [
            {"id": o.pk, "kind": o.kind_id, **{name: getattr(o, name) for name in OFFER_FIELDS}}
            for o in saved
        ]
        staff_initial = [{"id": s.pk, "role": s.role, "count": s.count} for s in saved_staff]
        year_initial = {}
    for row in offer_initial:
        row["unit_price"] = _plain(row.get("unit_price"))
        if "budget" in row:
            row["budget"] = _plain(row["budget"])

    posted = data is None or f"{OFFER_PREFIX}-TOTAL_FORMS" in data
    bound = data if data is not None and posted else None
    kinds = _kind_choices()
    return CatalogueSection(
        year=year,
        offers=ServiceOfferFormSet(
            bound,
            prefix=OFFER_PREFIX,
            initial=offer_initial,
            form_kwargs={"kinds": kinds, "year": year},
        ),
        staff=StaffCountFormSet(bound, prefix=STAFF_PREFIX, initial=staff_initial),
        year_form=CatalogueYearForm(
            bound,
            prefix=YEAR_PREFIX,
            instance=saved_year,
            initial=year_initial,
            year=year,
        ),
        saved=saved,
        previous=previous,
        saved_staff=saved_staff,
        previous_staff=previous_staff,
        saved_year=saved_year,
        previous_year=previous_year,
        prefilled=prefilled,
        posted=posted,
    )


def _plain(number):
    """4.00 as 4, so the form shows what was typed (monitoring/entry_page.py does the same)."""
    if number is None:
        return None
    return number.quantize(1) if number == number.to_integral() else number.normalize()


def _save(obj, by) -> None:
    obj._history_user = by
    obj.full_clean()
    obj.save()


def _delete(obj, by) -> None:
    obj._history_user = by
    obj.delete()


def _differs(obj, values: dict[str, Any]) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def catalogue_write(*, municipality: Municipality, year: int, data: CatalogueData, by) -> None:
    """Write the section's rows: removed ones deleted first (so a service removed and added
    again is not a duplicate), then new and changed ones saved; rows left as they are, not
    saved again. Called inside services.submission_save's transaction, after its checks."""
    currency = Currency.EUR if year >= EURO_ADOPTION_YEAR else None

    offers = {o.pk: o for o in ServiceOffer.objects.filter(municipality=municipality, year=year)}
    for values in data.offers:
        if values["delete"] and values.get("id") in offers:
            _delete(offers.pop(values["id"]), by)
    for values in data.offers:
        if values["delete"]:
            continue
        fields = {name: values.get(name) for name in OFFER_FIELDS}
        fields.update({name: fields[name] or "" for name in OFFER_TEXT_FIELDS})
        fields["currency"] = currency or fields["currency"] or Currency.EUR
        fields["kind_id"] = values["kind"]
        offer = offers.get(values.get("id"))
        if offer is None:
            offer = ServiceOffer(municipality=municipality, year=year)
        elif not _differs(offer, fields):
            continue
        for name, value in fields.items():
            setattr(offer, name, value)
        _save(offer, by)

    staff = {s.pk: s for s in StaffCount.objects.filter(municipality=municipality, year=year)}
    for values in data.staff:
        if values["delete"] and values.get("id") in staff:
            _delete(staff.pop(values["id"]), by)
    for values in data.staff:
        if values["delete"]:
            continue
        fields = {"role": values["role"], "count": values["count"]}
        row = staff.get(values.get("id"))
        if row is None:
            row = StaffCount(municipality=municipality, year=year)
        elif not _differs(row, fields):
            continue
        for name, value in fields.items():
            setattr(row, name, value)
        _save(row, by)

    fields = {name: data.year.get(name) for name in YEAR_FIELDS}
    fields.update({name: fields[name] or "" for name in ("budget_lines", "to_develop")})
    fields["currency"] = currency or fields["currency"] or Currency.EUR
    row = CatalogueYear.objects.filter(municipality=municipality, year=year).first()
    empty = fields["staff_total"] is None and fields["budget"] is None
    empty = empty and not fields["budget_lines"] and not fields["to_develop"]
    if row is None and empty:
        return
    row = row or CatalogueYear(municipality=municipality, year=year)
    if row.pk is None or _differs(row, fields):
        for name, value in fields.items():
            setattr(row, name, value)
        _save(row, by)
