#!/usr/bin/env bash
# API benchmark (issue 13; release build): a store seeded with 100,000 runs and 1,000,000 task instances
# (5 DAGs x 20,000 hourly runs; the DAG `grid` has 20 tasks), served by `sluice api-server`:
#   - p95 of GET /api/v2/dags/grid/dagRuns?limit=100&order_by=-run_after           (goal < 25 ms)
#   - p95 of the task instances of grid's 25 latest runs, one request each, and all in one request (goal < 25 ms)
#   - GET /api/v2/monitor/health requests per second with wrk                         (goal > 5,000/s)
#   - the api-server's peak RSS on that store                                         (goal < 80 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq wrk >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null; }
fi
swift build -c release --product sluice >/dev/null
SLUICE="$PWD/.build/release/sluice"

work=$(mktemp -d /tmp/sluice-bench-api.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
proj="$work/proj"
mkdir -p "$proj/dags" && touch "$proj/sluice.yaml"
write_dag() {
  { echo "dag_id: $1"; echo 'schedule: "@hourly"'; echo "start_date: 2020-01-01"; echo "catchup: false"
    echo "default_args: {connection: pg}"; echo "tasks:"
    for t in $(seq 0 $(($2 - 1))); do printf '  - {task_id: task_%02d, sql: "SELECT 1"}\n' "$t"; done; } > "$proj/dags/$1.yaml"
}
write_dag grid 20; write_dag d1 8; write_dag d2 8; write_dag d3 7; write_dag d4 7
echo 'bench-password-1' | (cd "$proj" && "$SLUICE" users create bench --role viewer --password-stdin >/dev/null)   # creates the store
seeded=$(python3 bench/seed_store.py "$proj/.sluice/sluice.db" 20000 grid:20 d1:8 d2:8 d3:7 d4:7)
echo "seeded: $seeded (runs, task instances)" >&2
(cd "$proj" && exec "$SLUICE" api-server --port 0 >"$work/api.log" 2>&1) &
server=$!
until grep -q "api-server listening on" "$work/api.log" 2>/dev/null; do sleep 0.05; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$work/api.log" | head -1)
token=$(curl -s -X POST "$url/auth/token" -H 'Content-Type: application/json' -d '{"username": "bench", "password": "bench-password-1"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
runs=$(python3 bench/api_latency.py "$url" "$token" 200 "/api/v2/dags/grid/dagRuns?limit=100&order_by=-run_after")
latest=$(curl -s "$url/api/v2/dags/grid/dagRuns?limit=25&order_by=-run_after" -H "Authorization: Bearer $token" \
  | python3 -c 'import json,sys,urllib.parse; print(" ".join("/api/v2/dags/grid/dagRuns/" + urllib.parse.quote(r["dag_run_id"], safe="") + "/taskInstances" for r in json.load(sys.stdin)["dag_runs"]))')
# shellcheck disable=SC2086
tis=$(python3 bench/api_latency.py "$url" "$token" 20 $latest | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
print(json.dumps({"median_ms": max(r["median_ms"] for r in rows), "p95_ms": max(r["p95_ms"] for r in rows)}))')
# The same 25 runs' 500 task instances in one request, newest run first: as a grid asks for them (from the
# 25th run's run_after: the count covers what is shown), and as a page of the whole DAG (the count covers
# its 400,000 task instances).
cutoff=$(curl -s "$url/api/v2/dags/grid/dagRuns?limit=25&order_by=-run_after" -H "Authorization: Bearer $token" \
  | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["dag_runs"][-1]["run_after"], safe=""))')
grid=$(python3 bench/api_latency.py "$url" "$token" 100 "/api/v2/dags/grid/dagRuns/~/taskInstances?limit=500&run_after_gte=$cutoff")
page=$(python3 bench/api_latency.py "$url" "$token" 100 "/api/v2/dags/grid/dagRuns/~/taskInstances?limit=500")
health=$(wrk -t2 -c32 -d10s "$url/api/v2/monitor/health" | awk '/Requests\/sec/ {print $2}')
rss=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
echo "## API ($(date -u +%Y-%m-%d), $(nproc) cores; store: $seeded runs/task instances)"
echo
echo "| benchmark | median | p95 | goal |"
echo "| --- | --- | --- | --- |"
echo "| GET .../dagRuns?limit=100&order_by=-run_after (200 requests) | $(field "$runs" median_ms) ms | **$(field "$runs" p95_ms) ms** | p95 < 25 ms |"
echo "| task instances of the 25 latest runs of a 20-task DAG (25 x 20 requests; worst run) | $(field "$tis" median_ms) ms | **$(field "$tis" p95_ms) ms** | p95 < 25 ms |"
echo "| the same $(field "$grid" items) task instances in one request: GET .../dagRuns/~/taskInstances?limit=500&run_after_gte=<25th run> (100 requests) | $(field "$grid" median_ms) ms | **$(field "$grid" p95_ms) ms** | p95 < 25 ms |"
echo "| a page of $(field "$page" items) of all 400,000: GET .../dagRuns/~/taskInstances?limit=500 (100 requests) | $(field "$page" median_ms) ms | $(field "$page" p95_ms) ms | |"
echo "| GET /api/v2/monitor/health, wrk 2 threads 32 connections 10 s | **${health} requests/s** | | > 5,000/s |"
echo "| api-server peak RSS on that store | **$((rss / 1024)) MB** | | < 80 MB |"
