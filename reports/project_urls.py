"""/projects/: a project's own page (see project_views)."""

from django.urls import path

from reports import project_views as views

app_name = "projects"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]
