"""Refusals and faults answer with Latvian pages in the site's layout, with a way back, never
with a debug page: what a person sees under `make run` is what production users see."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

pytestmark = pytest.mark.django_db

HOME = reverse("programmes:index")


def _is_site_page(html: str) -> bool:
    return 'class="site-header"' in html and f'href="{HOME}"' in html


def _no_debug_page(html: str) -> bool:
    return "Traceback" not in html and "URLconf" not in html and "DEBUG = True" not in html


def test_an_unknown_address_is_a_latvian_404_with_a_way_back(client):
    response = client.get("/nav-tadas-lapas/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Lapa nav atrasta</h1>" in html
    assert _is_site_page(html) and _no_debug_page(html)
    assert reverse("login") in html  # some pages open only after logging in


def test_a_report_someone_may_not_see_is_the_same_404(client, people, jelgava_submission):
    client.force_login(people.dobele_staff)
    response = client.get(jelgava_submission.get_absolute_url())
    assert response.status_code == 404
    assert "<h1>Lapa nav atrasta</h1>" in response.content.decode()


def _request():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def test_a_refusal_is_a_latvian_403():
    request = _request()
    html = defaults.permission_denied(request, PermissionDenied()).content.decode()
    assert "<h1>Piekļuve liegta</h1>" in html
    assert _is_site_page(html) and _no_debug_page(html)


def test_a_request_for_another_host_is_a_latvian_400():
    response = Client(raise_request_exception=False).get(HOME, HTTP_HOST="citur.example")
    assert response.status_code == 400
    assert "<h1>Pieprasījumu nevar saprast</h1>" in response.content.decode()


def test_a_fault_is_a_latvian_500_that_asks_to_try_again():
    response = defaults.server_error(_request())
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Radās kļūda</h1>" in html and "Mēģiniet vēlreiz" in html
    assert _is_site_page(html) and _no_debug_page(html)


def test_a_form_without_its_csrf_token_is_a_latvian_403():
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "x", "password": "y"}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Veidlapas derīgums ir beidzies</h1>" in html
    assert _is_site_page(html) and _no_debug_page(html)
