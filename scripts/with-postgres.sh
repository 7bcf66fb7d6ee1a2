#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: a temporary directory, a free loopback
# port, trust authentication; the cluster is stopped and removed when the command ends.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/monitoring-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# initdb refuses to run as root, so the cluster belongs to the postgres user there.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    as_owner=(runuser -u postgres --)
fi

stop() {
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" \
    start >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/monitoring"
# For scripts that act on the server itself (scripts/faults.py restarts it):
#   ${PG_AS_OWNER} "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -m fast -w restart
export PG_BIN=$bin PG_DATA=$dir/data PG_LOG=$dir/server.log PG_AS_OWNER="${as_owner[*]}"
"$@"
