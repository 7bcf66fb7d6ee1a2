"""Settings come from the environment, and production mode refuses unsafe defaults."""

import os
import subprocess
import sys

from django.conf import settings

IMPORT_SETTINGS = "import monitoring.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"


def _import_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "EMAIL_HOST"}
    }
    return subprocess.run(
        [sys.executable, "-c", IMPORT_SETTINGS],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_without_a_secret_key_it_serves_this_machine_alone():
    result = _import_settings(ALLOWED_HOSTS="monitoring.example.lv")
    assert result.returncode != 0
    assert "SECRET_KEY must be set to serve other hosts than this machine's" in result.stderr


def test_it_refuses_to_start_in_production_without_allowed_hosts():
    result = _import_settings(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production (SECRET_KEY is set)." in result.stderr


def test_production_refuses_debug_pages():
    result = _import_settings(DEBUG="1", SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.lv")
    assert result.returncode != 0
    assert "DEBUG cannot be on in production" in result.stderr


def test_production_refuses_to_start_without_a_mail_server():
    result = _import_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.lv")
    assert result.returncode != 0
    assert "EMAIL_HOST must be set in production (SECRET_KEY is set)." in result.stderr


def test_it_starts_in_production_mode_when_configured():
    result = _import_settings(
        DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.lv,b.lv", EMAIL_HOST="smtp.a.lv"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['a.lv', 'b.lv']"


def test_a_malformed_boolean_is_an_error():
    result = _import_settings(DEBUG="maybe")
    assert "DEBUG must be a boolean" in result.stderr


def test_a_local_run_shows_no_debug_pages_unless_asked():
    result = _import_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['127.0.0.1', 'localhost', '[::1]']"
    asked = _import_settings(DEBUG="1")
    assert asked.stdout.startswith("True")


def test_latvian_is_the_default_language():
    assert settings.LANGUAGE_CODE == "lv"
    assert [code for code, _ in settings.LANGUAGES] == ["lv", "en"]


def test_the_suite_runs_on_the_database_it_was_given():
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def test_the_page_cache_on_files_is_djangos_compressed_fastest():
    """A `file://` CACHE_URL (the default) is Django's file cache with the fastest
    compression (monitoring/cache.py); another URL keeps the backend it names."""
    shown = "import monitoring.settings as s; print(s.CACHES['default']['BACKEND'])"
    for url, backend in (
        ("file:///tmp/pages", "monitoring.cache.FileCache"),
        ("", "monitoring.cache.FileCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("db://page_cache", "django.core.cache.backends.db.DatabaseCache"),
    ):
        result = subprocess.run(
            [sys.executable, "-c", shown],
            env={**os.environ, "CACHE_URL": url},
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == backend, url
