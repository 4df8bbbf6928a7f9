#!/usr/bin/env python3
"""Render template conformance cases with Apache Airflow 3.3.2 itself and write its answers.

Run with the Python of a virtualenv holding apache-airflow==3.3.2 (a data generator only, never a
dependency of Sluice):

    python3 -m venv /work/venv-airflow && /work/venv-airflow/bin/pip install apache-airflow==3.3.2
    /work/venv-airflow/bin/python scripts/conformance/generate_airflow_templates.py

For every case of template_cases.py and every run it names, this builds a DAG with airflow.sdk's DAG and
timetable classes, asks Airflow's core timetable for the run (logical date, data interval, run_after),
creates the task instance the task runner would (RuntimeTaskInstance with the run context the API server
sends), and calls its render_templates(): Airflow's own context, macros, SandboxedEnvironment,
StrictUndefined and filters. No database, no dag.test(). Errors are recorded as "ExceptionClass: message".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pathlib
import sys
import logging
import uuid

os.environ.setdefault("AIRFLOW_HOME", "/tmp/sluice-conformance-airflow-home")
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")

import airflow  # noqa: E402
import pendulum  # noqa: E402
from airflow.sdk import DAG, BaseOperator  # noqa: E402
from airflow.sdk.api.datamodels._generated import DagRun, TIRunContext  # noqa: E402
from airflow.sdk.definitions.timetables.interval import CronDataIntervalTimetable  # noqa: E402
from airflow.sdk.definitions.timetables.trigger import CronTriggerTimetable  # noqa: E402
from airflow.sdk.execution_time.task_runner import RuntimeTaskInstance  # noqa: E402
from airflow.timetables.base import TimeRestriction  # noqa: E402
from airflow.timetables.interval import CronDataIntervalTimetable as CoreCronDataIntervalTimetable  # noqa: E402
from airflow.timetables.trigger import CronTriggerTimetable as CoreCronTriggerTimetable  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from template_cases import CASES, CONNECTIONS, FILES, RUNS, VARIABLES  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = REPO / "Tests/SluiceTemplatesTests/Conformance/airflow-3.3.2-templates.json"
PARAMS = {
    "table": "doc.sensor_readings",
    "timestamp_column": "ts",
    "access": "AKIAEXAMPLE",
    "secret": "s3cr3t/Key+x",
    "target_bucket": "exports",
}
DAG_ID, TASK_ID = "export__conformance", "export_table"
SEARCH_PATH = pathlib.Path(os.environ["AIRFLOW_HOME"]) / "templates"


class TemplatedSQL(BaseOperator):
    """An operator with one templated field, like the SQL operators Sluice stands in for."""

    template_fields = ("sql",)

    def __init__(self, sql: str, **kwargs):
        super().__init__(**kwargs)
        self.sql = sql


def iso(value: dt.datetime) -> str:
    return pendulum.instance(value).in_timezone("UTC").isoformat()


def first_run(run: dict) -> dict:
    """The run Airflow's scheduler creates first for a DAG starting on the run's local day."""
    tz = pendulum.timezone(run["timezone"])
    start = pendulum.parse(run["local_day"], tz=tz)
    core = {"trigger": CoreCronTriggerTimetable, "interval": CoreCronDataIntervalTimetable}[run["timetable"]]
    timetable = core(run["schedule"], timezone=tz)
    info = timetable.next_dagrun_info(
        last_automated_data_interval=None, restriction=TimeRestriction(earliest=start, latest=None, catchup=True)
    )
    # The API server sends the run's dates in UTC: templates see them in UTC whatever the DAG's zone.
    utc = pendulum.timezone("UTC")
    return dict(
        start_date=start,
        logical_date=pendulum.instance(info.logical_date).in_timezone(utc),
        data_interval_start=pendulum.instance(info.data_interval.start).in_timezone(utc),
        data_interval_end=pendulum.instance(info.data_interval.end).in_timezone(utc),
        run_after=pendulum.instance(info.run_after).in_timezone(utc),
    )


def render(template: str, run: dict, times: dict, index: int) -> tuple[str | None, str | None]:
    tz = pendulum.timezone(run["timezone"])
    sdk = {"trigger": CronTriggerTimetable, "interval": CronDataIntervalTimetable}[run["timetable"]]
    with DAG(
        dag_id=DAG_ID, schedule=sdk(run["schedule"], timezone=tz), start_date=times["start_date"],
        catchup=True, params=PARAMS, template_searchpath=[str(SEARCH_PATH)],
    ) as dag:
        task = TemplatedSQL(task_id=TASK_ID, sql=template)
    # Sluice's run ids: named after the logical date (Airflow 3 names interval runs after run_after).
    run_id = f"scheduled__{iso(times['logical_date'])}"
    dag_run = DagRun(
        dag_id=dag.dag_id, run_id=run_id, logical_date=times["logical_date"],
        data_interval_start=times["data_interval_start"], data_interval_end=times["data_interval_end"],
        run_after=times["run_after"], start_date=times["run_after"], end_date=None, run_type="scheduled",  # conf: {} as DagRun() stores it
        state="running", conf={}, consumed_asset_events=[], partition_key=None,
    )
    ti = RuntimeTaskInstance.model_construct(
        id=uuid.UUID(int=index + 1), task_id=task.task_id, dag_id=dag.dag_id, run_id=run_id, try_number=1,
        dag_version_id=uuid.UUID(int=0), map_index=-1, task=task, bundle_instance=None, max_tries=0,
        start_date=times["run_after"], _ti_context_from_server=TIRunContext(dag_run=dag_run, max_tries=0),
    )
    try:
        ti.render_templates()
    except Exception as error:  # noqa: BLE001 - the error is the answer
        message = str(error).replace(str(SEARCH_PATH), "<template_searchpath>").replace(str(REPO), "<repo>")
        return None, f"{type(error).__name__}: {message}"
    return str(ti.task.sql), None


def main() -> None:
    logging.disable(logging.CRITICAL)  # Airflow logs each template error with its traceback
    for name, value in VARIABLES.items():
        os.environ[f"AIRFLOW_VAR_{name.upper()}"] = value
    for name, uri in CONNECTIONS.items():
        os.environ[f"AIRFLOW_CONN_{name.upper()}"] = uri
    for name, text in FILES.items():
        (SEARCH_PATH / name).parent.mkdir(parents=True, exist_ok=True)
        (SEARCH_PATH / name).write_text(text)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    args = parser.parse_args()
    out = []
    counters: dict[str, int] = {}
    for category, template, run_names in CASES:
        counters[category] = counters.get(category, 0) + 1
        for run_name in run_names:
            run = RUNS[run_name]
            times = first_run(run)
            rendered, error = render(template, run, times, len(out))
            case = {
                "id": f"{category}-{counters[category]:03d}@{run_name}",
                "category": category,
                "dag_id": DAG_ID,
                "task_id": TASK_ID,
                "schedule": run["schedule"],
                "timetable": run["timetable"],
                "timezone": run["timezone"],
                "start_date": run["local_day"],
                "catchup": True,
                "params": PARAMS,
                "run_type": "scheduled",
                "run_id": f"scheduled__{iso(times['logical_date'])}",
                "logical_date": iso(times["logical_date"]),
                "data_interval_start": iso(times["data_interval_start"]),
                "data_interval_end": iso(times["data_interval_end"]),
                "run_after": iso(times["run_after"]),
                "template": template,
                "rendered": rendered,
                "error": error,
            }
            if "var." in template:
                case["variables"] = VARIABLES
            if "conn." in template:
                case["connections"] = CONNECTIONS
            if "{% include" in template or "{% import" in template or "{% from" in template:
                case["files"] = FILES
            out.append(case)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    errors = sum(1 for c in out if c["error"])
    print(f"airflow {airflow.__version__}: {len(out)} cases ({errors} errors) -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
