from django.contrib import admin
from import_export.admin import ImportExportMixin

from monitoring.models import (
    FormDraft,
    Membership,
    Message,
    ProgressEntry,
    Project,
    ProjectActivity,
    ProjectPartner,
    ProjectResult,
    ReportingRound,
    Submission,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRespondent,
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


class ProjectPartnerInline(admin.TabularInline):
    """A partner is a municipality, a planning region, or an outside body's name and country
    (the model's project_partner_one_kind constraint)."""

    model = ProjectPartner
    fields = (
        "position",
        "role",
        "municipality",
        "planning_region",
        "name",
        "country",
        "part",
        "currency",
    )
    autocomplete_fields = ("municipality",)
    extra = 0


class ProjectActivityInline(admin.TabularInline):
    model = ProjectActivity
    fields = ("number", "text")
    extra = 0


class ProjectResultInline(admin.TabularInline):
    model = ProjectResult
    fields = ("position", "partner", "group", "text", "count")
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        self._project = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A result's partner is one of the same project's partners.
        if db_field.name == "partner":
            project = getattr(self, "_project", None)
            kwargs["queryset"] = ProjectPartner.objects.filter(project=project).select_related(
                "municipality", "planning_region"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
    inlines = [ProjectPartnerInline, ProjectActivityInline, ProjectResultInline]


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(HistoryAdmin):
    """Partners are entered on their project's page; the list finds them across projects."""

    list_display = ("project", "position", "role", "__str__", "country", "part", "currency")
    list_filter = ("role", "country", "project__region", "project__year")
    search_fields = ("project__title", "name", "municipality__name", "planning_region__name")
    list_select_related = ("project", "municipality", "planning_region")
    autocomplete_fields = ("project", "municipality")


@admin.register(ProjectActivity)
class ProjectActivityAdmin(HistoryAdmin):
    list_display = ("project", "number", "text")
    list_filter = ("project__region", "project__year")
    search_fields = ("project__title", "text")
    list_select_related = ("project",)
    autocomplete_fields = ("project",)


@admin.register(ProjectResult)
class ProjectResultAdmin(HistoryAdmin):
    list_display = ("project", "position", "text", "count", "partner")
    list_filter = ("project__region", "project__year")
    search_fields = ("project__title", "text", "group")
    list_select_related = (
        "project",
        "partner__municipality",
        "partner__planning_region",
    )
    autocomplete_fields = ("project",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "partner":  # each partner's name, without a query per partner
            kwargs["queryset"] = ProjectPartner.objects.select_related(
                "project", "municipality", "planning_region"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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


# The region's survey (monitoring/models/surveys.py): the coordinator's pages make it; here it
# is read, and corrected where needed. A provider's link is kept only as its token's hash,
# which the admin shows and never edits.
class SurveyQuestionInline(admin.TabularInline):
    model = SurveyQuestion
    fields = ("audience", "number", "text")
    ordering = ("audience", "number")
    show_change_link = True
    extra = 0


@admin.register(Survey)
class SurveyAdmin(HistoryAdmin):
    list_display = ("title", "year", "programme", "source", "created_by", "created_at")
    list_filter = ("programme", "year")
    search_fields = ("title", "introduction", "source")
    list_select_related = ("programme", "created_by")
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = [SurveyQuestionInline]


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(HistoryAdmin):
    list_display = ("survey", "audience", "number", "text")
    list_filter = ("audience", "survey__programme", "survey__year")
    search_fields = ("text", "summary", "survey__title")
    list_select_related = ("survey",)
    ordering = ("survey", "audience", "number")
    autocomplete_fields = ("survey",)


@admin.register(SurveyRespondent)
class SurveyRespondentAdmin(HistoryAdmin):
    list_display = ("survey", "kind", "__str__", "email", "link_issued_at", "submitted_at")
    list_filter = (
        "kind",
        ("submitted_at", admin.EmptyFieldListFilter),
        "survey__programme",
        "survey__year",
    )
    search_fields = ("name", "email", "municipality__name", "survey__title")
    list_select_related = ("survey", "municipality")
    autocomplete_fields = ("survey", "municipality")
    readonly_fields = (
        "token_hash",
        "link_issued_at",
        "link_revoked_at",
        "link_used_at",
        "submitted_by",
        "created_at",
        "updated_at",
    )


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(HistoryAdmin):
    list_display = ("respondent", "question", "text", "updated_at")
    list_filter = ("question__survey__programme", "question__survey__year", "respondent__kind")
    search_fields = ("text", "respondent__name", "respondent__municipality__name", "question__text")
    list_select_related = ("respondent__municipality", "question")
    autocomplete_fields = ("respondent", "question")
