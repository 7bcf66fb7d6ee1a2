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


def pytest_collection_modifyitems(items):
    # Browser tests use a live server, whose transactional teardown empties the database:
    # they run last so the other tests keep the loaded programmes.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
