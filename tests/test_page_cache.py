"""The read pages' cache (reports/page_cache.py) is never stale: each kind of write makes the
next read show it, on every app server that shares the cache; what a reader may see is part of
the key; a page served from the cache runs a fixed, small number of queries.

The writes here commit for real (a transactional test), as they do in production: a write
inside a transaction that has not committed is seen by no other reader, and that test's own
reads bypass the cache."""

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import zlib

import pytest
import tablib
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from monitoring import services
from monitoring.models import Submission
from monitoring.resources import ProgressEntryResource
from programmes.fixture_loader import FIXTURES_DIR, programmes_load
from programmes.models import Programme, ProgrammeNode
from reports import page_cache
from reports.services import review_version_decision_record
from tests.factories import review_version_create

pytestmark = pytest.mark.django_db(transaction=True)

NEW_WORDS = "Pārbaudes teksts, kas parādās pēc ieraksta"


@pytest.fixture
def shared_files(settings, tmp_path):
    """The cache on files, as two processes of one machine (or servers on a shared volume),
    the app's backend (monitoring/cache.py); the tests' other servers read it with Django's."""
    settings.CACHES = {
        "default": {
            "BACKEND": "monitoring.cache.FileCache",
            "LOCATION": str(tmp_path / "cache"),
        },
        "local": settings.CACHES["local"],
    }
    return tmp_path / "cache"


def _get(client, user, url, **query) -> str:
    client.force_login(user)
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _review(client, user, slug="zemgale", year=2014) -> str:
    return _get(client, user, reverse("reports:review", args=[slug, year]))


def _dashboard(client, user, slug="zemgale", **query) -> str:
    return _get(client, user, reverse("dashboard:region", args=[slug]), **query)


def _warm(read) -> str:
    """Read twice: the first read stores the page's cached part, the second is served from it
    (the rest of the page, e.g. its CSRF token, is made for each request)."""
    read()
    return read()


# --- What is a write ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "changes"),
    [
        ('INSERT INTO "monitoring_progressentry" ("node_id") VALUES (%s)', True),
        ('UPDATE "programmes_programme" SET "title" = %s', True),
        ('DELETE FROM "monitoring_submission" WHERE "id" = %s', True),
        ("TRUNCATE django_session, monitoring_progressentry", True),
        ('INSERT OR IGNORE INTO "municipalities_municipality" ("name") VALUES (%s)', True),
        ('SELECT "id" FROM "monitoring_progressentry"', False),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
        ('INSERT INTO "monitoring_formdraft" ("data") VALUES (%s)', False),
        ('DELETE FROM "axes_accessattempt"', False),
        ("SAVEPOINT s1", False),
        ('UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s', False),
        ('UPDATE "auth_user" SET "first_name" = %s WHERE "auth_user"."id" = %s', True),
        ('UPDATE "auth_user" SET "last_login" = %s, "first_name" = %s WHERE "id" = %s', True),
    ],
)
def test_a_write_is_told_from_a_read(sql, changes):
    assert page_cache.changes_pages(sql) is changes


# --- Served from the cache ---------------------------------------------------------------------


def test_a_page_from_the_cache_runs_a_fixed_number_of_queries(published_data, client, people):
    review_url = reverse("reports:review", args=["latgale", 2014])
    dashboard_url = reverse("dashboard:region", args=["latgale"])
    client.force_login(people.national)
    for url, expected in ((review_url, 3), (dashboard_url, 3)):
        client.get(url)  # computed and stored
        with CaptureQueriesContext(connection) as hit:
            assert client.get(url).status_code == 200
        # The user, the roles and the programme (the session comes from the cache, the review's
        # final versions beside its document, the dashboard's years with its body): none
        # scales with the data.
        assert len(hit) == expected, [q["sql"] for q in hit]


def test_the_cached_parts_do_not_grow_with_the_data(published_data, client, people):
    """Latgale (157 tasks, 1 370 entries) and Zemgale (much smaller) run the same queries."""
    client.force_login(people.national)
    counts = []
    for slug, year in (("zemgale", 2014), ("latgale", 2014)):
        url = reverse("reports:review", args=[slug, year])
        client.get(url)
        with CaptureQueriesContext(connection) as hit:
            client.get(url)
        counts.append(len(hit))
    assert counts[0] == counts[1]


def test_the_coordinators_review_from_the_cache_reads_only_where_it_stands(
    published_data, client, people
):
    """The coordinator's forms beside the cached document read the review's standing (its
    texts, verdicts and approvals), not the whole review: the same queries for Zemgale as for
    Latgale, none of them over the entries."""
    counts = []
    for coordinator, slug in (
        (people.zemgale_coordinator, "zemgale"),
        (people.latgale_coordinator, "latgale"),
    ):
        client.force_login(coordinator)
        url = reverse("reports:review", args=[slug, 2014])
        client.get(url)
        with CaptureQueriesContext(connection) as hit:
            page = client.get(url)
        assert page.status_code == 200
        assert 'name="introduction"' in page.content.decode()
        assert not [q for q in hit if "monitoring_progressentry" in q["sql"]]
        counts.append(len(hit))
    # The reader's 3 (the session and the final versions come from the cache), and the year's
    # municipalities, reporting round (2014 has none, so no submissions), verdicts, policy
    # results and texts.
    assert counts == [8, 8]


def test_the_coordinators_review_on_a_miss_reads_where_it_stands_once(
    published_data, client, people
):
    """On a miss the page gathers the whole review for its document; the coordinator's forms
    read that review, not a second copy of its texts and approvals."""
    client.force_login(people.latgale_coordinator)
    with CaptureQueriesContext(connection) as miss:
        page = client.get(reverse("reports:review", args=["latgale", 2014]))
    assert page.status_code == 200
    assert 'name="introduction"' in page.content.decode()
    assert len([q for q in miss if 'FROM "reports_reviewtext"' in q["sql"]]) == 1


# --- Each kind of write, then the next read ----------------------------------------------------


def test_a_save_shows_on_the_next_read(published_data, client, people):
    _warm(lambda: _review(client, people.zemgale_council))
    client.force_login(people.zemgale_coordinator)
    page = _review(client, people.zemgale_coordinator)
    assert NEW_WORDS not in page
    form = {name: "" for name in ("introduction", "assessment", "next_steps")} | {
        "conclusions": NEW_WORDS
    }
    response = client.post(reverse("reports:review", args=["zemgale", 2014]), form)
    assert response.status_code == 302

    assert NEW_WORDS in _review(client, people.zemgale_council)


def test_a_final_version_and_its_decision_show_on_the_next_read(published_data, client, people):
    """The review's final versions are cached beside its document: a finalisation and the
    council's decision on it are each on the next read."""
    assert "Galīgā versija" not in _warm(lambda: _review(client, people.zemgale_council))
    version = review_version_create(
        Programme.objects.get(slug="zemgale"), by=people.zemgale_coordinator
    )
    page = _warm(lambda: _review(client, people.zemgale_council))
    assert "Galīgā versija" in page and "lēmums Nr." not in page
    review_version_decision_record(
        version=version,
        by=people.zemgale_coordinator,
        date=timezone.localdate(),
        number="7/2026",
    )
    assert "lēmums Nr. 7/2026" in _review(client, people.zemgale_council)


def test_a_new_years_entry_adds_the_year_to_the_dashboards_years(published_data, client, people):
    """The dashboard's years are cached with its body: the first entry of a year offers it."""
    from monitoring.models import ProgressEntry, Status

    def offered() -> set[int]:
        page = _dashboard(client, people.zemgale_council)
        return {int(year) for year in re.findall(r'<option value="(\d{4})"', page)}

    assert 2016 not in _warm(offered)
    zemgale = Programme.objects.get(slug="zemgale")
    ProgressEntry.objects.create(
        node=zemgale.nodes.get(code="1.1"),
        municipality=people.jelgava,
        year=2016,
        status=Status.IMPROVED,
        narrative=NEW_WORDS,
    )
    assert 2016 in offered()


def test_a_transition_shows_on_the_next_read(published_data, client, people, zemgale_round):
    submission = zemgale_round.submissions.get(municipality=people.jelgava)
    label = str(Submission.State.SUBMITTED.label)
    before = _warm(lambda: _dashboard(client, people.zemgale_council, year=2015))
    nodes = services.reportable_nodes(zemgale_round.programme)
    saved = services.submission_save(
        submission=submission,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(entries={n.pk: {"status": "implemented"} for n in nodes}),
    )
    services.submission_submit(submission=saved, by=people.jelgava_staff)

    after = _dashboard(client, people.zemgale_council, year=2015)
    assert after != before
    assert after.count(f"✔</span> {label}") == before.count(f"✔</span> {label}") + 1


def test_an_import_shows_on_the_next_read(published_data, client, people):
    _warm(lambda: _review(client, people.zemgale_council))
    headers = list(ProgressEntryResource.Meta.fields)
    rows = [("zemgale", 2014, "", "1.11", "izpildīts", NEW_WORDS, None, None)]
    dataset = tablib.Dataset(*rows, headers=headers)
    result = ProgressEntryResource().import_data(
        tablib.Dataset().load(dataset.export("xlsx"), format="xlsx")
    )
    assert not result.has_errors() and not result.has_validation_errors()

    assert NEW_WORDS in _review(client, people.zemgale_council)


def test_a_fixture_load_shows_on_the_next_read(published_data, client, people, tmp_path):
    _warm(lambda: _dashboard(client, people.zemgale_council))
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    path = fixtures / "programmes" / "zemgale" / "programme.json"
    data = json.loads(path.read_text())
    data["programme"]["title"] = NEW_WORDS
    path.write_text(json.dumps(data, ensure_ascii=False))
    programmes_load(fixtures_dir=fixtures)

    assert NEW_WORDS in _dashboard(client, people.zemgale_council)


def test_an_admin_edit_shows_on_the_next_read(published_data, client, people):
    _warm(lambda: _review(client, people.zemgale_council))
    node = ProgrammeNode.objects.get(programme__slug="zemgale", code="1.2")
    admin = type(people.national).objects.create_superuser("admin", password="parole-123456")
    client.force_login(admin)
    url = reverse("admin:programmes_programmenode_change", args=[node.pk])
    page = client.get(url).context
    form = page["adminform"].form
    data = {name: _posted(form[name].value()) for name in form.fields}
    for inline in page["inline_admin_formsets"]:  # as the page gives them, unchanged
        formset = inline.formset
        management = formset.management_form
        data |= {
            management.add_prefix(n): _posted(management[n].value()) for n in management.fields
        }
        for each in formset.forms:
            data |= {each.add_prefix(n): _posted(each[n].value()) for n in each.fields}
    data["title"] = NEW_WORDS
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]

    assert NEW_WORDS in _review(client, people.zemgale_council)


def _posted(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return value


# --- What a reader may see ---------------------------------------------------------------------


def test_language_and_the_coordinators_links_are_part_of_the_key(published_data, client, people):
    coordinator = _warm(lambda: _dashboard(client, people.zemgale_coordinator, year=2014))
    council = _dashboard(client, people.zemgale_council, year=2014)
    assert coordinator != council
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("dashboard:region", args=["zemgale"]), {"year": 2014})
    with translation.override("en"):
        heading = translation.gettext("Who has reported")
    assert heading in english.content.decode() and heading not in council


def test_an_uncommitted_write_is_read_only_by_its_own_transaction(published_data, client, people):
    from django.db import transaction

    cached = _warm(lambda: _review(client, people.zemgale_council))
    with transaction.atomic():
        ProgrammeNode.objects.filter(programme__slug="zemgale", code="1.2").update(title=NEW_WORDS)
        assert NEW_WORDS in _review(client, people.zemgale_council)  # computed, not stored
        transaction.set_rollback(True)
    assert NEW_WORDS not in _review(client, people.zemgale_council)
    assert NEW_WORDS not in cached


# --- Every app server at once --------------------------------------------------------------------


def test_a_write_on_one_server_reaches_the_others(published_data, shared_files):
    """Two servers: two cache clients on one shared location; the token one gives, the other
    reads."""
    from django.core.cache.backends.filebased import FileBasedCache

    other = FileBasedCache(str(shared_files), {})
    key = page_cache._version_key()
    page_cache._version()
    before = other.get(key)
    Programme.objects.filter(slug="zemgale").update(title=NEW_WORDS)
    assert other.get(key) not in (None, before)
    assert caches["default"].get(key) == other.get(key)


def test_a_page_on_files_is_compressed_fastest_in_djangos_format(
    published_data, client, people, shared_files
):
    """The page cache's files (monitoring/cache.py) are Django's file cache entries, compressed
    at zlib's fastest level: Django's own backend reads them as they are."""
    from django.core.cache.backends.filebased import FileBasedCache

    page = _warm(lambda: _review(client, people.zemgale_council))
    values = []
    for path in shared_files.glob("*.djcache"):
        with path.open("rb") as file:
            pickle.load(file)  # noqa: S301  # the expiry, in files this test wrote
            content = file.read()
        assert content[:2] == b"\x78\x01"  # zlib's header at its fastest level
        values.append(pickle.loads(zlib.decompress(content)))  # noqa: S301
    # The review's body is among the entries (beside its final versions), as the page shows it.
    assert any(
        isinstance(value, tuple) and len(value[0]) > 1000 and value[0] in page for value in values
    )
    django_reads = FileBasedCache(str(shared_files), {})
    key = page_cache._version_key()
    assert django_reads.get(key) == caches["default"].get(key) is not None


def test_a_login_leaves_the_cached_pages_as_they_are(published_data, client, people):
    """A login writes the person's last_login, which no cached page shows: the pages others
    read stay in the cache."""
    _warm(lambda: _review(client, people.zemgale_council))
    version = page_cache._version()
    before = people.zemgale_coordinator.last_login
    client.logout()
    # The people fixture's password (tests/conftest.py).
    response = client.post(
        reverse("login"),
        {"username": people.zemgale_coordinator.username, "password": "parole-123456"},
    )
    assert response.status_code == 302
    people.zemgale_coordinator.refresh_from_db()
    assert people.zemgale_coordinator.last_login != before  # the login did write
    assert page_cache._version() == version


def test_a_page_in_a_servers_memory_is_left_behind_by_another_servers_write(
    published_data, client, people, shared_files
):
    """Each process keeps the pages it served in its own memory, under the shared data
    version: the token another server gives with its write is what this one reads next."""
    from django.core.cache.backends.filebased import FileBasedCache

    def review() -> str:
        return _review(client, people.zemgale_council)

    assert NEW_WORDS not in _warm(review)
    connection.execute_wrappers.remove(page_cache._watch)  # the write is another server's
    try:
        ProgrammeNode.objects.filter(programme__slug="zemgale", code="1.2").update(title=NEW_WORDS)
    finally:
        page_cache.watch(connection)
    assert NEW_WORDS not in review()  # the token is not given yet
    other_server = FileBasedCache(str(shared_files), {})
    other_server.set(page_cache._version_key(), "another server's token", None)
    assert NEW_WORDS in review()


@pytest.mark.postgresql
def test_a_write_in_another_process_shows_here(published_data, client, people, shared_files):
    """A second process (another app server, or the worker) writes to the same database: the
    page this process serves next shows it."""
    assert _warm(lambda: _dashboard(client, people.zemgale_council)).count(NEW_WORDS) == 0
    database = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "CACHE_URL": f"file://{shared_files}",
    }
    code = (
        "from programmes.models import Programme;"
        f"Programme.objects.filter(slug='zemgale').update(title={NEW_WORDS!r})"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert NEW_WORDS in _dashboard(client, people.zemgale_council)
