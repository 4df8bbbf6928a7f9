#!/usr/bin/env bash
# Runs the whole suite against real servers it starts itself: a throwaway PostgreSQL
# (initdb in a temporary folder, a free port), stopped at the end whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/sluice-test.XXXXXX)
chmod 755 "$work"   # the postgres user must reach its cluster folder inside
cleanup() {
  bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

SLUICE_TEST_PG_URI=$(bash scripts/pg-test-server.sh start "$work/pg")
export SLUICE_TEST_PG_URI
echo "test PostgreSQL: $SLUICE_TEST_PG_URI"

bash scripts/check-traps.sh
swift build --build-tests
set +e
swift test --skip-build --disable-swift-testing 2>&1 | tee "$work/test.log" | grep -vE "^Test Case .* (started|passed)"
status=${PIPESTATUS[0]}
# The store's shared suites and the CLI suites that work on either store, again on a PostgreSQL metadata
# store (SLUICE_TEST_STORE=postgres: each test gets its own database on the test server).
echo "again on a PostgreSQL metadata store:"
SLUICE_TEST_STORE=postgres swift test --skip-build --disable-swift-testing \
  --filter 'SluiceStoreTests\.(MetadataStore|NotificationOutbox|RunReference)|SluiceCLITests\.(ExecutionCommandsTests|TasksCommandsTests|StatusCommandsTests|APIRunsCLITests|APIBackfillCLITests)' \
  2>&1 | tee "$work/test-pg.log" | grep -vE "^Test Case .* (started|passed)"
pg_status=${PIPESTATUS[0]}
set -e
# One plain closing line: the totals of XCTest's last summary of each run.
total=0
failed=0
for log in "$work/test.log" "$work/test-pg.log"; do
  summary=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1)
  if [ -n "$summary" ]; then
    total=$((total + $(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')))
    failed=$((failed + $(echo "$summary" | sed -E 's/.*with ([0-9]+) failures?.*/\1/')))
  fi
done
echo "tests: $((total - failed)) passed, $failed failed"
if [ "$status" -ne 0 ]; then exit "$status"; fi
exit "$pg_status"
