from django.contrib import admin

from municipalities.models import municipality_order
from programmes.models import (
    Amendment,
    AmendmentChange,
    Indicator,
    IndicatorValue,
    PlannedQuantity,
    PolicyResult,
    Programme,
    ProgrammeNode,
    Proposal,
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
    autocomplete_fields = ("parent", "added_in", "removed_in")
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
    autocomplete_fields = ("node", "added_in", "removed_in")
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


class AmendmentChangeInline(admin.TabularInline):
    model = AmendmentChange
    fields = ("kind", "node", "indicator", "description")
    autocomplete_fields = ("node", "indicator")
    extra = 0


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    """An amendment and what it changed. A task or indicator it added or removed names it in
    its own "added by" / "removed by" field, which the change must agree with."""

    list_display = ("title", "starts_on", "ends_on", "programme")
    list_filter = ("programme",)
    search_fields = ("title", "reason")
    list_select_related = ("programme",)
    date_hierarchy = "starts_on"
    inlines = [AmendmentChangeInline]


@admin.register(AmendmentChange)
class AmendmentChangeAdmin(admin.ModelAdmin):
    list_display = ("amendment", "kind", "node", "indicator", "description")
    list_filter = ("kind", "amendment__programme")
    search_fields = ("description", "node__code", "indicator__code", "amendment__title")
    list_select_related = ("amendment", "node", "indicator")
    autocomplete_fields = ("amendment", "node", "indicator")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("text", "municipality", "decision", "decided_on", "programme")
    list_filter = ("programme", "decision")
    search_fields = ("text", "reason", "municipality__name")
    list_select_related = ("programme", "municipality")
    ordering = ("programme", "pk")
    autocomplete_fields = ("municipality", "node", "included_in")
    readonly_fields = ("submitted_by", "decided_by")
