"""Compute croniter 7.0.0 chains and Airflow CronMixin chains for port cases.
usage: ref.py  (reads cases from cases.py: list of (spec, zone, start_iso, ops))
start_iso: naive 'YYYY-mm-dd HH:MM:SS[.f]' localized in zone (pytz localize, is_dst=False default) or with offset.
ops: string of 'n'/'p'."""
import sys, datetime as dt
import pendulum
from zoneinfo import ZoneInfo
from croniter import croniter
from airflow.timetables._cron import CronMixin

def parse(start, zone):
    d = dt.datetime.fromisoformat(start)
    if d.tzinfo is None:
        z = ZoneInfo(zone)
        c = [d.replace(tzinfo=z, fold=f) for f in (0, 1)]
        d = min(c, key=lambda x: x.utcoffset())  # pytz localize(is_dst=False)
    return d

def fmt(d, zone):
    p = pendulum.instance(d).in_timezone(zone)
    s = p.strftime('%Y-%m-%d %H:%M')
    if p.second or p.microsecond: s += p.strftime(':%S')
    if zone != 'UTC': s += p.strftime('%z')[:3] + ':' + p.strftime('%z')[3:]
    return s

def run(spec, zone, start, ops):
    d = parse(start, zone)
    it = croniter(spec, d)
    cr = []
    for o in ops:
        cr.append(fmt(it.get_next(dt.datetime) if o == 'n' else it.get_prev(dt.datetime), zone))
    m = CronMixin(spec, zone)
    cur = pendulum.instance(d)
    af = []
    for o in ops:
        cur = m._get_next(cur) if o == 'n' else m._get_prev(cur)
        af.append(fmt(cur, zone))
    return cr, af

if __name__ == '__main__':
    ns = {}
    exec(open(sys.argv[1]).read(), ns)
    for case in ns['cases']:
        spec, zone, start, ops = case
        try:
            cr, af = run(spec, zone, start, ops)
        except Exception as e:
            print(spec, zone, start, 'ERROR', type(e).__name__, e); continue
        flag = '' if cr == af else '   <<< AIRFLOW DIFFERS'
        print(f'{spec!r} {zone} {start} {ops}{flag}')
        for o, c, a in zip(ops, cr, af):
            print(f'   {o} croniter={c}  airflow={a}' + ('' if c == a else '  *'))
