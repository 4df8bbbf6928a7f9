"""Seeds a Sluice metadata store for the API benchmark: RUNS runs spread over the DAGs given, each with one
finished task instance per task, written straight into the store's SQLite file (schema made by `sluice`)."""
import sqlite3, sys
from datetime import datetime, timedelta, timezone

db, runs_per_dag = sys.argv[1], int(sys.argv[2])
dags = [(spec.split(":")[0], int(spec.split(":")[1])) for spec in sys.argv[3:]]  # dag_id:task_count
start = datetime(2020, 1, 1, tzinfo=timezone.utc)
micros = lambda d: int(d.timestamp() * 1_000_000)

con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA synchronous = OFF")
runs = tis = 0
with con:
    for dag_id, tasks in dags:
        run_rows, ti_rows = [], []
        for i in range(runs_per_dag):
            logical = start + timedelta(hours=i)
            end = logical + timedelta(hours=1)
            run_id = "scheduled__" + logical.isoformat()
            state = "failed" if i % 97 == 0 else "success"
            run_rows.append((dag_id, run_id, "scheduled", micros(logical), micros(logical), micros(end), micros(end), "{}", state,
                             micros(end), micros(end) + 1_000_000, micros(end) + 9_000_000))
            for t in range(tasks):
                ti_rows.append((dag_id, run_id, f"task_{t:02d}", 1, 0, 0, "failed" if state == "failed" and t == tasks - 1 else "success",
                                micros(end) + 1_000_000, micros(end) + 2_000_000, 1.0))
        con.executemany("INSERT INTO dag_run (dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, run_after, conf, state, queued_at, started_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", run_rows)
        con.executemany("INSERT INTO task_instance (dag_id, run_id, task_id, try_number, max_tries, retries, state, started_at, ended_at, duration) VALUES (?,?,?,?,?,?,?,?,?,?)", ti_rows)
        runs += len(run_rows)
        tis += len(ti_rows)
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(runs, tis)
