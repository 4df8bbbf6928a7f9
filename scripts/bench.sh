#!/usr/bin/env bash
# `make bench`: release builds, side by side with the references, medians of several runs.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import jinja2, croniter" 2>/dev/null || python3 -m pip install -q jinja2 croniter
swift build -c release --product SluiceBench >/dev/null
echo "## Foundation: templates, schedules, DAG loading ($(date -u +%Y-%m-%d), $(nproc) cores)"
ref=$(python3 bench/reference_templates_cron.py bench)
.build/release/SluiceBench bench "$ref"
bash scripts/bench_execution.sh
bash scripts/bench_export.sh
bash scripts/bench_notifications.sh
bash scripts/bench_api.sh
bash scripts/bench_ui.sh
bash scripts/bench_shared_store.sh
