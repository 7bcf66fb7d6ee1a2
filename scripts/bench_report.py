"""What scripts/bench.py measured, as the Markdown tables docs/benchmarks.md is written from."""

from dataclasses import dataclass

from django.db import connection

from monitoring.models import ProgressEntry
from municipalities.models import Municipality
from programmes.models import Programme
from scripts.bench_pdf import PdfFloor, floor_table
from scripts.load import ms
from scripts.national_data import SLUG_PREFIX

PDF_ASKED = "Review PDF: asked for (queued, redirect)"
PDF_READY = "Review PDF: ready (the kept file)"
PDF_WORKER = "Review PDF: laid out by the worker"


@dataclass
class Measure:
    queries: int
    seconds: float
    kib: float = 0.0
    sql_seconds: float = 0.0

    def cell(self) -> str:
        size = f" · {self.kib:,.0f} KiB" if self.kib else ""
        return f"{self.queries} q · {self.seconds * 1000:,.0f} ms{size}"


@dataclass
class Scenario:
    label: str
    programme: Programme
    year: int
    municipalities: int
    tasks: int
    entries: int
    pages: dict[str, Measure]
    parts: dict[str, Measure]
    pdf_floor: PdfFloor | None = None


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b else "–"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(scenarios: list[Scenario], everywhere: dict[str, Measure], runs, pdf_runs) -> str:
    seed = [s for s in scenarios if not s.programme.slug.startswith(SLUG_PREFIX)]
    national = [s for s in scenarios if s.programme.slug.startswith(SLUG_PREFIX)]
    base = max(seed, key=lambda s: s.entries) if seed else None
    compare = bool(national and base)
    out = [
        f"Database: {connection.vendor} {connection.get_database_version()[0]}; "
        f"times are the best of {runs} runs "
        f"({pdf_runs} for PDFs), server side through Django's test client.",
        "",
        table(
            ["Programme", "Year", "Municipalities", "Reportable tasks", "Entries in the year"],
            [
                [s.label, str(s.year), str(s.municipalities), str(s.tasks), f"{s.entries:,}"]
                for s in scenarios
            ],
        ),
        "",
        "Pages (queries · best time · response size):",
        "",
    ]
    header = ["Page", *(s.label for s in scenarios)]
    if compare:
        header.append(f"time {national[0].label} ÷ {base.label}")
    rows = []
    for name in scenarios[0].pages:
        row = [name, *(s.pages[name].cell() for s in scenarios)]
        if compare:
            row.append(ratio(national[0].pages[name].seconds, base.pages[name].seconds))
        rows.append(row)
    out += [table(header, rows), ""]

    out += ["Where the time goes (best times; SQL is the summed time of the queries):", ""]
    rows = []
    for s in scenarios:
        for page, part, name in [
            ("Region dashboard", "dashboard data", "dashboard() (the review's data, no texts)"),
            ("Region dashboard", "review years", "years with data (with_review_years)"),
            ("Region dashboard", "status counts in SQL", "bare SQL: with_status_counts()"),
            ("Annual review (HTML)", "review data", "annual_review()"),
            (PDF_ASKED, "review html", "data + HTML (review_html)"),
            (PDF_WORKER, "weasyprint", "WeasyPrint alone on the same HTML"),
        ]:
            whole, measured = s.pages[page], s.parts[part]
            rows.append(
                [
                    s.label,
                    page,
                    ms(whole.seconds),
                    name,
                    f"{ms(measured.seconds)} ({measured.queries} q, "
                    f"SQL {ms(measured.sql_seconds)})",
                    f"{measured.seconds / whole.seconds:.0%}",
                ]
            )
    header = ["Programme", "Page", "Whole page", "Part", "Part's time", "Part ÷ page"]
    out += [table(header, rows), ""]

    floors = [s.pdf_floor for s in scenarios if s.pdf_floor]
    if floors:
        out += [floor_table(floors), ""]

    total = ProgressEntry.objects.count()
    out += [
        f"Pages over all programmes ({Programme.objects.count()} programmes, "
        f"{Municipality.objects.count()} municipalities, {total:,} entries in all):",
        "",
        table(
            ["Page", "Queries · best time · size"], [[n, m.cell()] for n, m in everywhere.items()]
        ),
    ]
    return "\n".join(out)
