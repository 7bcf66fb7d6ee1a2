import os

import pytest

from programmes.loading import programmes_load

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the published programmes, loaded once from fixtures/."""
    with django_db_blocker.unblock():
        programmes_load()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The real hasher's deliberate slowness is no test of ours.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def published_data(transactional_db):
    """For live-server tests: each one ends by emptying the database, so reload if needed."""
    from programmes.models import Programme

    if not Programme.objects.exists():
        programmes_load()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser tab. The pages must work under their Content-Security-Policy: any
    violation Chromium reports fails the test (the axe-core test alone may bypass it, to
    inject axe)."""
    bypass = request.node.get_closest_marker("bypass_csp") is not None
    context = browser.new_context(
        locale="lv-LV", viewport={"width": 1280, "height": 900}, bypass_csp=bypass
    )
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not violations, violations


def pytest_collection_modifyitems(items):
    # Tests in real transactions (live server, threads) end by emptying the database: they
    # run last so the other tests keep the loaded programmes; they reload what they need.
    def transactional(item) -> bool:
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction"))

    items.sort(key=transactional)
