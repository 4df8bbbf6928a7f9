#!/usr/bin/env bash
# Export benchmark (`make bench` calls it): Sluice's `export` task against psql's COPY and DuckDB's
# postgres_scanner, side by side in one run, on the 5,000,000-row `metrics` table of
# ../shared/bench/gen_metrics.sql. Prints a Markdown table: median seconds of 3 runs, output size and
# peak RSS (from /usr/bin/time -v) of each, for one day's slice and for the whole table.
#
#   scripts/bench_export.sh                 # starts its own PostgreSQL and loads the table (slow)
#   BENCH_PG_URI=postgresql://... scripts/bench_export.sh   # reuse a server that has `metrics` loaded
#   BENCH_ROWS=500000 BENCH_RUNS=1 scripts/bench_export.sh  # a quicker, smaller run
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
if [ ! -d "$SHARED" ]; then
  # In a git worktree, ../shared sits beside the main checkout.
  common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  [ -n "$common" ] && SHARED=$(dirname "$(dirname "$common")")/shared/bench
fi
ROWS=${BENCH_ROWS:-5000000}
RUNS=${BENCH_RUNS:-3}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench_export: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d /tmp/sluice-bench-export.XXXXXX)
chmod 755 "$work"
owned_pg=""
cleanup() {
  if [ -n "$owned_pg" ]; then bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -n "${BENCH_PG_URI:-}" ]; then
  URI=$BENCH_PG_URI
else
  URI=$(bash scripts/pg-test-server.sh start "$work/pg")
  owned_pg=1
  echo "loading $ROWS rows into metrics (this takes a while)..." >&2
  psql "$URI" -X -q -v rows="$ROWS" -v start="'2026-01-01'" -f "$SHARED/gen_metrics.sql" >/dev/null
fi
PORT=$(python3 -c "import sys, urllib.parse as u; print(u.urlparse(sys.argv[1]).port)" "$URI")
DSN="host=127.0.0.1 port=$PORT user=postgres dbname=postgres"
psql "$URI" -X -q -c "VACUUM ANALYZE metrics" >/dev/null

swift build -c release --product sluice >/dev/null
SLUICE="$ROOT/.build/release/sluice"

# A project with one DAG per (format, compression): day = delta export of 2026-01-15, all = full export.
proj="$work/project"
mkdir -p "$proj/dags" "$work/lake"
for cfg in "csv none" "csv zstd" "jsonl none" "parquet zstd" "parquet snappy"; do
  set -- $cfg
  for scope in day all; do
    mode=$([ "$scope" = day ] && echo delta || echo full)
    cat >"$proj/dags/bench_${1}_${2}_${scope}.yaml" <<EOF
dag_id: bench_${1}_${2}_${scope}
schedule: "@daily"
start_date: 2026-01-01
catchup: false
default_args: {connection: bench}
tasks:
  - task_id: export
    type: export
    table: metrics
    timestamp_column: timestamp
    mode: $mode
    format: $1
    compression: $2
    destination: lake
    path: "bench/${1}-${2}-${scope}/day={{ ds }}"
EOF
  done
done

export SLUICE_CONN_BENCH=$URI SLUICE_DEST_LAKE="file://$work/lake" SLUICE_DAGS_FOLDER="$proj/dags"
DAY_SQL="SELECT * FROM metrics WHERE \"timestamp\" >= '2026-01-15T00:00:00+00:00'::timestamptz AND \"timestamp\" < '2026-01-16T00:00:00+00:00'::timestamptz"
ALL_SQL="SELECT * FROM metrics"

# measure NAME OUTPUT_FILE_OR_DIR COMMAND...: runs RUNS times, prints "seconds size rss_mb" (medians).
measure() {
  local out=$1; shift
  local times=() rss=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$work/lake/bench" "$work/out"* "$work/home"; mkdir -p "$work/lake"
    local start end
    start=$(date +%s.%N)
    SLUICE_HOME="$work/home" $TIME -v -o "$work/time.txt" bash -c "$1" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; return 1; }
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
    # Peak RSS of the whole pipeline's largest process (GNU time reports the child's max RSS, in KB).
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")")
  done
  local size="-"
  if [ -n "$out" ] && [ -e "$out" ]; then size=$(du -sb "$out" | cut -f1); fi
  python3 - "$size" "${times[*]}" "${rss[*]}" <<'PY'
import statistics, sys
size, times, rss = sys.argv[1], [float(t) for t in sys.argv[2].split()], [int(r) for r in sys.argv[3].split()]
s = "-" if size == "-" else f"{int(size) / 1e6:.0f} MB"
print(f"| {statistics.median(times):.2f} | {s} | {statistics.median(rss) / 1024:.0f} MB |")
PY
}

row() { printf "| %s | %s " "$1" "$2"; shift 2; measure "$@"; }

export URI DSN SHARED work SLUICE
DUCK="python3 $SHARED/duckdb_pg_export.py"
export DUCK
echo "## Export: metrics, $ROWS rows ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), medians of $RUNS"
echo
for scope in day all; do
  if [ "$scope" = day ]; then Q=$DAY_SQL; else Q=$ALL_SQL; fi
  export Q scope
  echo "### $([ "$scope" = day ] && echo "one day (2026-01-15)" || echo "whole table")"
  echo
  echo "| tool | output | seconds | size | peak RSS |"
  echo "| --- | --- | --- | --- | --- |"
  row "psql COPY binary > /dev/null" "-" "" 'psql "$URI" -X -q -c "COPY ($Q) TO STDOUT (FORMAT binary)" > /dev/null'
  row "psql COPY csv > file" "CSV" "$work/out.csv" 'psql "$URI" -X -q -c "COPY ($Q) TO STDOUT (FORMAT csv, HEADER)" > "$work/out.csv"'
  row "psql COPY csv \\| zstd -3" "CSV zstd" "$work/out.csv.zst" 'set -o pipefail; psql "$URI" -X -q -c "COPY ($Q) TO STDOUT (FORMAT csv, HEADER)" | zstd -q -3 > "$work/out.csv.zst"'
  for cfg in "csv none" "csv zstd" "jsonl none" "parquet zstd" "parquet snappy"; do
    set -- $cfg
    export F=$1 C=$2
    row "**sluice**" "$1 $2" "$work/lake/bench/$1-$2-$scope" '"$SLUICE" dags test "bench_${F}_${C}_${scope}" 2026-01-15'
  done
  row "DuckDB postgres_scanner" "JSON lines" "$work/out.json" 'PG_DSN="$DSN" $DUCK "$Q" "$work/out.json" json'
  row "DuckDB postgres_scanner" "parquet zstd" "$work/out.zstd.parquet" 'PG_DSN="$DSN" $DUCK "$Q" "$work/out.zstd.parquet" parquet zstd'
  row "DuckDB postgres_scanner" "parquet snappy" "$work/out.snappy.parquet" 'PG_DSN="$DSN" $DUCK "$Q" "$work/out.snappy.parquet" parquet snappy'
  row "pg_to_parquet.py --mode stream" "parquet zstd" "$work/out.py.parquet" 'python3 "$SHARED/pg_to_parquet.py" --dsn "$DSN" --query "$Q" --out "$work/out.py.parquet" --compression zstd --mode stream'
  echo
done
