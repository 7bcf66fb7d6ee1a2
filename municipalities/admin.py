from django.contrib import admin

from municipalities.models import (
    CatalogueYear,
    Municipality,
    MunicipalityAlias,
    PlanningRegion,
    ServiceKind,
    ServiceOffer,
    StaffCount,
    YearlyFigures,
)


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    fields = ("name", "kind", "valid_from", "valid_until", "successor")
    show_change_link = True
    extra = 0


@admin.register(PlanningRegion)
class PlanningRegionAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "slug")
    search_fields = ("name", "short_name")
    inlines = [MunicipalityInline]


class AliasInline(admin.TabularInline):
    model = MunicipalityAlias
    fields = ("name",)
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "valid_from", "valid_until", "successor")
    list_filter = ("region", "kind", "valid_until")
    search_fields = ("name", "aliases__name")
    list_select_related = ("region", "successor")
    autocomplete_fields = ("successor",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AliasInline]


@admin.register(MunicipalityAlias)
class MunicipalityAliasAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality")
    search_fields = ("name", "municipality__name")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)


@admin.register(YearlyFigures)
class YearlyFiguresAdmin(admin.ModelAdmin):
    list_display = (
        "municipality",
        "year",
        "currency",
        "social_budget",
        "clients",
        "benefits_total",
        "recipients",
    )
    list_filter = ("year", "currency", "municipality__region")
    search_fields = ("municipality__name",)
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)


# The service catalogue (municipalities/models/catalogue.py); municipalities keep theirs in the
# yearly report, the shared list of kinds comes from fixtures/service_kinds.json.
@admin.register(ServiceKind)
class ServiceKindAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    search_fields = ("name",)


@admin.register(ServiceOffer)
class ServiceOfferAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "kind", "name", "clients", "budget", "currency")
    list_filter = ("year", "kind", "municipality__region")
    search_fields = ("municipality__name", "name", "provider")
    list_select_related = ("municipality", "kind")
    autocomplete_fields = ("municipality",)


@admin.register(StaffCount)
class StaffCountAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "role", "count")
    list_filter = ("year", "municipality__region")
    search_fields = ("municipality__name", "role")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)


@admin.register(CatalogueYear)
class CatalogueYearAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "staff_total", "budget", "currency")
    list_filter = ("year", "municipality__region")
    search_fields = ("municipality__name",)
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)
