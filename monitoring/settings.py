"""One settings module, driven by environment variables with safe local defaults.

Two modes, told apart by whether the environment gives a SECRET_KEY:
- local (no SECRET_KEY: `make run`, the tests): a development key, this machine's host names
  only, plain HTTP; demo users may be created;
- production (SECRET_KEY given): ALLOWED_HOSTS is required and the site is HTTPS-only.
DEBUG (Django's debug pages) is off in both unless a developer asks for it with DEBUG=1, which
production refuses: what a person sees under `make run` is what production users see.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django
import django_cache_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

SECRET_KEY = os.environ.get("SECRET_KEY", "")
LOCAL = not SECRET_KEY
DEBUG = env_bool("DEBUG", False)

if LOCAL:
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)
    if set(ALLOWED_HOSTS) - set(LOCAL_HOSTS):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to serve other hosts than this machine's (ALLOWED_HOSTS)."
        )
else:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG cannot be on in production (SECRET_KEY is set).")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (SECRET_KEY is set).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # the admin's widget templates include Django's own (FORM_RENDERER)
    # django-axes and django-tasks-db under Latvian names (monitoring/third_party_apps.py).
    "monitoring.third_party_apps.AxesConfig",
    "csp",
    "import_export",
    "simple_history",
    "django_tasks",
    "monitoring.third_party_apps.TasksDatabaseConfig",
    "municipalities",
    "programmes",
    "monitoring",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "monitoring.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes counts failed logins per user name and address and refuses after the limit.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy, set AXES_IPWARE_META_PRECEDENCE_ORDER to the proxy's header.

# Everything the pages use comes from this origin; the SVG charts are inline markup, not
# styles or scripts, so no 'unsafe-inline' is needed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

ROOT_URLCONF = "monitoring.urls"

# Form widgets are drawn by Jinja2 from Django's own Jinja2 widget templates (django/forms/jinja2),
# about twice as fast as the Django template language: the entry form draws hundreds of them.
# templates/jinja2 holds our Jinja2 templates: a faster select.html, the entry form's task rows
# and the long repeated rows of the annual review and the dashboard (each drawn by a tag through
# monitoring/jinja2.py render_rows). The Jinja2 engine holds those alone and comes first, so a
# widget template is found there; every page template, and the admin's own widgets, are the
# Django engine's.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [
            BASE_DIR / "templates" / "jinja2",
            Path(django.__file__).resolve().parent / "forms" / "jinja2",
        ],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "monitoring.jinja2.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "monitoring.context_processors.roles",
            ],
        },
    },
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "monitoring.wsgi.application"
ASGI_APPLICATION = "monitoring.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # A kept connection is checked before each request reuses it: one that died with a
        # database restart is replaced instead of failing the request.
        conn_health_checks=True,
    )
}

# The cache of the read pages (reports/page_cache.py). Every app server must share it: Django's
# own Redis (redis://host:6379/0) or database (db://table_name, after `manage.py
# createcachetable`) backends. The default, files under var/cache, is shared by the processes
# of one machine (the web server, the worker, a fixture load), as `make run` needs.
CACHES = {
    "default": django_cache_url.parse(
        os.environ.get("CACHE_URL") or f"file://{BASE_DIR / 'var' / 'cache'}"
    ),
    # Each process's own copy of the pages it served lately, under keys that hold the shared
    # data version (reports/page_cache.py): never read after a write on any server. A review
    # of the largest programme takes about 1 MiB.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "64"))},
    },
}
# Files: Django's file cache, compressed at zlib's fastest level (monitoring/cache.py).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    CACHES["default"]["BACKEND"] = "monitoring.cache.FileCache"
# Entries of an old data version are never read again; this is how long they take space.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 3600)))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the background worker share the file: write-ahead logging lets
    # readers go on while one writes, and a writer waits for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The history keeps a return comment or a reopening's reason as its change reason: those run to
# 5000 characters, past simple-history's default of 100 (which PostgreSQL enforces).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Background work (laying out review PDFs) goes through Django's task framework (the
# django-tasks backport of Django 6's django.tasks); the database backend keeps the queue in
# our own database and `manage.py db_worker` runs it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A PDF still not made after this long (a worker stopped mid-way) is asked for again;
# REVIEW_PDF_RETRY_MINUTES may be fractional (scripts/faults.py shortens it to seconds).
REVIEW_PDF_RETRY_AFTER = timedelta(minutes=float(os.environ.get("REVIEW_PDF_RETRY_MINUTES", "10")))
# A review whose HTML is at most this many bytes gets its PDF made in the request that asks for
# it, without the waiting page: WeasyPrint's time grows with the HTML, about 1.5 s for 55 KB
# (Zemgale 2014, Kurzeme 2011) and 10 s for 530 KB (Latgale 2014) on 2 shared cores
# (docs/benchmarks.md), so 80 KB is about two seconds. Larger ones go to the worker.
REVIEW_PDF_AT_ONCE_MAX_BYTES = int(os.environ.get("REVIEW_PDF_AT_ONCE_MAX_BYTES", "80000"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's own, its Latvian put right (monitoring/passwords.py).
    {"NAME": "monitoring.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "lv"
LANGUAGES = [
    ("lv", _("Latvian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

LOGIN_URL = "login"

# Sessions are read from the cache (CACHES above) and written through to the database: a
# logged-in page reads its session without a query, and a session outlives a cleared cache.
# Several app servers share the cache (README), so a logout on one ends the session on all.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Production is served over HTTPS only; a local run speaks plain HTTP to this machine.
SESSION_COOKIE_SECURE = not LOCAL
CSRF_COOKIE_SECURE = not LOCAL
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if LOCAL else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not LOCAL
SECURE_HSTS_PRELOAD = not LOCAL
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Uploads (Excel workbooks) are read in memory up to this size; the workbook view refuses
# larger files with its own message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
LOGIN_REDIRECT_URL = "monitoring:start"
LOGOUT_REDIRECT_URL = "programmes:index"

# --- e-mail (monitoring/mail.py) ----------------------------------------------------------
# Django's own settings, from the environment. With EMAIL_HOST given, messages go by SMTP;
# without it, a local run writes each message as a file under var/mail/ (MAIL_DIR), and
# production (SECRET_KEY set) refuses to start rather than lose them.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "uzraudziba@localhost")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif LOCAL:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(os.environ.get("MAIL_DIR", BASE_DIR / "var" / "mail"))
else:
    raise ImproperlyConfigured("EMAIL_HOST must be set in production (SECRET_KEY is set).")
# The address of the site in the links of the e-mail.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
