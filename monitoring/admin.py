from django.contrib import admin
from import_export.admin import ImportExportMixin

from monitoring.models import (
    FormDraft,
    Membership,
    Message,
    ProgressEntry,
    Project,
    ReportingRound,
    Submission,
    UserSettings,
)
from monitoring.resources import ProgressEntryResource

# Also says the admin pages of django-axes, django-tasks-db and Django's auth in Latvian.
from monitoring.third_party_admin import HistoryAdmin, ImportPageResource, LabelledExportForm
from municipalities.models import municipality_order


class ProgressEntryImportResource(ImportPageResource, ProgressEntryResource):
    """ProgressEntryResource, with the import page's preview and errors in Latvian."""


@admin.register(ProgressEntry)
class ProgressEntryAdmin(ImportExportMixin, HistoryAdmin):
    """Bulk import and export for the coordinator, validated like the Excel upload."""

    resource_classes = [ProgressEntryResource]
    export_form_class = LabelledExportForm
    list_display = ("node", "municipality", "year", "status", "quantity")
    list_filter = ("year", "status", "node__programme", "municipality__region")
    search_fields = ("node__code", "node__title", "municipality__name", "narrative")
    list_select_related = ("node", "municipality")
    ordering = ("year", "node__programme", "node__sort_key", *municipality_order("municipality"))
    autocomplete_fields = ("node", "municipality")

    def get_import_resource_classes(self, request):
        return [ProgressEntryImportResource]


@admin.register(Project)
class ProjectAdmin(HistoryAdmin):
    list_display = (
        "title",
        "municipality",
        "region",
        "year",
        "funding_source",
        "budget",
        "currency",
    )
    list_filter = ("region", "year", "currency", "continued")
    search_fields = ("title", "funding_source", "municipality__name")
    list_select_related = ("municipality", "region")
    autocomplete_fields = ("municipality", "tasks")


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ("user", "role", "region", "municipality")
    list_filter = ("role", "region")
    search_fields = ("user__username", "user__first_name", "user__last_name", "municipality__name")
    list_select_related = ("user", "region", "municipality")
    autocomplete_fields = ("user", "municipality")


class SubmissionInline(admin.TabularInline):
    model = Submission
    fields = ("municipality", "state", "updated_at", "updated_by")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The read-only columns and the change link's text: no query per submission.
        return (
            super()
            .get_queryset(request)
            .select_related("municipality", "updated_by", "round__programme__region")
        )


@admin.register(ReportingRound)
class ReportingRoundAdmin(HistoryAdmin):
    list_display = ("programme", "year", "deadline", "opened_by", "opened_at")
    list_filter = ("programme", "year")
    list_select_related = ("programme", "opened_by")
    readonly_fields = ("opened_by", "opened_at")
    inlines = [SubmissionInline]


@admin.register(Submission)
class SubmissionAdmin(HistoryAdmin):
    """Read-mostly: state changes go through the reporting pages, which check who may."""

    list_display = ("municipality", "round", "state", "updated_at", "updated_by")
    list_filter = ("state", "round__programme", "round__year")
    search_fields = ("municipality__name",)
    list_select_related = ("municipality", "round__programme__region", "updated_by")
    readonly_fields = (
        "round",
        "municipality",
        "state",
        "version",
        "submitted_at",
        "approved_at",
        "updated_at",
        "updated_by",
    )


@admin.register(FormDraft)
class FormDraftAdmin(admin.ModelAdmin):
    """Unsaved input kept by the entry form's autosave: to see, or remove, never to edit."""

    list_display = ("submission", "user", "saved_at")
    list_select_related = ("submission__round__programme", "submission__municipality", "user")
    readonly_fields = ("submission", "user", "data", "saved_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Every e-mail the app wrote: what went to whom and when, or why it has not gone yet.
    Written by monitoring/mail.py alone, so only read here."""

    list_display = ("created_at", "kind", "to", "subject", "sent_at", "attempts")
    list_filter = ("kind", ("sent_at", admin.EmptyFieldListFilter), "region")
    search_fields = ("to", "subject")
    list_select_related = ("recipient",)
    readonly_fields = [field.name for field in Message._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(UserSettings)
class UserSettingsAdmin(admin.ModelAdmin):
    list_display = ("user", "language", "daily_digest")
    list_filter = ("language", "daily_digest")
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user",)
