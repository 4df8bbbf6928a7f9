#!/usr/bin/env bash
# Execution benchmarks (release build, real PostgreSQL started here):
#  1. a backfill of 365 daily runs of a DAG with 50 `SELECT 1` tasks (18,250 task instances), 3 runs, median;
#  2. the scheduler idling with 20 DAGs loaded: CPU share and RSS over 30 s.
# With SLUICE_BASELINE=/path/to/an/older/sluice, the same benchmarks run with that binary too, interleaved
# run by run with this build's, so a change is compared with its baseline in one run on one machine.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sluice >/dev/null
SLUICE="$PWD/.build/release/sluice"

work=$(mktemp -d /tmp/sluice-bench.XXXXXX)
chmod 755 "$work"   # the postgres user must reach its cluster folder inside
cleanup() { bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
uri=$(bash scripts/pg-test-server.sh start "$work/pg")
export SLUICE_CONN_PG="$uri"
mkdir -p "$work/proj/dags" && touch "$work/proj/sluice.yaml"   # a project: state in its .sluice/
{
  echo "dag_id: bench_select1"
  echo "schedule: \"@daily\""
  echo "start_date: 2025-01-01"
  echo "max_active_runs: 16"
  echo "max_active_tasks: 16"
  echo "default_args: {connection: pg}"
  echo "tasks:"
  for i in $(seq 1 50); do echo "  - {task_id: t$i, sql: \"SELECT 1\"}"; done
} > "$work/proj/dags/select1.yaml"

echo "## Execution ($(date -u +%Y-%m-%d), $(nproc) cores)"
echo
echo "| benchmark | binary | run 1 | run 2 | run 3 | median | goal |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
binaries=("$SLUICE")
[ -n "${SLUICE_BASELINE:-}" ] && binaries+=("$SLUICE_BASELINE")
declare -A times
for run in 1 2 3; do
  for bin in "${binaries[@]}"; do
    rm -rf "$work/proj/.sluice"
    start=$(date +%s.%N)
    (cd "$work/proj" && "$bin" dags backfill bench_select1 --start-date 2025-01-01 --end-date 2025-12-31 >/dev/null 2>"$work/backfill.err") || { cat "$work/backfill.err"; exit 1; }
    end=$(date +%s.%N)
    times[$bin]="${times[$bin]:-} $(python3 -c "print(f'{$end - $start:.1f}')")"
  done
done
for bin in "${binaries[@]}"; do
  read -r -a t <<< "${times[$bin]}"
  median=$(printf '%s\n' "${t[@]}" | sort -n | sed -n 2p)
  label=$([ "$bin" = "$SLUICE" ] && echo "this build" || echo "baseline")
  echo "| backfill 365 runs x 50 \`SELECT 1\` tasks (18,250 task instances) | $label | ${t[0]} s | ${t[1]} s | ${t[2]} s | **$median s** ($(python3 -c "print(f'{$median*1000/18250:.2f}')") ms per task instance) | < 60 s |"
done
tis=$(cd "$work/proj" && "$SLUICE" runs list --dag bench_select1 --limit 1000 --json | python3 -c "import json,sys; r=json.load(sys.stdin); print(sum(1 for x in r if x['state']=='success'))")
[ "$tis" = 365 ] || { echo "only $tis of 365 runs succeeded" >&2; exit 1; }

# The idle daemon: 20 DAGs (schedules far in the future: nothing due), CPU and RSS over 30 s.
mkdir -p "$work/idle/dags" && touch "$work/idle/sluice.yaml"
for i in $(seq 1 20); do
  printf 'dag_id: idle_%s\nschedule: "0 3 1 1 *"\nstart_date: 2030-01-01\ndefault_args: {connection: pg}\ntasks:\n  - {task_id: a, sql: "SELECT 1"}\n  - {task_id: b, sql: "SELECT 2", depends_on: a}\n' "$i" > "$work/idle/dags/idle_$i.yaml"
done
for bin in "${binaries[@]}"; do
rm -rf "$work/idle/.sluice"
(cd "$work/idle" && exec "$bin" scheduler --quiet >/dev/null 2>&1) &
pid=$!
sleep 5
ticks=$(getconf CLK_TCK)
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$pid/stat)
sleep 30
read -r u2 s2 < <(awk '{print $14, $15}' /proc/$pid/stat)
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
kill -TERM $pid; wait $pid || true
cpu=$(python3 -c "print(f'{(($u2+$s2)-($u1+$s1))/$ticks/30*100:.2f}')")
label=$([ "$bin" = "$SLUICE" ] && echo "this build" || echo "baseline")
echo "| scheduler idle, 20 DAGs loaded, 30 s | $label | CPU $cpu % | RSS $((rss/1024)) MB | peak RSS $((hwm/1024)) MB | | < 1 % CPU, < 50 MB |"
done
