from django.contrib import admin

from municipalities.models import municipality_order
from programmes.models import (
    Indicator,
    IndicatorValue,
    PlannedQuantity,
    PolicyResult,
    Programme,
    ProgrammeNode,
)


class PolicyResultInline(admin.TabularInline):
    model = PolicyResult
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "period_start", "period_end", "target_year")
    list_filter = ("region",)
    search_fields = ("title", "main_goal")
    list_select_related = ("region",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PolicyResultInline]


class ChildInline(admin.TabularInline):
    model = ProgrammeNode
    fk_name = "parent"
    fields = ("code", "kind", "title", "responsible")
    ordering = ("sort_key",)
    show_change_link = True
    extra = 0


@admin.register(ProgrammeNode)
class ProgrammeNodeAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "kind", "responsible", "parent", "programme")
    list_display_links = ("code", "title")
    list_filter = ("programme", "kind", "responsible")
    search_fields = ("code", "title", "description")
    list_select_related = ("programme", "parent")
    ordering = ("programme", "sort_key")
    autocomplete_fields = ("parent",)
    inlines = [ChildInline]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    fields = ("year", "municipality", "value", "text")
    autocomplete_fields = ("municipality",)
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "title",
        "kind",
        "baseline_text",
        "target_text",
        "target_year",
        "rollup",
        "programme",
    )
    list_display_links = ("code", "title")
    list_editable = ("rollup",)
    list_filter = ("programme", "kind", "rollup", "direction")
    search_fields = ("code", "title", "data_source")
    list_select_related = ("programme",)
    ordering = ("programme", "kind", "sort_key")
    autocomplete_fields = ("node",)
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "municipality", "value", "text")
    list_filter = ("year", "indicator__programme")
    search_fields = ("indicator__title", "municipality__name", "text")
    list_select_related = ("indicator", "municipality")
    autocomplete_fields = ("indicator", "municipality")


@admin.register(PlannedQuantity)
class PlannedQuantityAdmin(admin.ModelAdmin):
    list_display = ("node", "municipality", "quantity", "note")
    list_filter = ("node__programme", "municipality")
    search_fields = ("node__code", "node__title", "municipality__name", "note")
    list_select_related = ("node", "municipality")
    ordering = ("node__programme", "node__sort_key", *municipality_order("municipality"))
    autocomplete_fields = ("node", "municipality")


@admin.register(PolicyResult)
class PolicyResultAdmin(admin.ModelAdmin):
    list_display = ("position", "text", "programme")
    list_filter = ("programme",)
    search_fields = ("text",)
    list_select_related = ("programme",)
