"""Generates the Swift port of croniter's tests; expected ticks from croniter 7.0.0, checked against
Airflow's CronMixin chain (the answer Sluice follows when the two differ)."""
import sys, datetime as dt
import pendulum
from zoneinfo import ZoneInfo
from croniter import croniter, croniter_range
from airflow.timetables._cron import CronMixin
sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parent))
from ref import parse, fmt

DIFFS = []

def sw(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

def start_text(d, zone):
    p = pendulum.instance(d)
    if zone != 'UTC' or (d.tzinfo is not None and d.utcoffset() != dt.timedelta(0)):
        off = d.utcoffset()
        secs = int(off.total_seconds()); sign = '-' if secs < 0 else '+'; secs = abs(secs)
        o = f"{sign}{secs//3600:02}:{secs%3600//60:02}" + (f":{secs%60:02}" if secs % 60 else '')
    else:
        o = ''
    s = d.strftime('%Y-%m-%d %H:%M')
    if d.second or d.microsecond:
        s += d.strftime(':%S') + (f'.{d.microsecond:06}' if d.microsecond else '')
    return s + o

def W(spec, start, ops, zone='UTC', orig=None):
    """start: naive local string (localized like pytz is_dst=False) or with offset."""
    d = parse(start, zone)
    it = croniter(spec, d)
    m = CronMixin(spec, zone)
    cur = pendulum.instance(d)
    steps = []; notes = []
    i = 0
    while i < len(ops):
        o = ops[i]
        if o == 's':
            j = i
            while j < len(ops) and ops[j] == 's': j += 1
            n = j - i
            for _ in range(n):
                it.get_next(dt.datetime); cur = m._get_next(cur)
            steps.append(f'.skipNext({n})'); i = j; continue
        c = it.get_next(dt.datetime) if o == 'n' else it.get_prev(dt.datetime)
        cur = m._get_next(cur) if o == 'n' else m._get_prev(cur)
        cs, a = fmt(c, zone), fmt(cur, zone)
        if orig is not None:
            # croniter's answer as the original test states it (its pytz LMT start cannot be rebuilt here)
            cs = fmt(dt.datetime.fromisoformat(orig[len(steps)]), zone)
        if cs != a:
            notes.append(f'step {len(steps)+1} {cs}')
            DIFFS.append((spec, zone, start, cs, a))
        steps.append(f'.{"next" if o == "n" else "previous"}({sw(a)})')
        i += 1
    zarg = '' if zone == 'UTC' else f', in: {sw(zone)}'
    out = []
    if notes:
        out.append('// Airflow (CronMixin over croniter) differs from croniter alone, which gives ' + ', '.join(notes) + '; Airflow\'s answers:')
    body = ', '.join(steps)
    line = f'try CroniterPort.assertWalk({sw(spec)}{zarg}, from: {sw(start_text(d, zone))}, [{body}])'
    if len(line) > 130:
        line = f'try CroniterPort.assertWalk({sw(spec)}{zarg}, from: {sw(start_text(d, zone))}, [\n    ' + ',\n    '.join(steps) + ',\n])'
    out.append(line)
    return out

def F(spec, starts, zone='UTC'):
    pairs = []; out = []
    for start in starts:
        d = parse(start, zone)
        c = croniter(spec, d).get_next(dt.datetime)
        a = CronMixin(spec, zone)._get_next(pendulum.instance(d))
        cs, as_ = fmt(c, zone), fmt(a, zone)
        if cs != as_:
            out.append(f'// Airflow differs from croniter from {start} (croniter alone gives {cs}): Airflow\'s answer.')
            DIFFS.append((spec, zone, start, cs, as_))
        pairs.append(f'({sw(start_text(d, zone))}, {sw(as_)})')
    zarg = '' if zone == 'UTC' else f', in: {sw(zone)}'
    out.append(f'try CroniterPort.assertFirstNext({sw(spec)}{zarg}, [\n    ' + ',\n    '.join(pairs) + ',\n])')
    return out

def R(spec, start, stop, zone='UTC', exclude=False, reverse=False):
    ds, de = parse(start, zone), parse(stop, zone)
    cr = [fmt(x, zone) for x in croniter_range(ds, de, spec, exclude_ends=exclude)]
    m = CronMixin(spec, zone)
    cur = pendulum.instance(ds) - dt.timedelta(seconds=0 if exclude else 1)
    af = []
    while True:
        cur = m._get_next(cur)
        if cur > pendulum.instance(de) or (exclude and cur == pendulum.instance(de)): break
        af.append(fmt(cur, zone))
    out = []
    if cr != af:
        out.append(f'// Airflow differs from croniter_range here (croniter alone gives {cr}): Airflow\'s answer.')
        DIFFS.append((spec, zone, start, cr, af))
    zarg = '' if zone == 'UTC' else f', in: {sw(zone)}'
    if exclude:
        out.append(f'// exclude_ends=True: the walk starts after {start_text(ds, zone)} and the range ends before {start_text(de, zone)}.')
        stop_text = start_text(de - dt.timedelta(seconds=1), zone)
        first = start_text(ds + dt.timedelta(seconds=1), zone)
    else:
        stop_text = start_text(de, zone); first = start_text(ds, zone)
    if reverse:
        rev = [fmt(x, zone) for x in croniter_range(de, ds, spec)]
        assert rev == list(reversed(af)), rev
        out.append(f'let ticks = [\n    ' + ',\n    '.join(sw(x) for x in af) + ',\n]')
        out.append(f'try CroniterPort.assertRange({sw(spec)}{zarg}, from: {sw(first)}, through: {sw(stop_text)}, ticks)')
        out.append(f'try CroniterPort.assertRange({sw(spec)}{zarg}, from: {sw(stop_text)}, through: {sw(first)}, backwards: true, ticks.reversed())')
        return out
    out.append(f'try CroniterPort.assertRange({sw(spec)}{zarg}, from: {sw(first)}, through: {sw(stop_text)}, [\n    ' + ',\n    '.join(sw(x) for x in af) + ',\n])')
    return out

def REJ(texts, messages):
    out = ['CroniterPort.assertRejects([']
    for t in texts:
        # croniter must reject it too
        try:
            c = croniter(t, dt.datetime(2020, 1, 1)); c.get_next()
            raise SystemExit(f'croniter accepts {t!r}')
        except SystemExit: raise
        except Exception: pass
        out.append(f'    ({sw(t)}, {sw(messages.get(t, "?"))}),')
    out.append('])')
    return out

def RAW(*lines): return list(lines)

def emit(cls, doc, tests, outfile):
    lines = ['import Foundation', 'import XCTest', '@testable import SluiceCore', '']
    lines += doc
    lines.append(f'final class {cls}: XCTestCase {{')
    first = True
    for (name, origins, comment, body) in tests:
        if not first: lines.append('')
        first = False
        for o in origins:
            lines.append(f'    // croniter 7.0.0 src/croniter/tests/{o}')
        for c in comment:
            lines.append(f'    // {c}')
        lines.append(f'    func {name}() throws {{')
        for item in body:
            for l in item:
                for ll in l.split('\n'):
                    lines.append('        ' + ll if ll else '')
        lines.append('    }')
    lines.append('}')
    open(outfile, 'w').write('\n'.join(lines) + '\n')
