"""The yearly reporting round: the coordinator's years, the municipalities' reports, the
Excel round trip. (monitoring/urls.py is the project's root URLconf.)"""

from django.urls import path

from monitoring import message_views, region_import_views, round_views, views, workbook_views

app_name = "monitoring"

urlpatterns = [
    path("start/", round_views.start, name="start"),
    path("reporting/", round_views.index, name="index"),
    path("reporting/<slug:slug>/open/", round_views.round_open, name="round-open"),
    path("reporting/years/<int:pk>/", round_views.round_detail, name="round"),
    path("reporting/years/<int:pk>/region/", round_views.region_entries, name="region-entries"),
    path("reporting/years/<int:pk>/approve/", round_views.round_approve, name="round-approve"),
    path(
        "reporting/years/<int:pk>/reminders/", round_views.round_reminders, name="round-reminders"
    ),
    path("reporting/messages/", message_views.message_list, name="messages"),
    path(
        "reporting/years/<int:pk>/entries.xlsx",
        region_import_views.region_workbook_download,
        name="region-workbook",
    ),
    path(
        "reporting/years/<int:pk>/import/", region_import_views.region_import, name="region-import"
    ),
    path(
        "reporting/years/<int:pk>/import/confirm/",
        region_import_views.region_import_confirm,
        name="region-import-confirm",
    ),
    path("reporting/submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("reporting/submissions/<int:pk>/autosave/", views.autosave, name="autosave"),
    path(
        "reporting/submissions/<int:pk>/autosave/discard/",
        views.autosave_discard,
        name="autosave-discard",
    ),
    path("reporting/submissions/<int:pk>/review/", views.submission_review, name="review"),
    path("reporting/submissions/<int:pk>/decide/", views.submission_decide, name="decide"),
    path("reporting/submissions/<int:pk>/approve/", views.submission_approve, name="approve"),
    path("reporting/submissions/<int:pk>/return/", views.submission_return, name="return"),
    path("reporting/submissions/<int:pk>/reopen/", views.submission_reopen, name="reopen"),
    path(
        "reporting/submissions/<int:pk>/workbook.xlsx",
        workbook_views.workbook_download,
        name="workbook",
    ),
    path(
        "reporting/submissions/<int:pk>/upload/",
        workbook_views.workbook_upload,
        name="workbook-upload",
    ),
    path(
        "reporting/submissions/<int:pk>/upload/confirm/",
        workbook_views.workbook_confirm,
        name="workbook-confirm",
    ),
]
