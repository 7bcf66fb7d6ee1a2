"""A bounded load test against a server already running on this machine.

    .venv/bin/python scripts/load.py --base-url http://127.0.0.1:8000 \\
        [--concurrency 20] [--seconds 20] [--user admin] PATH [PATH ...]

Starts nothing itself and talks only to 127.0.0.1 / localhost. Each worker logs in through the
login form as a demo user (its own cookie jar), then requests the given paths in turn (e.g. a
dashboard, an entry form, an HTML review; `scripts/bench.py --load-paths` prints them) until the
time is up. Prints requests per second, p50/p95 latency and the errors as Markdown. With
`--each`, each path is requested alone in turn and its requests per second are set against the
first path's. Uses only
the standard library (threads and urllib).
"""

import argparse
import http.cookiejar
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# The demo users' password, as monitoring/demo.py sets it (refused in production).
DEMO_PASSWORD = "demo-parole"
# Issue #17: under load, a read page serves at least half the requests per second of the first
# path (the logged-in start page) in --each mode.
LOAD_TARGET = 0.5
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LocalCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Sends cookies marked Secure over plain HTTP too.

    In production the app marks its session and CSRF cookies Secure; browsers send those to
    http://localhost as well (a secure context), and this client talks to nothing else.
    """

    def __init__(self):
        super().__init__(secure_protocols=("https", "wss", "http"))


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, path: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(path, []).append(seconds)

    def error(self, path: str, what: str) -> None:
        with self.lock:
            self.errors[path] = self.errors.get(path, 0) + 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{path}: {what}")


def local_base_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname not in LOCAL_HOSTS:
        raise SystemExit(f"Refusing {url!r}: only http(s)://127.0.0.1 or localhost are allowed.")
    return f"{parts.scheme}://{parts.netloc}"


def logged_in_opener(base: str, user: str, password: str, timeout: float):
    """An opener with its own cookie jar, logged in through the login form."""
    jar = http.cookiejar.CookieJar(policy=LocalCookiePolicy())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base}/login/"
    with opener.open(login, timeout=timeout) as response:
        match = CSRF_FIELD.search(response.read().decode())
    if match is None:
        raise RuntimeError("the login page has no CSRF token")
    data = urllib.parse.urlencode(
        {"username": user, "password": password, "csrfmiddlewaretoken": match.group(1)}
    ).encode()
    request = urllib.request.Request(login, data=data, headers={"Referer": login})
    with opener.open(request, timeout=timeout) as response:
        response.read()
        if urllib.parse.urlsplit(response.url).path == "/login/":
            raise RuntimeError(f"logging in as {user} failed")
    return opener


def hammer(opener, base, paths, deadline, timeout, results: Results, offset: int) -> None:
    i = offset
    while time.monotonic() < deadline:
        path = paths[i % len(paths)]
        i += 1
        start = time.perf_counter()
        try:
            with opener.open(base + path, timeout=timeout) as response:
                response.read()
                landed = urllib.parse.urlsplit(response.url).path
        except (urllib.error.URLError, OSError) as exc:
            results.error(path, str(exc))
            continue
        if landed == "/login/":
            results.error(path, "sent to the login page")
            continue
        results.ok(path, time.perf_counter() - start)


def percentile(values: list[float], p: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def latency_cells(values: list[float]) -> tuple[str, str]:
    """p50 and p95 of the latencies, or dashes when there are none."""
    if not values:
        return "–", "–"
    return ms(percentile(values, 50)), ms(percentile(values, 95))


def verdict(met: bool) -> str:
    """How a measure stands against its target, in the benchmark's tables."""
    return "**met**" if met else "missed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="paths to request in turn, e.g. /dashboard/")
    parser.add_argument("--base-url", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--timeout", type=float, default=120, help="per request, seconds")
    parser.add_argument("--user", default="admin", help="a demo user (monitoring/demo.py)")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument(
        "--each",
        action="store_true",
        help="each path alone, one after another, set against the first (issue #17)",
    )
    options = parser.parse_args()
    base = local_base_url(options.base_url)
    if not 1 <= options.concurrency <= 200 or not 0 < options.seconds <= 600:
        raise SystemExit("Keep it bounded: concurrency 1–200, seconds up to 600.")

    # Logging in hashes a password per worker; done before the clock starts.
    openers: list = [None] * options.concurrency
    failures: list[str] = []

    def log_in(n: int) -> None:
        try:
            openers[n] = logged_in_opener(base, options.user, options.password, options.timeout)
        except (RuntimeError, urllib.error.URLError, OSError) as exc:
            failures.append(str(exc))

    threads = [threading.Thread(target=log_in, args=(n,)) for n in range(options.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} logins failed, e.g.: {failures[0]}")

    if options.each:
        sys.exit(each_alone(openers, base, options))
    results, elapsed = run_load(openers, base, options.paths, options.seconds, options.timeout)
    every = [s for values in results.latencies.values() for s in values]
    errors = sum(results.errors.values())
    print(
        f"{options.concurrency} workers as `{options.user}` for {options.seconds:g} s "
        f"against {base} (requests in flight at the end are waited for: {elapsed:.1f} s in all)."
    )
    print()
    print("| Path | Requests | p50 | p95 | Errors |")
    print("|---|---|---|---|---|")
    for path in options.paths:
        values = results.latencies.get(path, [])
        p50, p95 = latency_cells(values)
        print(f"| `{path}` | {len(values)} | {p50} | {p95} | {results.errors.get(path, 0)} |")
    if every:
        print(
            f"| **all** | {len(every)} ({len(every) / elapsed:.1f} per second) | "
            f"{ms(percentile(every, 50))} | {ms(percentile(every, 95))} | {errors} |"
        )
    for sample in results.error_samples:
        print(f"\nerror: {sample}", file=sys.stderr)
    if errors or not every:
        sys.exit(1)


def run_load(openers, base, paths, seconds, timeout) -> tuple[Results, float]:
    """Every opener requests `paths` in turn for `seconds`; the requests still in flight at the
    end are waited for, and counted in the elapsed time."""
    results = Results()
    start = time.monotonic()
    deadline = start + seconds
    threads = [
        threading.Thread(target=hammer, args=(opener, base, paths, deadline, timeout, results, n))
        for n, opener in enumerate(openers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - start


def each_alone(openers, base, options) -> int:
    """Each path alone under the same load, one after another, its requests per second set
    against the first path's (issue #17: the dashboard and the review at least 50 % of the
    logged-in start page). Returns the exit status: 1 if any request failed."""
    print(
        f"{options.concurrency} workers as `{options.user}` against {base}, each path alone "
        f"for {options.seconds:g} s (requests in flight at the end are waited for and counted "
        f"in its time); the ratio is against `{options.paths[0]}` in the same run."
    )
    print()
    print("| Path | Requests | Per second | ÷ first path | Target | p50 | p95 | Errors |")
    print("|---|---|---|---|---|---|---|---|")
    failed, first_rate = 0, None
    for path in options.paths:
        results, elapsed = run_load(openers, base, [path], options.seconds, options.timeout)
        values = results.latencies.get(path, [])
        errors = results.errors.get(path, 0)
        failed += errors + (0 if values else 1)
        rate = len(values) / elapsed
        if first_rate is None:
            first_rate, share, target = rate, "–", "–"
        else:
            share = f"{rate / first_rate:.0%}" if first_rate else "–"
            met = bool(first_rate) and rate / first_rate >= LOAD_TARGET
            target = f"≥ {LOAD_TARGET:.0%}: {verdict(met)}"
        p50, p95 = latency_cells(values)
        print(
            f"| `{path}` | {len(values)} | {rate:.1f} | {share} | {target} | {p50} | {p95} "
            f"| {errors} |"
        )
        for sample in results.error_samples:
            print(f"\nerror: {sample}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    main()
