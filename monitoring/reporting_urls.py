"""The yearly reporting round: the coordinator's years, the municipalities' reports, the
Excel round trip. (monitoring/urls.py is the project's root URLconf.)"""

from django.urls import path

from monitoring import (
    message_views,
    proposal_views,
    region_import_views,
    round_views,
    survey_views,
    views,
    workbook_views,
)

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
    path("reporting/proposals/", proposal_views.proposal_list, name="proposals"),
    path(
        "reporting/programmes/<slug:slug>/proposals/new/",
        proposal_views.proposal_create,
        name="proposal-create",
    ),
    path(
        "reporting/proposals/<int:pk>/decide/",
        proposal_views.proposal_decide,
        name="proposal-decide",
    ),
    path("reporting/surveys/", survey_views.survey_list, name="surveys"),
    path("reporting/<slug:slug>/surveys/new/", survey_views.survey_create, name="survey-create"),
    path("reporting/surveys/<int:pk>/", survey_views.survey_detail, name="survey"),
    path("reporting/surveys/<int:pk>/edit/", survey_views.survey_edit, name="survey-edit"),
    path("reporting/surveys/<int:pk>/delete/", survey_views.survey_delete, name="survey-delete"),
    path(
        "reporting/surveys/<int:pk>/questions/new/",
        survey_views.question_add,
        name="survey-question-add",
    ),
    path(
        "reporting/surveys/questions/<int:pk>/edit/",
        survey_views.question_edit,
        name="survey-question-edit",
    ),
    path(
        "reporting/surveys/questions/<int:pk>/delete/",
        survey_views.question_delete,
        name="survey-question-delete",
    ),
    path(
        "reporting/surveys/<int:pk>/providers/new/",
        survey_views.provider_add,
        name="survey-provider-add",
    ),
    path(
        "reporting/surveys/respondents/<int:pk>/",
        survey_views.respondent_detail,
        name="survey-respondent",
    ),
    path(
        "reporting/surveys/respondents/<int:pk>/reissue/",
        survey_views.link_reissue,
        name="survey-link-reissue",
    ),
    path(
        "reporting/surveys/respondents/<int:pk>/revoke/",
        survey_views.link_revoke,
        name="survey-link-revoke",
    ),
    path(
        "reporting/surveys/<int:pk>/answer/<int:municipality_pk>/",
        survey_views.service_answer,
        name="survey-answer",
    ),
    path("survey/<str:token>/", survey_views.provider_answer, name="survey-link"),
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
