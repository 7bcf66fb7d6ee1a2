"""/municipalities/: the public register and each municipality's page (see municipality_views)."""

from django.urls import path

from reports import municipality_views as views

app_name = "municipalities"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]
