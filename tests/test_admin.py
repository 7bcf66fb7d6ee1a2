"""Every model has a working admin list and form, in Latvian."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"municipalities", "programmes", "monitoring"}


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admins", password="x")
    client.force_login(user)
    return client


def _project_models():
    return [m for m in admin.site._registry if m._meta.app_label in PROJECT_APPS]


def test_every_project_model_is_registered():
    from django.apps import apps

    registered = set(_project_models())
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                assert model in registered, model


@pytest.mark.parametrize("model", _project_models(), ids=lambda m: m.__name__)
def test_changelist_and_add_form_work(admin_client, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    assert 'lang="lv"' in changelist.content.decode()
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    # Kept unsaved input and the e-mail log are the app's alone: the admin reads them.
    assert add.status_code == (403 if model.__name__ in {"FormDraft", "Message"} else 200)


def test_node_changelist_searches_and_filters(admin_client):
    url = reverse("admin:programmes_programmenode_changelist")
    response = admin_client.get(url, {"q": "uzticības telefons"})
    assert "Vienots uzticības telefons visām reģiona pašvaldībām." in response.content.decode()
    response = admin_client.get(url, {"kind__exact": "strategic_goal"})
    assert response.context["cl"].result_count == 5


def test_node_changelist_lists_codes_naturally(admin_client):
    url = reverse("admin:programmes_programmenode_changelist")
    zemgale = admin_client.get(url, {"programme__id__exact": _zemgale_id(), "all": ""})
    codes = [node.code for node in zemgale.context["cl"].result_list]
    assert codes.index("1.9") < codes.index("1.10")


def _zemgale_id():
    from programmes.models import Programme

    return Programme.objects.get(slug="zemgale").pk


def test_the_prepared_pdfs_can_be_read_but_not_added(admin_client):
    from programmes.models import Programme
    from reports.models import ReviewPdf

    prepared = ReviewPdf.objects.create(
        programme=Programme.objects.get(slug="zemgale"),
        year=2014,
        html_sha256="a" * 64,
        requested_at="2026-11-23T10:00:00Z",
        error="OSError: disk full",
    )
    changelist = admin_client.get(reverse("admin:reports_reviewpdf_changelist"))
    assert "OSError: disk full" in changelist.content.decode()
    assert admin_client.get(reverse("admin:reports_reviewpdf_add")).status_code == 403
    detail = admin_client.get(reverse("admin:reports_reviewpdf_change", args=[prepared.pk]))
    assert detail.status_code == 200
