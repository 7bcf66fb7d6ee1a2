#!/usr/bin/env bash
# `make bench`: measures the app at seed and at national scale on a throwaway PostgreSQL.
#
# Migrates, loads the programmes and the demo users, runs scripts/bench.py (seed scale),
# generates the synthetic national data set, runs scripts/bench.py again, then serves the app
# with gunicorn (2 workers, a free loopback port, production settings) and runs scripts/load.py
# against it (each page alone, set against the logged-in start page), and at the end
# scripts/faults.sh (fault drills, on a cluster of their own). Every step has a time limit; the
# server and the cluster are removed on exit.
#
# `bash scripts/bench.sh --pdf-only` (`make bench-pdf`) measures only the review PDF against its
# plain-paragraph floor (issue #17), at seed and at national scale, and stops there.
#
# Environment: PY (.venv/bin/python), NATIONAL_ARGS (extra scripts/national_data.py options, e.g.
# "--municipalities 40" for a quicker run), RUNS, PDF_RUNS and PDF_FLOOR_RUNS (bench.py),
# LOAD_CONCURRENCY (20), LOAD_SECONDS (20).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
RUNS=${RUNS:-5}
PDF_RUNS=${PDF_RUNS:-2}
PDF_FLOOR_RUNS=${PDF_FLOOR_RUNS:-3}
LOAD_CONCURRENCY=${LOAD_CONCURRENCY:-20}
LOAD_SECONDS=${LOAD_SECONDS:-20}

if ! "$PY" -c 'import gunicorn' 2>/dev/null; then
    echo "gunicorn is missing: .venv/bin/pip install -e '.[test]' (or pip install gunicorn)" >&2
    exit 1
fi

# Re-run this script inside a throwaway cluster; with-postgres.sh removes it when we exit.
if [ -z "${BENCH_DATABASE_READY:-}" ]; then
    export BENCH_DATABASE_READY=1
    exec bash scripts/with-postgres.sh bash "$0" "$@"
fi

work=$(mktemp -d /tmp/monitoring-bench.XXXXXX)
server_pid=
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        # gunicorn stops its workers gracefully; give it a moment, then insist.
        for _ in $(seq 20); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Production settings for what is measured: no debug, a local secret, plain HTTP on loopback,
# a page cache of the run's own (files every process shares, as make run's default), kept
# database connections as the README advises for PostgreSQL, and a mail server production
# insists on (nothing measured sends e-mail).
production=(env DEBUG=0 SECRET_KEY="bench-$RANDOM-$RANDOM-$RANDOM-not-secret"
    ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 CACHE_URL="file://$work/cache"
    DATABASE_CONN_MAX_AGE=60 EMAIL_HOST=127.0.0.1 EMAIL_PORT=9)

step() { echo; echo "## $*"; echo; }

"$PY" - <<'EOF'
import os

import psycopg

server, name = os.environ["DATABASE_URL"].rsplit("/", 1)
with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
    connection.execute(f'CREATE DATABASE "{name}"')
EOF
{
    timeout 300 "$PY" manage.py migrate --noinput -v0
    timeout 300 "$PY" manage.py load_programmes
    timeout 60 "$PY" manage.py create_demo_users
} >"$work/setup.log"

# The tables as autovacuum leaves them within a minute of a bulk load: the planner's statistics
# (measured at once, a query plans on empty tables: the entry form's entries took 59 ms instead
# of 1) and the pages marked visible, which index-only scans rely on. With the statistics alone,
# whether autovacuum had come by during the run decided which plan the same query got.
analyze() { "$PY" manage.py shell --no-imports -c 'from django.db import connection; connection.cursor().execute("VACUUM ANALYZE")'; }
analyze

echo "# Benchmarks: $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC"
echo
echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${1:-}" = "--pdf-only" ]; then
    step "Review PDF against its floor, seed scale"
    timeout 600 "${production[@]}" "$PY" scripts/bench.py --pdf-only --pdf-floor-runs "$PDF_FLOOR_RUNS"
    step "Generating the national data set"
    # shellcheck disable=SC2086 # NATIONAL_ARGS are words on purpose
    timeout 900 "$PY" scripts/national_data.py ${NATIONAL_ARGS:-} >"$work/national.log"
    analyze
    step "Review PDF against its floor, national scale"
    timeout 1200 "${production[@]}" "$PY" scripts/bench.py --pdf-only --pdf-floor-runs "$PDF_FLOOR_RUNS"
    exit 0
fi

bench=(scripts/bench.py --runs "$RUNS" --pdf-runs "$PDF_RUNS" --pdf-floor-runs "$PDF_FLOOR_RUNS")
step "Seed scale"
timeout 1200 "${production[@]}" "$PY" "${bench[@]}"

step "Generating the national data set"
# shellcheck disable=SC2086 # NATIONAL_ARGS are words on purpose
echo '```'
timeout 900 "$PY" scripts/national_data.py ${NATIONAL_ARGS:-}
echo '```'
analyze

step "National scale"
timeout 1800 "${production[@]}" "$PY" "${bench[@]}"

step "Load: $LOAD_CONCURRENCY concurrent users, each page alone for $LOAD_SECONDS s, gunicorn with 2 workers"
mapfile -t paths < <("$PY" scripts/bench.py --load-paths)
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${production[@]}" "$PY" -m gunicorn monitoring.wsgi:application --bind "127.0.0.1:$port" \
    --workers 2 --log-level warning >"$work/gunicorn.log" 2>&1 &
server_pid=$!
for _ in $(seq 60); do
    if "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/login/', timeout=2)" 2>/dev/null; then
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/gunicorn.log" >&2; exit 1; }
    sleep 0.5
done
status=0
timeout $((4 * LOAD_SECONDS + 300)) "$PY" scripts/load.py --base-url "http://127.0.0.1:$port" \
    --concurrency "$LOAD_CONCURRENCY" --seconds "$LOAD_SECONDS" --each "${paths[@]}" || status=$?
if [ "$status" -ne 0 ]; then
    echo
    echo "The load test reported errors (exit $status); the server's log:"
    tail -n 20 "$work/gunicorn.log"
fi
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

# Fault drills (PostgreSQL restarted under load, the PDF worker killed) on a cluster of their own.
bash scripts/faults.sh | sed 's/^#/##/' || { rc=$?; [ "$status" -ne 0 ] || status=$rc; }
exit "$status"
