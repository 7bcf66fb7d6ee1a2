"""The accounts: a region's people, invitations, a person's settings, setting a password
through an e-mailed link. (monitoring/urls.py is the project's root URLconf.)"""

from django.urls import path

from monitoring import accounts

app_name = "accounts"

urlpatterns = [
    path("people/", accounts.index, name="index"),
    path("people/<slug:slug>/", accounts.people_list, name="people"),
    path("people/<slug:slug>/invite/", accounts.invite, name="invite"),
    path("people/<slug:slug>/<int:pk>/deactivate/", accounts.deactivate, name="deactivate"),
    path("people/<slug:slug>/<int:pk>/reactivate/", accounts.reactivate, name="reactivate"),
    path("settings/", accounts.my_settings, name="settings"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        accounts.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
