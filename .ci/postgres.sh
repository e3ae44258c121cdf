#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 on 127.0.0.1 on a free port (initdb + pg_ctl, trust auth, data in a temp
# folder) and print the URL on stdout. Stop it with: .ci/postgres.sh stop DATADIR
# Installs the Debian package only if initdb is missing. initdb refuses to run as root, so as root the server
# runs as the 'postgres' system user (created by the package) or a throwaway user.
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
    dir="$2"
    as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u "$(stat -c %U "$dir")" -- "$@"; else "$@"; fi; }
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    exit 0
fi

find_bin() {
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}
if ! PGBIN=$(find_bin); then
    echo "installing PostgreSQL 15 (Debian package)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >&2 \
        || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    PGBIN=$(find_bin)
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
dir=$(mktemp -d /tmp/ml-pg.XXXXXX)
chmod 755 "$dir"
owner=$(id -un)
if [ "$(id -u)" = 0 ]; then
    if id -u postgres >/dev/null 2>&1; then
        owner=postgres
    else
        useradd --system --no-create-home mlpostgres >/dev/null 2>&1 || true
        owner=mlpostgres
    fi
    chown "$owner" "$dir"
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi; }
as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=60" start >/dev/null
echo "PGDIR=$dir"
echo "PGBIN=$PGBIN"
echo "MASTERY_LEDGER_TEST_PG=postgresql://postgres@127.0.0.1:$port/postgres"
