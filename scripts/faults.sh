#!/usr/bin/env bash
# Fault drills on a throwaway PostgreSQL (`make bench` runs this at its end): PostgreSQL
# restarted under load against gunicorn, and the PDF worker killed mid-layout. See
# scripts/faults.py; it prints Markdown and exits non-zero if an assertion fails.
#
# Environment: PY (.venv/bin/python); extra arguments go to scripts/faults.py.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}

if ! "$PY" -c 'import gunicorn' 2>/dev/null; then
    echo "gunicorn is missing: .venv/bin/pip install -e '.[test]' (or pip install gunicorn)" >&2
    exit 1
fi

# Always a cluster of its own (also when bench.sh calls it from inside its cluster): the drill
# restarts the server. with-postgres.sh exports DATABASE_URL and PG_BIN, PG_DATA, PG_LOG.
exec timeout 900 bash scripts/with-postgres.sh "$PY" scripts/faults.py "$@"
