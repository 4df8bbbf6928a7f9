#!/usr/bin/env bash
# Notification delivery benchmark (release build, real PostgreSQL and a real HTTP receiver started here).
# A running scheduler is handed a run of 1,000 failing tasks while a 1,000-task backfill (50 daily runs x
# 20 tasks of `SELECT pg_sleep(0.02)`, so that it lasts as long as the delivery) runs in another process on
# the same project and store:
#   - with notifications: the failing DAG notifies `failed` to the receiver; delivery time is from the
#     trigger until the receiver has answered all 1,000 (goal < 10 s);
#   - without: the same 1,000 failing tasks from a DAG that notifies nobody.
# The backfill's time with notifications vs. without is the cost of delivery to other work (goal < +10 %).
# Each of 5 rounds measures both (in alternating order) on a fresh store; medians are reported.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sluice >/dev/null
SLUICE="$PWD/.build/release/sluice"

work=$(mktemp -d /tmp/sluice-bench-notify.XXXXXX)
chmod 755 "$work"
receiver_pid=""
cleanup() {
  [ -n "$receiver_pid" ] && kill "$receiver_pid" 2>/dev/null || true
  bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
uri=$(bash scripts/pg-test-server.sh start "$work/pg")
export SLUICE_CONN_PG="$uri"

# The receiver: answers 200 to every POST and counts them (one byte per request in a file).
cat > "$work/receiver.py" <<'EOF'
import os, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, count = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock, open(count, "ab") as f:
            f.write(b".")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
EOF
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
python3 "$work/receiver.py" "$port" "$work/count" &
receiver_pid=$!
export SLUICE_NOTIFY_OPS="http://127.0.0.1:$port/hook"

proj="$work/proj"
mkdir -p "$proj/dags" && touch "$proj/sluice.yaml"
for variant in notify quiet; do
  {
    echo "dag_id: fails_$variant"
    echo "schedule: null"
    echo "max_active_tasks: 64"
    [ "$variant" = notify ] && echo "notify: [{to: ops, on: [failed]}]"
    echo "default_args: {connection: pg, retries: 0}"
    echo "tasks:"
    for i in $(seq 1 1000); do echo "  - {task_id: f$i, sql: \"SELECT 1/0\"}"; done
  } > "$proj/dags/fails_$variant.yaml"
done
{
  echo "dag_id: backfill"
  echo "schedule: \"@daily\""
  echo "start_date: 2025-01-01"
  echo "end_date: 2025-04-30"
  echo "catchup: false"
  echo "max_active_runs: 16"
  echo "max_active_tasks: 16"
  echo "default_args: {connection: pg}"
  echo "tasks:"
  for i in $(seq 1 20); do echo "  - {task_id: t$i, sql: \"SELECT pg_sleep(0.02)\"}"; done
} > "$proj/dags/backfill.yaml"

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
delivered() { [ -f "$work/count" ] && stat -c %s "$work/count" || echo 0; }
failed_runs() {
  (cd "$proj" && "$SLUICE" runs list --dag "$1" --json) | python3 -c "import json,sys; r=json.load(sys.stdin); print(sum(1 for x in r if x['state'] == 'failed'))"
}

# One measurement: the failing run of fails_$1 handed to the scheduler, and a backfill of 50 days from $2.
measure() {
  local variant=$1 from=$2 to=$3
  local t0 t1 t2
  rm -f "$work/count"
  t0=$(now)
  (cd "$proj" && "$SLUICE" dags trigger "fails_$variant" >/dev/null)
  (cd "$proj" && "$SLUICE" dags backfill backfill --start-date "$from" --end-date "$to" >/dev/null 2>"$work/backfill.err") \
    || { cat "$work/backfill.err" >&2; exit 1; }
  t1=$(now)
  eval "backfill_$variant+=(\"$(elapsed "$t0" "$t1")\")"
  if [ "$variant" = notify ]; then
    while [ "$(delivered)" -lt 1000 ]; do
      kill -0 "$scheduler" 2>/dev/null || { echo "the scheduler died" >&2; cat "$work/scheduler.log" >&2; exit 1; }
      sleep 0.02
    done
    t2=$(now)
    delivery+=("$(elapsed "$t0" "$t2")")
  fi
  while [ "$(failed_runs "fails_$variant")" != 1 ]; do sleep 0.1; done   # the failing run ended
  if [ "$variant" = notify ]; then
    [ "$(delivered)" = 1000 ] || { echo "the receiver got $(delivered) requests for 1000 notifications" >&2; exit 1; }
  fi
}

backfill_notify=(); backfill_quiet=(); delivery=()
for round in 1 2 3 4 5; do
  rm -rf "$proj/.sluice"
  (cd "$proj" && exec "$SLUICE" scheduler --quiet >"$work/scheduler.log" 2>&1) &
  scheduler=$!
  until grep -q "scheduler started" "$work/scheduler.log" 2>/dev/null; do sleep 0.05; done
  if [ $((round % 2)) = 1 ]; then
    measure quiet 2025-01-01 2025-02-19; measure notify 2025-03-01 2025-04-19
  else
    measure notify 2025-01-01 2025-02-19; measure quiet 2025-03-01 2025-04-19
  fi
  kill -TERM "$scheduler"; wait "$scheduler" || true
  left=$(cd "$proj" && "$SLUICE" notifications list --pending --limit 5000 --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
  [ "$left" = 0 ] || { echo "$left notifications still pending after delivery" >&2; exit 1; }
done

median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
mq=$(median "${backfill_quiet[@]}"); mn=$(median "${backfill_notify[@]}"); md=$(median "${delivery[@]}")
slower=$(python3 -c "print(f'{($mn - $mq) / $mq * 100:+.1f}')")
echo "## Notifications ($(date -u +%Y-%m-%d), $(nproc) cores)"
echo
echo "| benchmark | runs | median | goal |"
echo "| --- | --- | --- | --- |"
echo "| 1,000 failing tasks run by the scheduler, each \`failed\` delivered to a local receiver (trigger to all answered) | ${delivery[*]} s | **$md s** | < 10 s |"
echo "| backfill 50 runs x 20 \`SELECT pg_sleep(0.02)\` (1,000 tasks) beside the failing run, no notifications | ${backfill_quiet[*]} s | **$mq s** | |"
echo "| the same backfill beside the failing run whose 1,000 notifications are delivered | ${backfill_notify[*]} s | **$mn s** ($slower %) | < +10 % |"
