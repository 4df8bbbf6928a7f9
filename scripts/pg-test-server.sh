#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for tests.
#
#   scripts/pg-test-server.sh start DIR   # prints one line: postgresql://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-test-server.sh stop DIR    # stops the server and removes DIR
#
# The cluster lives in DIR/data with its unix socket in DIR, listens on a free TCP port of 127.0.0.1,
# trusts the `postgres` superuser and requires scram-sha-256 passwords for every other role (so tests can
# check password failures). fsync is off: the data is disposable. Both commands are idempotent and print
# nothing else on success; on failure they print the reason (and the server log's tail) on stderr.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() { echo "pg-test-server: $*" >&2; exit 1; }
usage() { echo "usage: $0 start DIR | stop DIR" >&2; exit 2; }

# initdb and postgres refuse to run as root: run them as the `postgres` user when we are root.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

uri_for() { echo "postgresql://postgres@127.0.0.1:$1/postgres"; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

is_running() { [ -f "$1/data/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

start() {
    local dir=$1
    [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL binaries in $PG_BIN (set PG_BIN)"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi

    if is_running "$dir" && [ -f "$dir/port" ]; then
        uri_for "$(cat "$dir/port")"
        return
    fi

    if [ ! -f "$dir/data/PG_VERSION" ]; then
        if ! as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
            >"$dir/initdb.log" 2>&1; then
            cat "$dir/initdb.log" >&2
            die "initdb failed in $dir/data"
        fi
        cat >"$dir/data/pg_hba.conf" <<'HBA'
local all all                    trust
host  all postgres 127.0.0.1/32  trust
host  all all      127.0.0.1/32  scram-sha-256
HBA
    fi

    # A free port can be taken between the probe and the bind: try a few.
    local port attempt
    for attempt in 1 2 3; do
        port=$(free_port)
        if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1; then
            break
        fi
        port=""
    done
    if [ -z "$port" ]; then
        tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
        die "the server in $dir/data did not start"
    fi

    local i
    for i in $(seq 1 60); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
            echo "$port" >"$dir/port"
            uri_for "$port"
            return
        fi
        sleep 0.5
    done
    tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
    die "the server on port $port is not ready after 30 s"
}

stop() {
    local dir=$1
    [ -e "$dir" ] || return 0
    if is_running "$dir"; then
        as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || die "pg_ctl could not stop the server in $dir/data"
    fi
    rm -rf "$dir"
}

[ $# -eq 2 ] || usage
case $1 in
    start) start "$2" ;;
    stop) stop "$2" ;;
    *) usage ;;
esac
