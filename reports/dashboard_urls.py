"""The dashboards (/dashboard/): the season at a glance and its drill-downs."""

from django.urls import path

from reports import dashboard_views as views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("all/", views.national, name="national"),
    path("<slug:slug>/", views.region, name="region"),
    path("<slug:slug>/tasks/<int:pk>/", views.task, name="task"),
    path(
        "<slug:slug>/municipalities/<slug:municipality_slug>/",
        views.municipality,
        name="municipality",
    ),
]
