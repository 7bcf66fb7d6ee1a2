"""The admin's bulk import and export of progress entries (django-import-export).

A row is identified by programme, task code, municipality (empty for the planning region's
own entry) and year. Its values go through the rules of monitoring/rules.py, as the entry form
and the submission workbook do, and an import with any bad row changes nothing. The export goes
through the cell rules of monitoring/excel.py, in CSV as in Excel: no text runs as a formula
and none can break the file, and what it writes reads back as it was.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from monitoring import rules
from monitoring.excel import neutralise, restore
from monitoring.models import ProgressEntry
from monitoring.rules import CellError, cell_text
from monitoring.workbook import keys
from municipalities.models import Municipality, normalize_name
from programmes.models import Programme, ProgrammeNode

COLUMNS = (
    "programme",
    "year",
    "municipality",
    "code",
    "status",
    "narrative",
    "quantity",
    "planned_quantity",
)
KEY_COLUMNS = ("programme", "code", "municipality", "year")
VALUE_CLEANERS = {name: rule.clean for name, rule in rules.ENTRY.items()}

UNKNOWN_PROGRAMME = _('Unknown programme "%(slug)s".')
YEAR_OUTSIDE_PROGRAMME = _("The year must be within the programme (%(first)d–%(last)d).")
MUNICIPALITY_OUTSIDE_REGION = _("%(municipality)s is not in the planning region of %(programme)s.")
NOT_REGIONAL_TASK = _("The planning region does not report on %(code)s.")


class StatusWidget(widgets.Widget):
    """Exports a status as its Latvian label, as the submission workbook writes it."""

    def render(self, value, obj=None, **kwargs):
        return rules.status_label(value)


class ProgressEntryResource(resources.ModelResource):
    programme = fields.Field(
        attribute="node__programme__slug", column_name="programme", readonly=True
    )
    year = fields.Field(
        attribute="year",
        column_name="year",
        readonly=True,
        widget=widgets.IntegerWidget(coerce_to_string=False),
    )
    municipality = fields.Field(
        attribute="municipality__name", column_name="municipality", readonly=True
    )
    code = fields.Field(attribute="node__code", column_name="code", readonly=True)
    status = fields.Field(attribute="status", column_name="status", widget=StatusWidget())
    narrative = fields.Field(attribute="narrative", column_name="narrative")
    quantity = fields.Field(
        attribute="quantity",
        column_name="quantity",
        widget=widgets.IntegerWidget(coerce_to_string=False),
    )
    planned_quantity = fields.Field(
        attribute="planned_quantity",
        column_name="planned_quantity",
        widget=widgets.IntegerWidget(coerce_to_string=False),
    )

    class Meta:
        model = ProgressEntry
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = KEY_COLUMNS
        skip_unchanged = True
        report_skipped = False

    # The rows are imported one at a time: before_import_row() cleans a row into `_row`,
    # which get_instance(), init_instance() and import_instance() then use.

    def import_data(self, dataset, **kwargs):
        # A bad row rolls back the whole import, not just itself.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("node__programme", "municipality")

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))

    def before_import(self, dataset, **kwargs):
        for index in reversed(range(len(dataset))):
            if not any(cell_text(value) for value in dataset[index]):
                del dataset[index]
        self._columns = set(dataset.headers or ())
        self._programmes = {p.slug: p for p in Programme.objects.all()}
        self._tasks: dict[int, tuple[dict[str, ProgrammeNode], set[int], set[int]]] = {}
        self._municipalities: dict[tuple[str, int], Municipality] = {}
        self._seen: dict[tuple, int] = {}
        self._row: dict[str, Any] = {}

    def before_import_row(self, row, row_number=None, **kwargs):
        self._row = self._clean(row, row_number)

    def get_instance(self, instance_loader, row):
        c = self._row
        return (
            ProgressEntry.objects.filter(
                node=c["code"], municipality=c["municipality"], year=c["year"]
            )
            .select_related("node__programme", "municipality")
            .first()
        )

    def init_instance(self, row=None):
        c = self._row
        return ProgressEntry(node=c["code"], municipality=c["municipality"], year=c["year"])

    def import_instance(self, instance, row, **kwargs):
        # Columns left out of the file keep what is saved.
        for name in VALUE_CLEANERS:
            if name in self._columns:
                setattr(instance, name, self._row[name])

    def _clean(self, row, number) -> dict[str, Any]:
        """The row's values, checked; raises ValidationError naming every bad cell."""
        cleaned: dict[str, Any] = {"municipality": None}
        errors: dict[str, str] = {}

        def take(column, clean) -> None:
            try:
                # The apostrophe the export put before "=…" is not part of the text.
                cleaned[column] = clean(restore(row.get(column)))
            except CellError as exc:
                errors[column] = str(exc)

        slug = cell_text(row.get("programme"))
        programme = self._programmes.get(slug)
        if programme is None:
            errors["programme"] = str(UNKNOWN_PROGRAMME % {"slug": slug})
        take("year", keys.clean_year)
        year = cleaned.get("year")
        if programme and year is not None and year not in programme.years:
            errors["year"] = str(
                YEAR_OUTSIDE_PROGRAMME
                % {"first": programme.period_start, "last": programme.years[-1]}
            )
            year = None
        regional = not cell_text(row.get("municipality"))
        if not regional and year is not None:
            take("municipality", lambda value: self._municipality(value, year))
            municipality = cleaned["municipality"]
            if programme and municipality and municipality.region_id != programme.region_id:
                errors["municipality"] = str(
                    MUNICIPALITY_OUTSIDE_REGION
                    % {"municipality": municipality.name, "programme": programme.slug}
                )
        if programme:
            take("code", lambda value: self._task(programme, value, regional=regional))
        for column, clean in VALUE_CLEANERS.items():
            take(column, clean)

        if not errors:
            municipality = cleaned["municipality"]
            key = (cleaned["code"].pk, municipality.pk if municipality else None, year)
            if key in self._seen:
                errors["code"] = str(
                    keys.DUPLICATE_ROW % {"key": cleaned["code"].code, "row": self._seen[key]}
                )
            self._seen.setdefault(key, number)
        if errors:
            raise ValidationError({column: [message] for column, message in errors.items()})
        return cleaned

    def _municipality(self, value, year: int) -> Municipality:
        key = (normalize_name(cell_text(value)), year)
        if key not in self._municipalities:
            self._municipalities[key] = keys.clean_municipality(value, year=year)
        return self._municipalities[key]

    def _task(self, programme: Programme, value, *, regional: bool) -> ProgrammeNode:
        if programme.pk not in self._tasks:
            municipal = programme.nodes.for_municipalities()
            region = programme.nodes.for_region()
            self._tasks[programme.pk] = (
                keys.nodes_by_code(programme),
                set(municipal.values_list("pk", flat=True)),
                set(region.values_list("pk", flat=True)),
            )
        nodes, municipal, region = self._tasks[programme.pk]
        return keys.clean_task(
            value,
            nodes=nodes,
            reportable=region if regional else municipal,
            not_reported=NOT_REGIONAL_TASK if regional else keys.NOT_MUNICIPAL_TASK,
        )
