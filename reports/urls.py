"""The annual implementation reviews (/reports/): page, PDF, workbook, final versions."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/<int:year>/", views.review, name="review"),
    path("<slug:slug>/<int:year>.pdf", views.review_pdf_download, name="pdf"),
    path("<slug:slug>/<int:year>/pdf/<int:pk>/", views.review_pdf_prepared, name="pdf-prepared"),
    path("<slug:slug>/<int:year>.xlsx", views.review_xlsx_download, name="xlsx"),
    path("<slug:slug>/<int:year>/finalise/", views.finalise, name="finalise"),
    path("<slug:slug>/<int:year>/versions/<int:pk>.pdf", views.version, name="version"),
    path(
        "<slug:slug>/<int:year>/versions/<int:pk>/decision/",
        views.version_decision,
        name="version-decision",
    ),
]
