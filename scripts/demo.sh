#!/usr/bin/env bash
# `make demo`: Sluice on an embedded default, end to end.
#   1. a throwaway local PostgreSQL (initdb in a temporary folder, a free port) with a small `metrics`
#      table shaped like the CrateDB tutorial's,
#   2. a week's backfill of the example DAG postgres_daily_rollup against it (SQLite metadata in ./.sluice),
#   3. `sluice standalone` in the foreground: the scheduler, printing what it does, and the REST API with a login.
# Ctrl-C stops the scheduler gracefully, then the database; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product sluice 2>&1 | tail -1
SLUICE=".build/release/sluice"

work=$(mktemp -d /tmp/sluice-demo.XXXXXX)
chmod 755 "$work"   # the postgres user must reach its cluster folder inside
cleanup() {
  trap - EXIT INT TERM
  bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
  echo "demo: stopped the scheduler and the throwaway PostgreSQL"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting a throwaway PostgreSQL"
uri=$(bash scripts/pg-test-server.sh start "$work/pg")
echo "   $uri"
psql "$uri" -X -q -v ON_ERROR_STOP=1 -v rows=60000 -f scripts/demo_metrics.sql

export SLUICE_CONN_WAREHOUSE="$uri"
export SLUICE_HOME="$PWD/.sluice"
export SLUICE_DAGS_FOLDER="$PWD/dags"
export SLUICE_DEST_LAKE="file://$PWD/lake"

echo "== the DAGs"
$SLUICE dags list
echo
echo "== backfill: postgres_daily_rollup over the last week"
from=$(date -u -d "8 days ago" +%Y-%m-%d)
to=$(date -u -d "2 days ago" +%Y-%m-%d)
$SLUICE dags backfill postgres_daily_rollup --start-date "$from" --end-date "$to" --reprocess all
echo
psql "$uri" -X -c "SELECT day, count(*) AS names, sum(readings) AS readings FROM metrics_daily GROUP BY day ORDER BY day"
echo "== backfill: metrics_lake_export, the same week as Parquet in ./lake (year=/month=/day=, audited, then published)"
$SLUICE dags backfill metrics_lake_export --start-date "$from" --end-date "$to" --reprocess all
echo
query="SELECT year, month, day, count(*) AS rows, count(DISTINCT name) AS names, min(\"timestamp\") AS first, max(\"timestamp\") AS last
FROM read_parquet('lake/metrics/*/*/*/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY ALL"
echo "== the lake, read back by DuckDB:"
echo "$query"
python3 -c "import duckdb, sys; duckdb.sql(sys.argv[1]).show()" "$query"
echo
echo "== sluice standalone: the scheduler, the REST API and the web UI (Ctrl-C to stop); open the URL it prints and log in as admin with the password in .sluice/standalone_admin_password. The CrateDB example is paused: there is no CrateDB here"
$SLUICE dags pause cratedb_table_export
$SLUICE standalone --port "${SLUICE_DEMO_PORT:-8080}" &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid; exit 130' INT TERM
wait $pid
