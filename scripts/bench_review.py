"""Benchmark: the annual review PDF for the largest programme-year, against WeasyPrint alone.

Run with `make bench-review` (or `.venv/bin/python scripts/bench_review.py`) on a database with
the programmes loaded. Prints the figures; times are wall-clock, best of N runs.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitoring.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from monitoring.models import ProgressEntry  # noqa: E402
from programmes.models import Programme  # noqa: E402
from reports.pdf import html_to_pdf, review_html  # noqa: E402
from reports.review import annual_review  # noqa: E402

RUNS = int(os.environ.get("RUNS", "3"))


def best(function) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    # The largest programme-year: the most entries.
    counts = {}
    for programme in Programme.objects.all():
        for year in programme.years:
            counts[programme, year] = ProgressEntry.objects.filter(
                node__programme=programme, year=year
            ).count()
    (programme, year), entries = max(counts.items(), key=lambda item: item[1])
    print(f"largest programme-year: {programme.slug} {year} ({entries} entries), best of {RUNS}")

    with CaptureQueriesContext(connection) as queries:
        annual_review(programme, year)
    gather, _ = best(lambda: annual_review(programme, year))
    render, html = best(lambda: review_html(annual_review(programme, year)))
    whole, pdf = best(lambda: html_to_pdf(review_html(annual_review(programme, year))))
    weasy, _ = best(lambda: html_to_pdf(html))
    print(f"queries for the review:        {len(queries)}")
    print(f"gather data:                   {gather:8.3f} s")
    print(f"data + HTML:                   {render:8.3f} s")
    print(f"whole PDF (data+HTML+layout):  {whole:8.3f} s   {len(pdf) / 1024:.0f} KiB")
    print(f"WeasyPrint alone (same HTML):  {weasy:8.3f} s")
    print(f"ratio whole / WeasyPrint:      {whole / weasy:8.2f}")


if __name__ == "__main__":
    main()
