/// The UI's only style sheet and script, written by hand and embedded in the binary (no build step, no
/// CDN: it works on an air-gapped machine). Served from `/static/` with the pages' Content-Security-Policy
/// allowing nothing else.
enum UIAssets {
    static let css = #"""
:root { --ok: #2e7d32; --bad: #c62828; --run: #1565c0; --wait: #9e9e9e; --retry: #ef6c00; --skip: #ec407a; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #263238; color: #fff; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
header .spacer { flex: 1; }
header select, header button { font: inherit; }
main { padding: 1rem; max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; background: #fff; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
.banner { background: #ffebee; border: 1px solid #ef9a9a; padding: .5rem 1rem; margin-bottom: 1rem; }
.banner pre { margin: .2rem 0; white-space: pre-wrap; }
.strip span, .cell { display: inline-block; width: 14px; height: 14px; border-radius: 3px; background: var(--wait); margin-right: 2px; }
[data-state="success"] { --c: var(--ok); } [data-state="failed"], [data-state="upstream_failed"] { --c: var(--bad); }
[data-state="running"] { --c: var(--run); } [data-state="up_for_retry"] { --c: var(--retry); } [data-state="skipped"] { --c: var(--skip); }
[data-state="queued"], [data-state="scheduled"], [data-state="none"] { --c: var(--wait); }
.strip span[data-state], td.cell-td[data-state] .cell { background: var(--c, var(--wait)); }
td.cell-td { text-align: center; padding: .2rem; }
tbody.folded tr:not(.group) { display: none; }
td.cell-td a { text-decoration: none; color: inherit; font-size: 10px; }
.grid th.run { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: normal; font-size: 12px; white-space: nowrap; }
.actions { display: flex; gap: .5rem; flex-wrap: wrap; margin: .5rem 0; }
button, .button { font: inherit; padding: .25rem .7rem; border: 1px solid #90a4ae; background: #eceff1; border-radius: 4px; cursor: pointer; }
button.danger { border-color: #ef9a9a; background: #ffebee; }
form.inline { display: none; border: 1px solid var(--line); padding: .5rem; background: #fff; margin: .5rem 0; }
form.inline.open { display: block; }
form.inline label { display: block; margin: .3rem 0; }
pre.log, pre.sql { background: #111; color: #eee; padding: .7rem; max-height: 70vh; overflow: auto; white-space: pre-wrap; word-break: break-all; }
.muted { color: #777; }
.error { color: var(--bad); }
.login { max-width: 22rem; margin: 4rem auto; background: #fff; padding: 1.5rem; border: 1px solid var(--line); }
.login input { width: 100%; padding: .4rem; margin: .2rem 0 .8rem; font: inherit; }
"""#

    static let js = #"""
"use strict";
(function () {
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const dagZone = (document.querySelector('meta[name="dag-timezone"]') || {}).content || "UTC";

  // One time zone setting for every date on every page: UTC, the browser's, or the DAG's.
  function zoneSetting() { return localStorage.getItem("sluice.tz") || "UTC"; }
  function zoneName(setting) {
    if (setting === "browser") return Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (setting === "dag") return dagZone;
    return "UTC";
  }
  function formatter() {
    return new Intl.DateTimeFormat("sv-SE", { timeZone: zoneName(zoneSetting()), year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZoneName: "short" });
  }
  function formatDate(d) { return formatter().format(d); }
  function showDates(root) {
    const format = formatter();
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      const d = new Date(el.getAttribute("datetime"));
      if (!isNaN(d)) el.textContent = format.format(d);
    });
  }

  async function api(method, path, body) {
    const response = await fetch(path, { method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = { detail: text }; }
    if (!response.ok) throw new Error((data && data.detail ? (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail)) : response.statusText) + " (HTTP " + response.status + ")");
    return data;
  }
  function say(message) { const out = document.getElementById("message"); if (out) out.textContent = message; }
  function enc(s) { return encodeURIComponent(s); }
  function tiList(data) { return (data.task_instances || []).map(function (t) { return t.dag_run_id + " / " + t.task_id + " (" + (t.state || "none") + ")"; }); }
  function confirmList(title, items) {
    return window.confirm(title + (items.length ? ":\n" + items.slice(0, 40).join("\n") + (items.length > 40 ? "\n... and " + (items.length - 40) + " more" : "") : ": nothing"));
  }

  const actions = {
    pause: async function (b) {
      if (!window.confirm("Pause " + b.dataset.dagId + "? The scheduler creates and starts none of its runs until it is unpaused; running tasks finish.")) return null;
      await api("PATCH", "/api/v2/dags/" + enc(b.dataset.dagId), { is_paused: true });
      return "paused " + b.dataset.dagId;
    },
    unpause: async function (b) {
      if (!window.confirm("Unpause " + b.dataset.dagId + "? The scheduler creates its due runs again (with catchup, every missed interval).")) return null;
      await api("PATCH", "/api/v2/dags/" + enc(b.dataset.dagId), { is_paused: false });
      return "unpaused " + b.dataset.dagId;
    },
    clear: async function (b) {
      const dag = b.dataset.dagId, onlyFailed = b.dataset.onlyFailed === "true";
      if (b.dataset.taskId) {
        const body = { dag_run_id: b.dataset.runId, task_ids: [b.dataset.taskId], include_downstream: b.dataset.downstream === "true", only_failed: false };
        const dry = await api("POST", "/api/v2/dags/" + enc(dag) + "/clearTaskInstances", Object.assign({ dry_run: true }, body));
        if (!confirmList("Clear these task instances", tiList(dry))) return null;
        await api("POST", "/api/v2/dags/" + enc(dag) + "/clearTaskInstances", Object.assign({ dry_run: false }, body));
        return "cleared " + dry.total_entries + " task instance(s)";
      }
      const runs = b.dataset.runIds ? JSON.parse(b.dataset.runIds) : [[dag, b.dataset.runId]];
      let items = [];
      for (const r of runs) items = items.concat(tiList(await api("POST", "/api/v2/dags/" + enc(r[0]) + "/dagRuns/" + enc(r[1]) + "/clear", { dry_run: true, only_failed: onlyFailed })));
      if (!confirmList("Clear " + (onlyFailed ? "the failed task instances" : "every task instance") + " of " + runs.length + " run(s)", items)) return null;
      for (const r of runs) await api("POST", "/api/v2/dags/" + enc(r[0]) + "/dagRuns/" + enc(r[1]) + "/clear", { dry_run: false, only_failed: onlyFailed });
      return "cleared " + runs.length + " run(s)";
    },
    "mark-success": function (b) { return mark(b, "success"); },
    "mark-failed": function (b) { return mark(b, "failed"); },
  };
  async function mark(b, state) {
    const dag = b.dataset.dagId;
    if (b.dataset.taskId) {
      if (!window.confirm("Mark task " + b.dataset.taskId + " of " + b.dataset.runId + " " + state + "?")) return null;
      await api("PATCH", "/api/v2/dags/" + enc(dag) + "/dagRuns/" + enc(b.dataset.runId) + "/taskInstances/" + enc(b.dataset.taskId), { new_state: state });
      return "marked " + b.dataset.taskId + " " + state;
    }
    const runs = b.dataset.runIds ? JSON.parse(b.dataset.runIds) : [[dag, b.dataset.runId]];
    if (!confirmList("Mark " + runs.length + " run(s) " + state, runs.map(function (r) { return r[0] + " / " + r[1]; }))) return null;
    for (const r of runs) await api("PATCH", "/api/v2/dags/" + enc(r[0]) + "/dagRuns/" + enc(r[1]), { state: state });
    return "marked " + runs.length + " run(s) " + state;
  }

  const forms = {
    trigger: async function (f) {
      const date = f.elements.logical_date.value.trim();
      let conf = {};
      if (f.elements.conf.value.trim()) conf = JSON.parse(f.elements.conf.value);
      const iso = date ? new Date(date.length === 10 ? date + "T00:00:00Z" : date).toISOString() : null;
      const shown = iso ? formatDate(new Date(iso)) + " (" + iso + ")" : "the latest complete data interval";
      if (!window.confirm("Trigger " + f.dataset.dagId + " for " + shown + " with conf " + JSON.stringify(conf) + "?")) return null;
      const run = await api("POST", "/api/v2/dags/" + enc(f.dataset.dagId) + "/dagRuns", { logical_date: iso, conf: conf });
      return "queued " + run.dag_run_id;
    },
    backfill: async function (f) {
      const body = { dag_id: f.dataset.dagId, from_date: new Date(f.elements.from_date.value + "T00:00:00Z").toISOString(),
        to_date: new Date(f.elements.to_date.value + "T00:00:00Z").toISOString(), reprocess_behavior: f.elements.reprocess_behavior.value,
        max_active_runs: parseInt(f.elements.max_active_runs.value, 10) };
      const dry = await api("POST", "/api/v2/backfills/dry_run", body);
      if (!confirmList("Backfill creates or reruns " + dry.total_entries + " run(s)", (dry.backfills || []).map(function (b) { return b.logical_date; }))) return null;
      const created = await api("POST", "/api/v2/backfills", body);
      return "backfill " + created.id + " created";
    },
  };

  document.addEventListener("click", async function (event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.dataset.toggleGroup !== undefined) return;
    const open = button.dataset.opens && document.getElementById(button.dataset.opens);
    if (open) { open.classList.toggle("open"); return; }
    const action = actions[button.dataset.action];
    if (!action) return;
    event.preventDefault();
    try { const done = await action(button); if (done) { say(done); refreshNow(); } } catch (e) { say("refused: " + e.message); }
  });
  // Task groups fold: the group's rows hide behind its header row.
  document.addEventListener("click", function (event) {
    const toggle = event.target.closest("button[data-toggle-group]");
    if (!toggle) return;
    const body = toggle.closest("tbody");
    const folded = body.classList.toggle("folded");
    toggle.textContent = (folded ? "▸ " : "▾ ") + toggle.dataset.toggleGroup;
  });
  document.addEventListener("submit", async function (event) {
    const form = event.target.closest("form[data-form]");
    if (!form) return;
    event.preventDefault();
    try { const done = await forms[form.dataset.form](form); if (done) { say(done); form.classList.remove("open"); refreshNow(); } } catch (e) { say("refused: " + e.message); }
  });
  const picker = document.getElementById("tz");
  if (picker) { picker.value = zoneSetting(); picker.addEventListener("change", function () { localStorage.setItem("sluice.tz", picker.value); showDates(document); }); }
  const select = document.getElementById("select-all");
  if (select) select.addEventListener("change", function () { document.querySelectorAll("input[data-select]").forEach(function (c) { c.checked = select.checked; }); bulk(); });
  document.addEventListener("change", function (event) { if (event.target.matches("input[data-select]")) bulk(); });
  function bulk() {
    const chosen = Array.from(document.querySelectorAll("input[data-select]:checked")).map(function (c) { return [c.dataset.dagId, c.dataset.runId]; });
    document.querySelectorAll("button[data-bulk]").forEach(function (b) { b.dataset.runIds = JSON.stringify(chosen); b.disabled = chosen.length === 0; });
  }

  // Live: while something on the page is queued or running, ask the server's change marker (cheap);
  // reload the page's content only when it moved; nothing while the tab is hidden or nothing runs.
  let marker = null, timer = null;
  function active() { return document.querySelector('[data-live] [data-state="running"], [data-live] [data-state="queued"], [data-live] [data-state="scheduled"], [data-live] [data-state="up_for_retry"]') !== null; }
  async function refreshNow() {
    const response = await fetch(location.href, { credentials: "same-origin" });
    if (!response.ok) return;
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = doc.querySelector("main"), current = document.querySelector("main");
    if (fresh && current) { current.replaceWith(fresh); showDates(fresh); bulk(); followLog(); }
    schedule();
  }
  async function poll() {
    timer = null;
    if (document.hidden || !active()) { schedule(); return; }
    try {
      const response = await fetch("/ui/changes", { credentials: "same-origin" });
      const text = await response.text();
      if (marker !== null && text !== marker) { marker = text; await refreshNow(); return; }
      marker = text;
    } catch (e) { /* the server may be restarting */ }
    schedule();
  }
  // The selected run (or the task instance shown) is asked about every 1.5 s; other active runs every 10 s.
  function fast() { return document.querySelector('[data-live] [data-fast][data-state="running"], [data-live] [data-fast][data-state="queued"], [data-live] [data-fast] [data-state="running"], [data-live] [data-fast] [data-state="queued"]') !== null; }
  function schedule() { if (timer === null && active()) timer = setTimeout(poll, fast() ? 1500 : 10000); }
  document.addEventListener("visibilitychange", function () { if (!document.hidden) schedule(); });

  // A long log shows its end; earlier pages come on request, each the 256 KiB before what is shown.
  document.addEventListener("click", async function (event) {
    const more = event.target.closest("button[data-log-earlier]");
    if (!more) return;
    const view = document.querySelector('pre[data-log="' + more.dataset.logEarlier + '"]');
    const response = await fetch(more.dataset.url + "?before=" + view.dataset.start, { credentials: "same-origin" });
    if (!response.ok) return;
    view.prepend(document.createTextNode(await response.text()));
    view.dataset.start = response.headers.get("X-Log-Start") || "0";
    if (view.dataset.start === "0") more.remove();
  });

  // A running try's log grows: its view follows it, from the last byte read.
  function followLog() {
    const view = document.querySelector("pre[data-log][data-follow]");
    if (!view || view.dataset.following) return;
    view.dataset.following = "1";
    let token = view.dataset.token || null;
    async function more() {
      if (!document.body.contains(view)) return;
      if (!document.hidden) {
        const url = view.dataset.url + (token ? "&token=" + enc(token) : "");
        const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
        if (response.ok) {
          const data = await response.json();
          const lines = (data.content || []).map(function (m) { return (m.timestamp ? "[" + m.timestamp + "] " : "") + m.event; });
          if (lines.length) view.append(document.createTextNode(lines.join("\n") + "\n"));
          if (data.continuation_token) token = data.continuation_token;
        }
      }
      if (active()) setTimeout(more, 1500);
    }
    setTimeout(more, 1500);
  }

  showDates(document);
  bulk();
  followLog();
  schedule();
})();
"""#
}
