"""Reference timings for `make bench`: Jinja2 (Airflow's engine) and croniter on the same inputs.

Prints JSON: microseconds per render of the parsed template, per compile+render, and milliseconds
for the next 10,000 runs of `30 2 * * 1-5` in Europe/Berlin with croniter.
"""
import json, statistics, sys, time, datetime
import jinja2

here = sys.argv[1]
text = open(f"{here}/template_2kb.sql").read()

def ds_add(ds, days):
    d = datetime.date.fromisoformat(ds) + datetime.timedelta(days=days)
    return d.isoformat()

class Macros:
    ds_add = staticmethod(ds_add)

ld = datetime.datetime(2021, 1, 15, tzinfo=datetime.timezone.utc)
ctx = {
    "params": {"table": "doc.metrics", "timestamp_column": "ts", "target_bucket": "b"},
    "ds": "2021-01-15", "ds_nodash": "20210115", "ts": ld.isoformat(), "ts_nodash": "20210115T000000",
    "data_interval_start": ld, "data_interval_end": ld + datetime.timedelta(days=1), "run_id": "scheduled__x",
    "dag": {"dag_id": "d"}, "task": {"task_id": "t"}, "macros": Macros, "logical_date": ld,
    "task_instance_key_str": "d__t__20210115",
}
env = jinja2.Environment(undefined=jinja2.StrictUndefined)
env.filters["ds"] = lambda d: d.strftime("%Y-%m-%d")

def per_call(fn, n):
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append((time.perf_counter() - t) / n)
    return statistics.median(runs)

tpl = env.from_string(text)
render_us = per_call(lambda: tpl.render(**ctx), 2000) * 1e6
compile_us = per_call(lambda: env.from_string(text).render(**ctx), 100) * 1e6
out = {"jinja2_render_us": render_us, "jinja2_parse_render_us": compile_us}
try:
    from croniter import croniter
    import zoneinfo
    tz = zoneinfo.ZoneInfo("Europe/Berlin")
    def cron10k():
        it = croniter("30 2 * * 1-5", datetime.datetime(2021, 1, 1, tzinfo=tz))
        for _ in range(10000):
            it.get_next(datetime.datetime)
    out["croniter_10k_ms"] = per_call(cron10k, 1) * 1e3
except ImportError:
    out["croniter_10k_ms"] = None
print(json.dumps(out))
