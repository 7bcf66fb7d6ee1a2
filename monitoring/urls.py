"""The root URLconf: each app's URLs under its namespace, login, languages and the admin.

Apps are included by name, so this module imports none of them.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("programmes.urls")),
    path("municipalities/", include("reports.municipality_urls")),
    path("projects/", include("reports.project_urls")),
    path("", include("monitoring.reporting_urls")),
    path("", include("monitoring.accounts_urls")),
    path("dashboard/", include("reports.dashboard_urls")),
    path("reports/", include("reports.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
