import os
import uuid

import pytest

from programmes.fixture_loader import programmes_load
from tests.database_copy import DatabaseCopy, database_copy, database_restore
from tests.smtp import smtp_server  # noqa: F401 - a fixture for every test module

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


_loaded: list[DatabaseCopy] = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the published programmes, loaded once from fixtures/ and kept
    as a copy for the tests that empty the database (`published_data`)."""
    with django_db_blocker.unblock():
        programmes_load()
        _loaded.append(database_copy())


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The real hasher's deliberate slowness is no test of ours.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def page_cache_in_memory(settings):
    """The read pages' caches (reports/page_cache.py), the shared one and the process's own,
    in this process's memory, not in var/cache beside a developer's own, and empty for each
    test: a test's data is rolled back without a commit, so no new data version would tell the
    next test's pages from this one's. tests/test_page_cache.py also runs it on shared files."""
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{alias}-{uuid.uuid4().hex}",
        }
        for alias in ("default", "local")
    }


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks run inside the request that asks for them (Django's own immediate
    backend), so a test of a PDF gets the PDF. tests/test_review_pdf_worker.py runs the real
    database queue with its worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def task_queue(settings):
    """The database queue of production; `run_worker()` runs what it holds, as db_worker does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def published_data(transactional_db):
    """For live-server tests: each one ends by emptying the database, so the session's copy of
    the loaded programmes is put back if needed (tests/test_load_programmes.py proves the
    loader itself)."""
    from programmes.models import Programme

    if not Programme.objects.exists():
        database_restore(_loaded[0])


@pytest.fixture(scope="session")
def latgale_2014_words(django_db_setup, django_db_blocker, tmp_path_factory):
    """The words of Latgale's 2014 review PDF (the largest), as `manage.py annual_review`
    writes it, made once for the session: for the tests of the seeds' corrections."""
    from django.core.management import call_command

    from tests.pdf import pdf_text, words

    path = tmp_path_factory.mktemp("review") / "latgale-2014.pdf"
    with django_db_blocker.unblock():
        call_command("annual_review", "latgale", "2014", "--format", "pdf", "--output", str(path))
    return words(pdf_text(path.read_bytes()))


@pytest.fixture(scope="session")
def zemgale_2014_pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    """Zemgale's 2014 review as `manage.py annual_review` writes the PDF, made once for the
    session in the test database (django_db_setup: never the real one); for
    tests/test_annual_review.py and tests/test_review_document.py."""
    from django.core.management import call_command

    path = tmp_path_factory.mktemp("review") / "zemgale-2014.pdf"
    with django_db_blocker.unblock():
        call_command("annual_review", "zemgale", "2014", "--format", "pdf", "--output", str(path))
    return path.read_bytes()


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


class People:
    """The named users of the tests, each with one role (see STYLE.md)."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        from monitoring.models import Membership
        from municipalities.models import Municipality, PlanningRegion

        User = get_user_model()
        zemgale = PlanningRegion.objects.get(slug="zemgale")
        latgale = PlanningRegion.objects.get(slug="latgale")

        def person(username, role, region=None, municipality=None):
            user = User.objects.create_user(username, password="parole-123456")
            Membership.objects.create(
                user=user, role=role, region=region, municipality=municipality
            )
            return user

        self.jelgava = Municipality.resolve("Jelgava", year=2015)
        self.dobele = Municipality.resolve("Dobeles novads", year=2015)
        self.jelgava_staff = person("dienests-jelgava", "staff", municipality=self.jelgava)
        self.dobele_staff = person("dienests-dobele", "staff", municipality=self.dobele)
        self.zemgale_coordinator = person("koordinators-zemgale", "coordinator", region=zemgale)
        self.latgale_coordinator = person("koordinators-latgale", "coordinator", region=latgale)
        self.zemgale_council = person("padome-zemgale", "council", region=zemgale)
        self.national = person("ministrija", "national")


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def zemgale_round(people):
    """Zemgale's reporting year 2015, opened by its coordinator, due in a month. The tasks of
    goal 1 count services here, so that the tests can enter numbers: Zemgale's own tasks count
    nothing (monitoring/questions.py)."""
    import datetime

    from django.utils import timezone

    from monitoring import services
    from programmes.models import Programme

    zemgale = Programme.objects.get(slug="zemgale")
    zemgale.nodes.filter(code__startswith="1.").update(unit="pakalpojumi")
    return services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        by=people.zemgale_coordinator,
    )


@pytest.fixture
def jelgava_submission(zemgale_round, people):
    return zemgale_round.submissions.get(municipality=people.jelgava)


# --- the submission workbook tests' own report (tests/test_submission_workbook_*.py) -------
# Their users are their own, not People's, and their Zemgale round of 2015 is opened here, so
# `submission` does not go with `zemgale_round` or `jelgava_submission` in one test.


@pytest.fixture
def jelgava():
    from municipalities.models import Municipality

    return Municipality.resolve("Jelgava", year=2015)


@pytest.fixture
def jelgava_staff(jelgava):
    from tests.workbooks import _person

    return _person("darbiniece-jelgava", "staff", municipality=jelgava)


@pytest.fixture
def submission(jelgava):
    """Jelgava's 2015 report, with task 1.1 and the social budget already saved."""
    from decimal import Decimal

    from monitoring.models import ProgressEntry, Status, Submission
    from municipalities.models import YearlyFigures
    from programmes.models import Programme
    from tests.workbooks import _open_round, _person

    coordinator = _person("koordinatore-zemgale", "coordinator", region=jelgava.region)
    zemgale = Programme.objects.get(slug="zemgale")
    zemgale.nodes.filter(code__startswith="1.").update(unit="pakalpojumi")
    submission = Submission.objects.create(
        round=_open_round(zemgale, 2015, coordinator), municipality=jelgava
    )
    ProgressEntry.objects.create(
        node=zemgale.nodes.get(code="1.1"),
        municipality=jelgava,
        year=2015,
        status=Status.IMPROVED,
        narrative="Atvērts dienas centrs.\r\nStrādā 5 dienas nedēļā.",
        quantity=2,
    )
    YearlyFigures.objects.create(municipality=jelgava, year=2015, social_budget=Decimal("1000"))
    return submission
