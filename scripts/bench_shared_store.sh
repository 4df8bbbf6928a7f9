#!/usr/bin/env bash
# The shared metadata store (issue 15): the same 18,250 task instances (365 daily runs x 50 `SELECT 1` tasks,
# created and run by schedulers: catchup) on the SQLite store with one scheduler, and on a PostgreSQL store
# with 1, 2 and 3 schedulers (each with its own SLUICE_HOME). Release build, one PostgreSQL 15 for the
# tasks and the store, rounds interleaved, medians of 3. Time: from the schedulers' start until all 365 runs
# have succeeded.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sluice >/dev/null
SLUICE="$PWD/.build/release/sluice"

work=$(mktemp -d /tmp/sluice-bench-shared.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -KILL "$p" 2>/dev/null || true; done
  bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
uri=$(bash scripts/pg-test-server.sh start "$work/pg")
export SLUICE_CONN_PG="$uri"
mkdir -p "$work/proj/dags" && touch "$work/proj/sluice.yaml"
{
  echo "dag_id: bench_shared"
  echo "schedule: \"@daily\""
  echo "start_date: 2025-01-01"
  echo "end_date: 2025-12-31"
  echo "catchup: true"
  echo "max_active_runs: 16"
  echo "max_active_tasks: 16"
  echo "default_args: {connection: pg}"
  echo "tasks:"
  for i in $(seq 1 50); do echo "  - {task_id: t$i, sql: \"SELECT 1\"}"; done
} > "$work/proj/dags/shared.yaml"

# succeeded STORE: how many runs succeeded, and when the last of them ended (seconds since the epoch, from the
# store: the time is exact however seldom it is asked, so asking once a second takes little CPU from the run).
succeeded() {
  case "$1" in
    sqlite:*) python3 -c "import sqlite3,sys; print('%d %s' % sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*), coalesce(max(ended_at), 0) / 1e6 FROM dag_run WHERE state='success'\").fetchone())" "${1#sqlite:}" 2>/dev/null || echo "0 0" ;;
    *) psql "${uri%/postgres}/$1" -XAtqF ' ' -c "SELECT count(*), coalesce(max(ended_at), 0) / 1e6 FROM dag_run WHERE state = 'success'" 2>/dev/null || echo "0 0" ;;
  esac
}

# run_variant NAME PROCESSES ROUND: prints the seconds until 365 runs succeeded. Each variant and round has
# homes of its own (logs, the SQLite store), all deleted at the end: deleting 18,250 log files between
# variants made the next one's first writes in the same folders slower (ext4 looks for recently deleted
# entries), a cost of the benchmark rather than of the variant.
run_variant() {
  local name=$1 n=$2 round=$3 store env_url="" homes
  homes="$work/homes-$name-$n-$round"
  mkdir -p "$homes"
  if [ "$name" = sqlite ]; then
    store="sqlite:$homes/home-1/sluice.db"
  else
    store="shared_$RANDOM$RANDOM"
    psql "$uri" -XAtqc "CREATE DATABASE $store" >/dev/null
    env_url="${uri%/postgres}/$store"
    SLUICE_METADATA_URL="$env_url" "$SLUICE" db migrate >/dev/null
  fi
  local start end busy0 busy1
  start=$(date +%s.%N)
  busy0=$(busy_jiffies)
  pids=()
  for i in $(seq 1 "$n"); do
    if [ "$name" = sqlite ]; then
      (cd "$work/proj" && SLUICE_HOME="$homes/home-$i" exec "$SLUICE" scheduler --quiet >/dev/null 2>"$work/sched-$i.err") &
    else
      (cd "$work/proj" && SLUICE_HOME="$homes/home-$i" SLUICE_METADATA_URL="$env_url" exec "$SLUICE" scheduler --quiet >/dev/null 2>"$work/sched-$i.err") &
    fi
    pids+=($!)
  done
  local deadline=$(( $(date +%s) + 900 )) count=0
  while :; do
    read -r count end <<< "$(succeeded "$store")"
    [ "$count" -ge 365 ] && break
    if [ "$(date +%s)" -gt "$deadline" ]; then echo "timed out: $count of 365 runs" >&2; cat "$work"/sched-*.err >&2; exit 1; fi
    sleep 1
  done
  busy1=$(busy_jiffies)
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
  # Each variant's store goes with it, so no later variant shares the server with its leftovers (autovacuum).
  if [ "$name" != sqlite ]; then psql "$uri" -XAtqc "DROP DATABASE $store" >/dev/null; fi
  python3 -c "print(f'{$end - $start:.1f} {($busy1 - $busy0) / $(getconf CLK_TCK):.1f}')"
}

# busy_jiffies: the CPU time the whole machine spent busy (user, nice, system, irq, softirq) since boot, in
# clock ticks: schedulers, PostgreSQL and the kernel's work for them together.
busy_jiffies() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

echo "## Shared metadata store ($(date -u +%Y-%m-%d), $(nproc) cores)"
echo
echo "| store | schedulers | runs (s) | median | per task instance | machine CPU (median) |"
echo "| --- | --- | --- | --- | --- | --- |"
# BENCH_SHARED_ROUNDS and BENCH_SHARED_VARIANTS ("store processes" pairs, comma-separated) narrow a run while
# working on it; `make bench` uses the defaults.
IFS=, read -r -a variants <<< "${BENCH_SHARED_VARIANTS:-sqlite 1,postgres 1,postgres 2,postgres 3}"
rounds=${BENCH_SHARED_ROUNDS:-3}
declare -A times cpus
for round in $(seq 1 "$rounds"); do
  for v in "${variants[@]}"; do
    read -r name n <<< "$v"
    read -r t cpu <<< "$(run_variant "$name" "$n" "$round")"
    echo "$v, round $round: $t s, machine CPU $cpu s" >&2
    times[$v]="${times[$v]:-} $t"
    cpus[$v]="${cpus[$v]:-} $cpu"
  done
done
declare -A medians
for v in "${variants[@]}"; do
  read -r name n <<< "$v"
  read -r -a t <<< "${times[$v]}"
  median=$(printf '%s\n' "${t[@]}" | sort -n | sed -n "$(( (${#t[@]} + 1) / 2 ))p")
  read -r -a c <<< "${cpus[$v]}"
  cpu=$(printf '%s\n' "${c[@]}" | sort -n | sed -n "$(( (${#c[@]} + 1) / 2 ))p")
  medians[$v]=$median
  runs=$(printf '%s, ' "${t[@]}")
  echo "| $name | $n | ${runs%, } | **$median s** | $(python3 -c "print(f'{$median*1000/18250:.2f}')") ms | $cpu s |"
done
echo
[ -n "${medians[sqlite 1]:-}" ] && [ -n "${medians[postgres 1]:-}" ] && [ -n "${medians[postgres 3]:-}" ] || exit 0
python3 - "${medians[sqlite 1]}" "${medians[postgres 1]}" "${medians[postgres 3]}" <<'PY'
import sys
sqlite, pg1, pg3 = map(float, sys.argv[1:])
print(f"PostgreSQL with 1 scheduler: {pg1 / sqlite:.2f}x SQLite's time (goal: within 2x); "
      f"3 schedulers: {pg3 / pg1:.2f}x 1 scheduler's time (goal: at most 1x)")
PY
