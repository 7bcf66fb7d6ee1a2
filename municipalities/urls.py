from django.urls import path

from municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]
