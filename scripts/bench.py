"""Benchmark: each key page's SQL queries and server time, at seed and at national scale.

Run on a database with the programmes loaded (`make bench` runs it on a throwaway PostgreSQL
before and after `scripts/national_data.py`):

    .venv/bin/python scripts/bench.py [--runs 5] [--pdf-runs 2]

Measures the real `zemgale` and `latgale` programmes (seed scale) and, if there is one, the
largest `sint-*` programme (national scale), through Django's test client in this process, as a
user with a national role (`bench-national`, created if missing). Times are wall-clock, best of
N. The pages that need a reporting year (the year's page, an entry form, a submission review)
use the programme's latest round; where a programme has none, one is opened inside a
transaction that is rolled back, as is the coordinator role the bench user needs to review a
submission, so the database keeps nothing but the bench user. The dashboard and the annual
review are measured for the programme's fullest year without a round (the most entries, every
municipality counted).

The review PDF is also set against its floor (scripts/bench_pdf.py): WeasyPrint on the same
words as plain paragraphs, in the same run, best of `--pdf-floor-runs` (3), with the ratio beside
issue #17's target of 1.5×. `--pdf-only` measures just that, for the largest programme-year at
each scale present (Latgale's fullest year; the largest `sint-*` programme's), on whatever
database DATABASE_URL names, without the pages.

The dashboard and the review are measured again outside any transaction, on a cold cache and
from the cache (reports/page_cache.py), with the logged-in start page beside them, and each of
issue #17's goals is printed beside its target.

Prints Markdown tables to stdout. `--load-paths` prints instead the paths scripts/load.py
requests (the start page, the dashboard, the HTML review and an entry form of the largest
programme).
"""

import argparse
import datetime
import gc
import os
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitoring.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from weasyprint import __version__ as weasyprint_version  # noqa: E402

from monitoring import services  # noqa: E402
from monitoring.models import Membership, ProgressEntry, ReportingRound, Submission  # noqa: E402
from municipalities.models import municipality_order  # noqa: E402
from programmes.models import Programme  # noqa: E402
from reports import page_cache  # noqa: E402
from reports.dashboard import dashboard  # noqa: E402
from reports.models import ReviewPdf  # noqa: E402
from reports.pdf import html_to_pdf, review_html  # noqa: E402
from reports.review import annual_review  # noqa: E402
from reports.selectors import with_review_years  # noqa: E402
from reports.tasks import make_review_pdf  # noqa: E402
from scripts.bench_pdf import floor_table, pdf_floor  # noqa: E402
from scripts.bench_report import (  # noqa: E402
    PDF_ASKED,
    PDF_READY,
    PDF_WORKER,
    Measure,
    Scenario,
    report,
)
from scripts.national_data import SLUG_PREFIX  # noqa: E402

BENCH_USER = "bench-national"
LOAD_USER = "admin"  # scripts/load.py's demo user
SEED_SLUGS = ("zemgale", "latgale")
HOST = "localhost"


class SqlTimer:
    """The time the database took for each statement, summed to the microsecond: Django's
    captured queries round theirs to the millisecond, which for a page of twelve queries
    is a few milliseconds either way on the SQL floor."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start


def best(function, runs: int) -> tuple[Measure, object]:
    """Best wall-clock time of `runs` calls, the queries of the last and the best of their
    summed times (the floor, measured as the page is: the database's own runs vary by a
    quarter between runs)."""
    times, sql_times, result = [], [], None
    for _ in range(runs):
        gc.collect()  # each run starts from a clean heap, so one run's garbage cannot slow the next
        sql = SqlTimer()
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(sql):
            start = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - start)
        sql_times.append(sql.seconds)
    return Measure(len(captured), min(times), sql_seconds=min(sql_times)), result


def get(client: Client, url: str, runs: int, expect: int = 200) -> Measure:
    result, response = best(lambda: client.get(url, secure=True), runs)
    if response.status_code != expect:
        raise SystemExit(f"{url} answered {response.status_code}")
    result.kib = len(response.getvalue()) / 1024
    return result


def bench_user():
    """The national administrator the pages are requested as (kept between runs)."""
    user, created = get_user_model().objects.get_or_create(
        username=BENCH_USER, defaults={"first_name": "Mērījumi"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, role=Membership.Role.NATIONAL)
    return user


def fullest_year(programme: Programme) -> int:
    """The year without a reporting round that has the most entries (the latest on a tie)."""
    with_round = set(programme.rounds.values_list("year", flat=True))
    rows = (
        ProgressEntry.objects.filter(node__programme=programme)
        .exclude(year__in=with_round)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-n", "-year")
    )
    row = rows.first()
    return row["year"] if row else programme.period_start


def largest_synthetic() -> Programme | None:
    row = (
        ProgressEntry.objects.filter(node__programme__slug__startswith=SLUG_PREFIX)
        .values("node__programme")
        .annotate(n=Count("pk"))
        .order_by("-n", "node__programme")
        .first()
    )
    return Programme.objects.get(pk=row["node__programme"]) if row else None


def the_round(programme: Programme, year: int, user) -> ReportingRound:
    """The programme's latest reporting year, or one opened now (the caller rolls it back)."""
    reporting_round = programme.rounds.order_by("-year").first()
    if reporting_round is None:
        round_year = year + 1 if year + 1 in programme.years else programme.years[-1]
        reporting_round = services.round_open(
            programme=programme,
            year=round_year,
            deadline=timezone.localdate() + datetime.timedelta(days=30),
            by=user,
        )
    return reporting_round


def pick_submission(reporting_round: ReportingRound, *states: str) -> Submission:
    submissions = reporting_round.submissions.order_by(*municipality_order("municipality"))
    return submissions.filter(state__in=states).first() or submissions.first()


def landing_page(client: Client) -> str:
    """Where /start/ sends the client's user: the start page of a logged-in user, measured as
    the page itself (the redirect to it is one more request, which would flatter what is set
    against it)."""
    response = client.get(reverse("monitoring:start"), secure=True, follow=True)
    if response.status_code != 200 or not response.redirect_chain:
        raise SystemExit(f"/start/ answered {response.status_code}")
    return response.redirect_chain[-1][0]


def read_pages(programme: Programme, year: int, user, runs: int) -> dict[str, Measure]:
    """Issue #17's read pages, the dashboard and the HTML review, on a cold cache (the data
    version renewed before each run, as a write does) and from the cache (unchanged data).

    Outside any transaction: a connection that has written reads past the cache
    (reports/page_cache.py), and so do the pages `measure()` times inside its rolled-back one.
    """
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    urls = {
        "Region dashboard": reverse("dashboard:region", args=[programme.slug]) + f"?year={year}",
        "Annual review (HTML)": reverse("reports:review", args=[programme.slug, year]),
    }
    measured = {}
    for name, url in urls.items():
        print(f"  {programme.slug}: {name}, cold and cached", file=sys.stderr)

        def cold(url=url):
            page_cache.data_changed()
            return client.get(url, secure=True)

        # The time includes data_changed(), one cache write: what a real write adds anyway.
        result, response = best(cold, runs)
        result.kib = len(response.getvalue()) / 1024
        measured[f"{name}, cold cache"] = result
        client.get(url, secure=True)  # fills the cache
        measured[f"{name}, from the cache"] = get(client, url, runs)
    measured["Start page (logged in)"] = get(client, landing_page(client), runs)
    return measured


def measure(
    programme: Programme, label: str, user, runs: int, pdf_runs: int, floor_runs: int
) -> Scenario:
    year = fullest_year(programme)
    reads = read_pages(programme, year, user, runs)
    with transaction.atomic():
        user = get_user_model().objects.get(pk=user.pk)  # roles are cached on the object
        Membership.objects.get_or_create(
            user=user, role=Membership.Role.COORDINATOR, region=programme.region
        )
        reporting_round = the_round(programme, year, user)
        State = Submission.State
        entry = pick_submission(reporting_round, State.DRAFT, State.NOT_STARTED, State.RETURNED)
        reviewed = pick_submission(reporting_round, State.SUBMITTED)
        node = (
            ProgressEntry.objects.filter(node__programme=programme)
            .values("node")
            .annotate(n=Count("pk"))
            .order_by("-n", "node__sort_key")
            .first()
        )
        slug = programme.slug
        urls = {
            "Programme page": reverse("programmes:detail", args=[slug]),
            "Reporting year page": reverse("monitoring:round", args=[reporting_round.pk]),
            "Entry form (one submission)": reverse("monitoring:submission", args=[entry.pk]),
            "Submission review": reverse("monitoring:review", args=[reviewed.pk]),
            "Region dashboard": reverse("dashboard:region", args=[slug]) + f"?year={year}",
            "Task drill-down": reverse("dashboard:task", args=[slug, node["node"]]),
            "Annual review (HTML)": reverse("reports:review", args=[slug, year]),
        }
        pdf_url = reverse("reports:pdf", args=[slug, year])
        client = Client(HTTP_HOST=HOST)
        client.force_login(user)
        pages = {}
        for name, url in urls.items():
            print(f"  {label}: {name} {url}", file=sys.stderr)
            pages[name] = get(client, url, runs)

        print(f"  {label}: data gathering and WeasyPrint", file=sys.stderr)
        parts = {}
        # What the dashboard page computes (the same call, so the two cannot drift apart).
        parts["dashboard data"], _ = best(
            lambda: dashboard(programme, {"year": str(year)}, years=[year]), runs
        )
        # What the dashboard page does besides: the years with data (one DISTINCT over the
        # programme's entries), and what its status bars need, aggregated in SQL alone.
        parts["review years"], _ = best(lambda: with_review_years([programme]), runs)
        parts["status counts in SQL"], _ = best(
            lambda: list(
                ProgressEntry.objects.filter(node__programme=programme, municipality__isnull=False)
                .for_year(year)
                .with_status_counts()
            ),
            runs,
        )
        parts["review data"], review = best(lambda: annual_review(programme, year), runs)
        parts["review html"], html = best(lambda: review_html(annual_review(programme, year)), runs)
        # The PDF: the request that asks for it (the worker is queued: a redirect to the page
        # that waits), the worker laying it out, and the request once it is ready. Taken in
        # turns with WeasyPrint alone, so that a busy moment on the machine favours neither.
        asked_runs, worker_runs, ready_runs, weasy_runs = [], [], [], []
        for _ in range(pdf_runs):
            ReviewPdf.objects.filter(programme=programme, year=year).delete()
            asked_runs.append(get(client, pdf_url, 1, expect=302))
            pk = ReviewPdf.objects.get(programme=programme, year=year).pk
            worker_runs.append(best(partial(make_review_pdf.call, pk), 1)[0])
            ready_runs.append(get(client, pdf_url, 1))
            weasy_runs.append(best(lambda: html_to_pdf(html), 1)[0])
        fastest = lambda runs: min(runs, key=lambda m: m.seconds)  # noqa: E731
        pages[PDF_ASKED] = fastest(asked_runs)
        pages[PDF_READY] = fastest(ready_runs)
        pages[PDF_WORKER] = fastest(worker_runs)
        parts["weasyprint"] = fastest(weasy_runs)
        print(f"  {label}: the PDF against its plain-paragraph floor", file=sys.stderr)
        floor = pdf_floor(f"{label} {year}", html, floor_runs)
        transaction.set_rollback(True)

    municipalities = len(review.municipalities)
    return Scenario(
        label=label,
        programme=programme,
        year=year,
        municipalities=municipalities,
        tasks=len(review.counted_tasks),
        entries=ProgressEntry.objects.filter(node__programme=programme, year=year).count(),
        pages=pages,
        parts=parts,
        pdf_floor=floor,
        reads=reads,
    )


def global_pages(user, runs: int) -> dict[str, Measure]:
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    pages = {}
    for name, url in {
        "Reviews index (/reports/)": reverse("reports:index"),
        "National dashboard (/dashboard/all/)": reverse("dashboard:national"),
    }.items():
        print(f"  all: {name}", file=sys.stderr)
        pages[name] = get(client, url, runs)
    return pages


def load_paths() -> None:
    """The paths scripts/load.py requests, for the largest programme (national if present):
    the logged-in start page first (what the others are set against), then the dashboard, the
    HTML review and an entry form."""
    programme = largest_synthetic() or Programme.objects.get(slug="latgale")
    year = fullest_year(programme)
    submission = (
        Submission.objects.filter(round__programme=programme)
        .order_by("-round__year", *municipality_order("municipality"))
        .first()
    )
    if submission is None:
        raise SystemExit(f"{programme.slug} has no reporting round: nothing for an entry form.")
    client = Client(HTTP_HOST=HOST)
    client.force_login(get_user_model().objects.get(username=LOAD_USER))
    print(landing_page(client))
    print(reverse("dashboard:region", args=[programme.slug]) + f"?year={year}")
    print(reverse("reports:review", args=[programme.slug, year]))
    print(reverse("monitoring:submission", args=[submission.pk]))


def largest_years() -> list[tuple[Programme, int]]:
    """The largest programme-year at each scale present: Latgale's fullest year, and the
    largest synthetic programme's."""
    found = [Programme.objects.select_related("region").filter(slug="latgale").first()]
    found.append(largest_synthetic())
    return [(programme, fullest_year(programme)) for programme in found if programme]


def pdf_only(floor_runs: int) -> None:
    """Issue #17's PDF measure alone: the review PDF and its plain-paragraph floor."""
    load = os.getloadavg()[0]
    floors = []
    for programme, year in largest_years():
        print(f"  {programme.slug} {year}: the PDF against its floor", file=sys.stderr)
        html = review_html(annual_review(programme, year))
        floors.append(pdf_floor(f"{programme.slug} {year}", html, floor_runs))
    if not floors:
        raise SystemExit("No programmes: run `manage.py load_programmes` first.")
    print(f"Load average at the start: {load:.2f}; WeasyPrint {weasyprint_version}.")
    print()
    print(floor_table(floors))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per page (best is kept)")
    parser.add_argument("--pdf-runs", type=int, default=2, help="runs per PDF")
    parser.add_argument(
        "--pdf-floor-runs", type=int, default=3, help="runs of the PDF and of its plain floor"
    )
    parser.add_argument("--load-paths", action="store_true", help="print load.py's paths")
    parser.add_argument(
        "--pdf-only", action="store_true", help="only the review PDF against its floor"
    )
    options = parser.parse_args()
    if options.load_paths:
        load_paths()
        return
    if options.pdf_only:
        pdf_only(options.pdf_floor_runs)
        return
    # The three steps of a long review's PDF, for every review: a short one (HTML up to
    # REVIEW_PDF_AT_ONCE_MAX_BYTES) is otherwise made in the request that asks for it.
    settings.REVIEW_PDF_AT_ONCE_MAX_BYTES = 0
    user = bench_user()
    scenarios = []
    for slug in SEED_SLUGS:
        programme = Programme.objects.select_related("region").filter(slug=slug).first()
        if programme:
            scenarios.append(
                measure(
                    programme,
                    f"{slug} (seed)",
                    user,
                    options.runs,
                    options.pdf_runs,
                    options.pdf_floor_runs,
                )
            )
    national = largest_synthetic()
    if national:
        scenarios.append(
            measure(
                national,
                f"{national.slug} (national)",
                user,
                options.runs,
                options.pdf_runs,
                options.pdf_floor_runs,
            )
        )
    if not scenarios:
        raise SystemExit("No programmes: run `manage.py load_programmes` first.")
    everywhere = global_pages(user, options.runs)
    print(report(scenarios, everywhere, options.runs, options.pdf_runs))


if __name__ == "__main__":
    main()
