"""Production settings, security headers, login throttling and static analysis."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "monitoring.example.lv",
    "EMAIL_HOST": "smtp.example.lv",
}


def _manage(*args, **env):
    # The test run's own DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright) is no production setting.
    skip = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_secure():
    code = (
        "import monitoring.settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **PRODUCTION},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.split() == ["True", "True", "True", "True"]


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("programmes:index"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_logins_are_throttled_after_five_failures(client, people):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "dienests-jelgava", "password": "nepareiza"})
        assert response.status_code == 200
        assert "Lūgums ievadīt pareizu lietotājvārds un paroli" in response.content.decode()
    response = client.post(url, {"username": "dienests-jelgava", "password": "nepareiza"})
    assert response.status_code == 429
    assert "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu" in response.content.decode()
    # Even the right password is refused while locked out.
    response = client.post(url, {"username": "dienests-jelgava", "password": "parole-123456"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_validators_are_on():
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]


def test_bandit_finds_no_medium_or_high_issue():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "--quiet",
            "--recursive",
            "--severity-level",
            "medium",
            "--exclude",
            "*/migrations/*",
            "monitoring",
            "programmes",
            "municipalities",
            "reports",
        ],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_template_styles_an_element_inline():
    """The Content-Security-Policy (style-src 'self') blocks style attributes: a template that
    uses one renders unstyled in the browser (the browser tests catch it too, more slowly)."""
    templates = sorted((settings.BASE_DIR / "templates").rglob("*.html"))
    offenders = [str(t) for t in templates if 'style="' in t.read_text(encoding="utf-8")]
    assert templates and offenders == []
