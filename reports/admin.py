from django.contrib import admin

from reports.models import ReviewPdf


@admin.register(ReviewPdf)
class ReviewPdfAdmin(admin.ModelAdmin):
    """The PDFs the worker has made or is making, and why one failed: to read, not to edit."""

    list_display = ("programme", "year", "requested_at", "finished_at", "error")
    list_filter = ("programme", "year")
    list_select_related = ("programme",)
    fields = ("programme", "year", "html_sha256", "requested_at", "finished_at", "error")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
