"""Fault drills: PostgreSQL restarted under load, and the PDF worker killed mid-layout.

    bash scripts/faults.sh        # `make bench` runs it at its end

Runs inside scripts/with-postgres.sh, on an empty throwaway cluster: it needs DATABASE_URL on
127.0.0.1 and PG_BIN, PG_DATA, PG_LOG (and PG_AS_OWNER when run as root) to restart the server.
Migrates, loads the programmes and the demo users, adds a Latgale council member, then serves
the app with gunicorn in production mode (SECRET_KEY, DEBUG=0, plain HTTP on a free loopback
port) and:

1. **PostgreSQL restarted under load**: 4 threads, each logged in as `padome-zemgale`, request
   the home page, a programme page and an annual review in turn for 30 s; after 12 s the server
   is restarted (`pg_ctl restart -m fast`). Every response is recorded. Asserted: every 5xx is
   the Latvian 500 page, no page shows a traceback, every request gets an answer, and the app
   answers 200 again after the restart with the same gunicorn (no worker restarted or hung).
2. **The PDF worker killed mid-layout**: `manage.py db_worker` is started, Latgale 2014's PDF
   (about 20 s of WeasyPrint) is asked for through the app, the worker is killed with SIGKILL
   while it lays the PDF out, a new worker is started, and the PDF is asked for again: at once
   (too early: nothing is queued) and once REVIEW_PDF_RETRY_AFTER (shortened to
   REVIEW_PDF_RETRY_MINUTES=0.5 for the run) has passed, when it must be queued again and made.

Prints Markdown; exits 1 if an assertion fails. Talks only to 127.0.0.1; every loop is bounded
in count and time; what it starts is stopped when it ends.
"""

import argparse
import json
import os
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# This process and the setup commands run in local mode (the demo users need it); only the
# served app and its worker get the production settings.
os.environ.pop("SECRET_KEY", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitoring.settings")

from scripts.fault_parts import (  # noqa: E402
    PDF_USER,
    RETRY_MINUTES,
    TIMEOUT,
    Failed,
    Gunicorn,
    Worker,
    check,
    database_url,
    failures,
    fetch,
    pg_restart,
    set_up,
    wait_for,
)
from scripts.load import DEMO_PASSWORD, logged_in_opener  # noqa: E402

LOAD_USER = "padome-zemgale"
LOAD_PATHS = ("/", "/programmes/latgale/", "/reports/zemgale/2014/")
PDF_PATH = "/reports/latgale/2014.pdf"
LATVIAN_500 = "Radās kļūda"
PREPARED = re.compile(r"/reports/latgale/2014/pdf/(\d+)/$")


# 1. PostgreSQL restarted under load ------------------------------------------------------------


@dataclass
class Answer:
    start: float
    end: float
    path: str
    outcome: str  # "200", another status, "no answer: …" or "sent to login"
    body: str


def hammer(opener, base: str, deadline: float, origin: float, answers: list, offset: int):
    i = offset
    while time.monotonic() < deadline:
        path = LOAD_PATHS[i % len(LOAD_PATHS)]
        i += 1
        start = time.monotonic() - origin
        outcome, body, landed = fetch(opener, base + path)
        if landed == "/login/":
            outcome = "sent to login"
        answers.append(Answer(start, time.monotonic() - origin, path, outcome, body))


def restart_under_load(server: Gunicorn, threads: int, seconds: float, restart_at: float):
    print("\n## PostgreSQL restarted under load\n")
    openers = [
        logged_in_opener(server.base, LOAD_USER, DEMO_PASSWORD, TIMEOUT) for _ in range(threads)
    ]
    boots_before = server.boots()
    answers: list[Answer] = []
    origin = time.monotonic()
    deadline = origin + seconds
    workers = [
        threading.Thread(target=hammer, args=(o, server.base, deadline, origin, answers, n))
        for n, o in enumerate(openers)
    ]
    for worker in workers:
        worker.start()
    time.sleep(restart_at)
    restart_start = time.monotonic() - origin
    pg_restart()
    restart_end = time.monotonic() - origin
    for worker in workers:
        worker.join(timeout=seconds + 2 * TIMEOUT)
    hung = sum(worker.is_alive() for worker in workers)

    def phase(answer: Answer) -> str:
        if answer.end < restart_start:
            return "before"
        return "after" if answer.start >= restart_end else "during"

    counts = {name: Counter() for name in ("before", "during", "after")}
    for answer in answers:
        counts[phase(answer)][answer.outcome] += 1
    outcomes = sorted({a.outcome for a in answers}, key=lambda o: (o != "200", o))
    print(
        f"{threads} threads as `{LOAD_USER}` for {seconds:g} s against gunicorn (2 sync workers); "
        f"`pg_ctl restart -m fast` from {restart_start:.1f} s to {restart_end:.1f} s "
        f"({restart_end - restart_start:.2f} s). *before*: answered before it began; *after*: "
        "asked once it had returned; *during*: the rest (in flight at some point of it).\n"
    )
    print("| Phase | " + " | ".join(outcomes) + " | all |")
    print("|---|" + "---|" * (len(outcomes) + 1))
    for name, counter in counts.items():
        cells = " | ".join(str(counter.get(o, 0)) for o in outcomes)
        print(f"| {name} | {cells} | {sum(counter.values())} |")

    failed = [a for a in answers if a.outcome != "200"]
    first_bad = min((a.start for a in failed), default=None)
    last_bad_end = max((a.end for a in failed), default=None)
    recovered = min(
        (a.end for a in answers if a.outcome == "200" and a.start >= restart_end), default=None
    )
    print()
    if failed:
        print(
            f"Failed answers: the first asked at {first_bad:.2f} s, the last one answered at "
            f"{last_bad_end:.2f} s ({len(failed)} in all; by page: "
            + ", ".join(f"`{p}` {n}" for p, n in sorted(Counter(a.path for a in failed).items()))
            + ")."
        )
    if recovered is not None:
        print(
            f"Time to recovery: the first 200 after the restart was answered "
            f"{recovered - restart_end:.2f} s after `pg_ctl` returned "
            f"({recovered - restart_start:.2f} s after the restart began)."
        )
    bad_5xx = [a for a in answers if a.outcome.startswith("5") and LATVIAN_500 not in a.body]
    tail = [a for a in answers if a.start >= seconds - 5]
    print()
    check(hung == 0, "every load thread ended (no request hung)")
    check(counts["before"].keys() <= {"200"}, "before the restart every answer was 200")
    check(counts["after"].keys() <= {"200"}, "once `pg_ctl` had returned every answer was 200")
    check(not bad_5xx, f"every 5xx is the Latvian 500 page ({LATVIAN_500!r})")
    for answer in bad_5xx[:3]:
        print(f"  - {answer.path} {answer.outcome}: {answer.body[:300]!r}")
    check(not any("Traceback" in a.body for a in answers), "no page shows a traceback")
    no_answer = [a for a in answers if a.outcome.startswith("no answer")]
    check(not no_answer, "every request got an HTTP answer (no reset connection, no timeout)")
    check(not any(a.outcome == "sent to login" for a in answers), "no session was lost")
    check(recovered is not None, "the app answered 200 again after the restart")
    check(bool(tail) and all(a.outcome == "200" for a in tail), "the last 5 s were all 200 answers")
    check(
        server.process.poll() is None and server.boots() == boots_before and not server.timeouts(),
        "the same gunicorn and workers served throughout (no worker restarted or timed out)",
    )
    return {
        "counts": counts,
        "restart": (restart_start, restart_end),
        "recovered": recovered,
    }


# 2. The PDF worker killed mid-layout -----------------------------------------------------------


def worker_killed(server: Gunicorn, log: Path):
    from django.db import close_old_connections, connections
    from django_tasks_db.models import DBTaskResult

    from reports.models import ReviewPdf

    connections.close_all()  # the server was restarted since this process last asked
    print("\n## The PDF worker killed mid-layout\n")
    opener = logged_in_opener(server.base, PDF_USER, DEMO_PASSWORD, TIMEOUT)
    steps: list[tuple[str, float]] = []
    first = Worker(log)
    second = None
    try:
        t0 = time.monotonic()
        outcome, body, landed = fetch(opener, server.base + PDF_PATH)
        match = PREPARED.search(landed)
        check(outcome == "200" and match is not None, f"{PDF_PATH} sent to the waiting page")
        if match is None:
            raise Failed(f"{PDF_PATH}: {outcome} at {landed!r}")
        pk = int(match.group(1))
        state_url = f"{server.base}{landed}?state=json"
        steps.append(
            (
                "asking for the PDF (the request: HTML rendered, layout queued)",
                time.monotonic() - t0,
            )
        )

        def task_status():
            close_old_connections()
            return list(
                DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True)
            )

        t1 = time.monotonic()
        running = wait_for(lambda: task_status() == ["RUNNING"], 60)
        check(bool(running), "the first worker took the task")
        steps.append(("queued → the first worker starts the layout", time.monotonic() - t1))
        time.sleep(4)  # well inside the ~20 s of WeasyPrint
        row = ReviewPdf.objects.defer("html", "pdf").get(pk=pk)
        check(row.finished_at is None, "the worker is still laying out after 4 s")
        first.kill()
        killed = time.monotonic()
        steps.append(("layout before SIGKILL", killed - t1 - steps[-1][1]))
        row.refresh_from_db()
        check(
            row.finished_at is None and not row.error, "the killed worker left the row unfinished"
        )
        check(task_status() == ["RUNNING"], "its task is left as RUNNING (no worker will take it)")

        second = Worker(log)
        time.sleep(1)
        outcome, _, landed = fetch(opener, server.base + PDF_PATH)
        check(
            outcome == "200" and landed.endswith(f"/pdf/{pk}/") and len(task_status()) == 1,
            "asked again at once: the waiting page of the same row, nothing queued (too early)",
        )
        retry_at = row.requested_at.timestamp() + RETRY_MINUTES * 60 + 0.5
        time.sleep(max(0.0, retry_at - time.time()))
        steps.append(
            (
                "SIGKILL → the retry time has passed (REVIEW_PDF_RETRY_MINUTES=0.5)",
                time.monotonic() - killed,
            )
        )

        t2 = time.monotonic()
        outcome, _, landed = fetch(opener, server.base + PDF_PATH)
        statuses = task_status()
        check(
            outcome == "200" and landed.endswith(f"/pdf/{pk}/") and len(statuses) == 2,
            f"asked again after the retry time: queued again (tasks: {statuses})",
        )
        steps.append(("the request that queues it again", time.monotonic() - t2))

        def done():
            answer, text, _ = fetch(opener, state_url)
            state = json.loads(text) if answer == "200" else {}
            return state.get("ready") or state.get("failed")

        state = wait_for(done, 240, every=1)
        row.refresh_from_db()
        check(
            bool(state) and row.finished_at is not None and not row.error,
            "the second worker made the PDF",
        )
        steps.append(("queued again → the PDF is ready (the whole layout)", time.monotonic() - t2))
        with opener.open(server.base + PDF_PATH, timeout=TIMEOUT) as response:
            pdf = response.read()
            kind = response.headers.get("Content-Type", "")
        check(
            kind == "application/pdf" and pdf.startswith(b"%PDF"),
            f"{PDF_PATH} now serves the PDF ({len(pdf) / 1024:,.0f} KiB)",
        )
        steps.append(("from the first request to the PDF", time.monotonic() - t0))
        final = task_status()
        print(f"- task records at the end: {final} (the killed worker's stays RUNNING)")
    finally:
        first.kill()
        if second is not None:
            second.stop()
    print("\n| Step | Seconds |\n|---|---|")
    for name, seconds in steps:
        print(f"| {name} | {seconds:.1f} |")
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--restart-at", type=float, default=12)
    options = parser.parse_args()
    if not 1 <= options.threads <= 20 or not 5 <= options.seconds <= 120:
        raise SystemExit("Keep it bounded: 1–20 threads, 5–120 s.")
    if not 0 < options.restart_at < options.seconds - 5:
        raise SystemExit("--restart-at must leave at least 5 s of load after it.")

    database_url()
    work = Path(os.environ["PG_DATA"]).parent
    set_up(work / "setup.log")
    print(f"# Fault drills: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    server = Gunicorn(work / "gunicorn.log")
    try:
        restart_under_load(server, options.threads, options.seconds, options.restart_at)
        try:
            worker_killed(server, work / "worker.log")
        except Failed as error:
            failures.append(str(error))
    finally:
        server.stop()
    if failures:
        print(f"\n{len(failures)} assertion(s) failed; the server's log ends with:\n")
        print("```\n" + (work / "gunicorn.log").read_text()[-3000:] + "\n```")
        sys.exit(1)


if __name__ == "__main__":
    main()
