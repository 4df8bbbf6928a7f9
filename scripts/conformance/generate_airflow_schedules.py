#!/usr/bin/env python3
"""Compute with Apache Airflow 3.3.2 the first runs of DAGs whose cron uses croniter's extensions.

    /work/venv-airflow/bin/python scripts/conformance/generate_airflow_schedules.py

Same format as ../shared/conformance/airflow_schedules.json (a list of DAGs, each with the runs Airflow's
timetable creates, in order), plus `id` and, when Airflow rejects the schedule, `error`
("ExceptionClass: message") with no runs. The runs come from Airflow's core CronTriggerTimetable /
CronDataIntervalTimetable next_dagrun_info(), called as the scheduler calls it with catchup on. Trigger cases
with `interval_seconds` also carry `manual_runs`: what a manual run at each tick's time gets
(infer_manual_data_interval, as `airflow dags trigger`/`dags test` use it).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from datetime import timedelta

import pendulum
from airflow.timetables.base import TimeRestriction
from airflow.timetables.interval import CronDataIntervalTimetable
from airflow.timetables.trigger import CronTriggerTimetable

REPO = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = REPO / "Tests/SluiceCoreTests/Schedules/Conformance/airflow-3.3.2-cron-extensions.json"
RUNS_PER_DAG = 6

# (schedule, local start date): the cron extensions croniter accepts (L, nL, #, ?, wrapping ranges, 7 for
# Sunday) next to month ends, a leap year and the 2021 DST changes.
SCHEDULES = [
    ("0 0 L * *", "2021-01-01"),
    ("0 6 L * *", "2020-01-15"),
    ("30 2 L * *", "2021-02-15"),
    ("0 0 15,L * *", "2021-01-01"),
    ("0 0 L 2 *", "2019-01-01"),
    ("0 0 * * 5L", "2021-01-01"),
    ("30 2 * * 0L", "2021-01-01"),
    ("0 12 * * 1#1", "2021-01-01"),
    ("0 12 * * 5#3", "2021-01-01"),
    ("0 12 * * 1#5", "2021-01-01"),
    ("30 2 * * 0#5", "2021-01-01"),
    ("0 0 ? * MON", "2021-03-20"),
    ("0 6 1 * ?", "2021-01-01"),
    ("0 0 * * FRI-MON", "2021-03-24"),
    ("0 0 * * 7", "2021-03-20"),
    ("0 0 * * SAT-SUN", "2021-10-25"),
    ("0 0 29 2 *", "2019-06-01"),
    ("0 0 1 */3 *", "2021-01-01"),
    ("0 0 * * 1-5/2", "2021-03-22"),
    ("0 0 L-3 * *", "2021-01-01"),
    ("0 0 LW * *", "2021-01-01"),
]
ZONES = ["UTC", "Europe/Berlin"]
# (schedule, local start date, interval in seconds): CronTriggerTimetable(..., interval=...), whose runs take
# their logical date from the data interval's start (issue 11, item 5), across the 2021 DST changes.
TRIGGER_INTERVALS = [
    ("30 1 * * *", "2021-03-24", 86_400),
    ("0 3 * * *", "2021-03-25", 86_400),
    ("0 2 * * *", "2021-10-29", 86_400),
    ("0 * * * *", "2021-03-28", 3_600),
    ("0 0 * * MON", "2021-03-20", 7 * 86_400),
    ("0 6 L * *", "2021-01-15", 2 * 86_400),
    ("15 9 * * 1-5", "2021-10-28", 36_000),
]
TIMETABLES = {"trigger": CronTriggerTimetable, "interval": CronDataIntervalTimetable}


def iso(value) -> str:
    return pendulum.instance(value).in_timezone("UTC").isoformat()


def runs_for(schedule: str, timetable_kind: str, zone: str, start, interval: int = 0) -> list[dict]:
    if interval:
        timetable = CronTriggerTimetable(schedule, timezone=pendulum.timezone(zone), interval=timedelta(seconds=interval))
    else:
        timetable = TIMETABLES[timetable_kind](schedule, timezone=pendulum.timezone(zone))
    timetable.validate()
    restriction = TimeRestriction(earliest=start, latest=None, catchup=True)
    runs, last = [], None
    for _ in range(RUNS_PER_DAG):
        info = timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
        if info is None:
            break
        runs.append({
            "logical_date": iso(info.logical_date),
            "data_interval_start": iso(info.data_interval.start),
            "data_interval_end": iso(info.data_interval.end),
            "run_after": iso(info.run_after),
        })
        last = info.data_interval
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    args = parser.parse_args()
    out = []
    for number, (schedule, day) in enumerate(SCHEDULES, start=1):
        for zone in ZONES:
            for kind in TIMETABLES:
                start = pendulum.parse(day, tz=pendulum.timezone(zone))
                case = {
                    "id": f"cron-{number:03d}-{kind}@{zone}",
                    "schedule": schedule, "timetable": kind, "timezone": zone,
                    "start_date": start.isoformat(), "catchup": True,
                }
                try:
                    case["runs"], case["error"] = runs_for(schedule, kind, zone, start), None
                except Exception as error:  # noqa: BLE001 - Airflow's refusal is the answer
                    case["runs"], case["error"] = [], f"{type(error).__name__}: {error}"
                out.append(case)
    for number, (schedule, day, interval) in enumerate(TRIGGER_INTERVALS, start=1):
        for zone in ZONES:
            start = pendulum.parse(day, tz=pendulum.timezone(zone))
            case = {
                "id": f"trigger-interval-{number:03d}@{zone}",
                "schedule": schedule, "timetable": "trigger", "timezone": zone, "interval_seconds": interval,
                "start_date": start.isoformat(), "catchup": True,
            }
            case["runs"], case["error"] = runs_for(schedule, "trigger", zone, start, interval), None
            # A manual run (dags trigger / test) at each of those ticks: infer_manual_data_interval.
            timetable = CronTriggerTimetable(schedule, timezone=pendulum.timezone(zone), interval=timedelta(seconds=interval))
            case["manual_runs"] = []
            for run in case["runs"]:
                at = pendulum.parse(run["run_after"])
                manual = timetable.infer_manual_data_interval(run_after=at)
                case["manual_runs"].append({
                    "logical_date": iso(at), "data_interval_start": iso(manual.start),
                    "data_interval_end": iso(manual.end), "run_after": iso(at),
                })
            out.append(case)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(out, indent=1) + "\n")
    errors = sum(1 for c in out if c["error"])
    print(f"{len(out)} schedules ({errors} rejected) -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
