from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from municipalities import views as municipality_views
from programmes import views as programme_views

urlpatterns = [
    path("", programme_views.index, name="programmes-index"),
    path("programmes/<slug:slug>/", programme_views.detail, name="programmes-detail"),
    path("municipalities/", municipality_views.index, name="municipalities-index"),
    path("municipalities/<slug:slug>/", municipality_views.detail, name="municipalities-detail"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
