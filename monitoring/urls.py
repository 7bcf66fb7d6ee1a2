from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from monitoring import views as monitoring_views
from monitoring import workbook_views
from municipalities import views as municipality_views
from programmes import views as programme_views
from reports import dashboard_views
from reports import views as report_views

urlpatterns = [
    path("", programme_views.index, name="programmes-index"),
    path("programmes/<slug:slug>/", programme_views.detail, name="programmes-detail"),
    path("municipalities/", municipality_views.index, name="municipalities-index"),
    path("municipalities/<slug:slug>/", municipality_views.detail, name="municipalities-detail"),
    path("start/", monitoring_views.start, name="monitoring-start"),
    path("reporting/", monitoring_views.index, name="monitoring-index"),
    path("reporting/<slug:slug>/open/", monitoring_views.round_open, name="monitoring-round-open"),
    path("reporting/years/<int:pk>/", monitoring_views.round_detail, name="monitoring-round"),
    path(
        "reporting/years/<int:pk>/region/",
        monitoring_views.region_entries,
        name="monitoring-region-entries",
    ),
    path(
        "reporting/submissions/<int:pk>/",
        monitoring_views.submission_detail,
        name="monitoring-submission",
    ),
    path(
        "reporting/submissions/<int:pk>/review/",
        monitoring_views.submission_review,
        name="monitoring-review",
    ),
    path(
        "reporting/submissions/<int:pk>/approve/",
        monitoring_views.submission_approve,
        name="monitoring-approve",
    ),
    path(
        "reporting/submissions/<int:pk>/return/",
        monitoring_views.submission_return,
        name="monitoring-return",
    ),
    path(
        "reporting/submissions/<int:pk>/reopen/",
        monitoring_views.submission_reopen,
        name="monitoring-reopen",
    ),
    path(
        "reporting/submissions/<int:pk>/workbook.xlsx",
        workbook_views.workbook_download,
        name="monitoring-workbook",
    ),
    path(
        "reporting/submissions/<int:pk>/upload/",
        workbook_views.workbook_upload,
        name="monitoring-workbook-upload",
    ),
    path(
        "reporting/submissions/<int:pk>/upload/confirm/",
        workbook_views.workbook_confirm,
        name="monitoring-workbook-confirm",
    ),
    path("dashboard/", dashboard_views.index, name="dashboard-index"),
    path("dashboard/all/", dashboard_views.national, name="dashboard-national"),
    path("dashboard/<slug:slug>/", dashboard_views.region, name="dashboard-region"),
    path("dashboard/<slug:slug>/tasks/<int:pk>/", dashboard_views.task, name="dashboard-task"),
    path(
        "dashboard/<slug:slug>/municipalities/<slug:municipality_slug>/",
        dashboard_views.municipality,
        name="dashboard-municipality",
    ),
    path("reports/", report_views.index, name="reports-index"),
    path("reports/<slug:slug>/<int:year>/", report_views.review, name="reports-review"),
    path(
        "reports/<slug:slug>/<int:year>.pdf", report_views.review_pdf_download, name="reports-pdf"
    ),
    path(
        "reports/<slug:slug>/<int:year>/pdf/<int:pk>/",
        report_views.review_pdf_prepared,
        name="reports-pdf-prepared",
    ),
    path(
        "reports/<slug:slug>/<int:year>.xlsx",
        report_views.review_xlsx_download,
        name="reports-xlsx",
    ),
    path(
        "reports/<slug:slug>/<int:year>/finalise/", report_views.finalise, name="reports-finalise"
    ),
    path(
        "reports/<slug:slug>/<int:year>/versions/<int:pk>.pdf",
        report_views.version,
        name="reports-version",
    ),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
