#!/usr/bin/env bash
# Web UI benchmark (issue 14; release build): a store with a 20-task DAG of 10,000 runs, served by
# `sluice api-server`:
#   - the grid page for 25 runs: p95 (goal < 50 ms) and size (goal < 200 KB); the DAG list likewise
#   - headless Chromium: the DAG list and the grid complete (no request pending) after navigation (goal < 1 s)
#   - an open page with nothing running: requests in 30 s (goal <= 1)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sluice >/dev/null
SLUICE="$PWD/.build/release/sluice"
work=$(mktemp -d /tmp/sluice-bench-ui.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
proj="$work/proj"
mkdir -p "$proj/dags" .build/ui-screenshots && touch "$proj/sluice.yaml"
{ echo "dag_id: grid"; echo 'schedule: "@hourly"'; echo "start_date: 2020-01-01"; echo "catchup: false"
  echo "default_args: {connection: pg}"; echo "tasks:"
  for t in $(seq 0 19); do printf '  - {task_id: task_%02d, sql: "SELECT 1"}\n' "$t"; done; } > "$proj/dags/grid.yaml"
echo 'bench-password-1' | (cd "$proj" && "$SLUICE" users create bench --role viewer --password-stdin >/dev/null)
seeded=$(python3 bench/seed_store.py "$proj/.sluice/sluice.db" 10000 grid:20)
(cd "$proj" && exec "$SLUICE" api-server --port 0 >"$work/api.log" 2>&1) &
server=$!
until grep -q "api-server listening on" "$work/api.log" 2>/dev/null; do sleep 0.05; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$work/api.log" | head -1)
out=$(python3 bench/ui_bench.py "$url" bench bench-password-1 200 "$PWD/.build/ui-screenshots")
line() { echo "$out" | python3 -c "import json,sys; rows=[json.loads(l) for l in sys.stdin]; r=[x for x in rows if x.get(sys.argv[1])==sys.argv[2]][0]; print(r[sys.argv[3]])" "$@"; }
idle=$(echo "$out" | python3 -c "import json,sys; print([json.loads(l) for l in sys.stdin][-1]['idle_requests_30s'])")
echo "## Web UI ($(date -u +%Y-%m-%d), $(nproc) cores; store: $seeded runs/task instances of one 20-task DAG)"
echo
echo "| benchmark | median | p95 / max | goal |"
echo "| --- | --- | --- | --- |"
echo "| grid page, 25 runs x 20 tasks ($(line path '/dags/grid?runs=25' cells) cells, $(line path '/dags/grid?runs=25' kb) KB), 200 requests | $(line path '/dags/grid?runs=25' median_ms) ms | **$(line path '/dags/grid?runs=25' p95_ms) ms** | p95 < 50 ms, < 200 KB |"
echo "| DAG list page ($(line path / kb) KB), 200 requests | $(line path / median_ms) ms | $(line path / p95_ms) ms | |"
echo "| headless Chromium: DAG list complete after navigation (5 loads) | $(line page dags complete_ms_median) ms | **$(line page dags complete_ms_max) ms** | < 1 s |"
echo "| headless Chromium: grid complete after navigation (5 loads) | $(line page grid complete_ms_median) ms | **$(line page grid complete_ms_max) ms** | < 1 s |"
echo "| requests of an open grid in 30 s, nothing running | **$idle** | | <= 1 |"
