import Foundation
import SluiceTestSupport
import XCTest

/// Issue 14: the web UI in a real browser (Debian's headless Chromium and chromedriver through Selenium)
/// against `sluice standalone` with a real PostgreSQL. Screenshots of each page land in
/// `.build/ui-screenshots/`.
final class UIBrowserCLITests: CLIProjectTestCase {
    private let password = "pw-" + UUID().uuidString.prefix(12)
    private var table = ""

    static let hostile = #"<script>window.__xss=1</script> "><img src=x onerror="window.__xss=2"> javascript:window.__xss=3"#

    override func setUpWithError() throws {
        try super.setUpWithError()
        table = "ui_" + UUID().uuidString.prefix(8).lowercased()
        try pg.psql("CREATE TABLE \(table) (dag text, ds date, at timestamptz DEFAULT clock_timestamp())")
        try project.write("dags/nightly.yaml", """
            dag_id: nightly
            schedule: null
            default_args: {connection: pg}
            tasks:
              - {task_id: extract, sql: "INSERT INTO \(table) (dag, ds) VALUES ('nightly', '{{ ds }}'); SELECT pg_sleep(0.5)"}
              - {task_id: load, sql: "SELECT '{{ ds }}'", depends_on: [extract]}
            """)
        try project.write("dags/ticking.yaml", """
            dag_id: ticking
            schedule: "@daily"
            start_date: 2025-01-01
            catchup: true
            max_active_runs: 1
            default_args: {connection: pg}
            tasks:
              - {task_id: tick, sql: "INSERT INTO \(table) (dag, ds) VALUES ('ticking', '{{ ds }}'); SELECT pg_sleep(0.2)"}
            """)
        try project.write("dags/history.yaml", """
            dag_id: history
            schedule: "@daily"
            start_date: 2026-01-01
            catchup: false
            default_args: {connection: pg}
            tasks:
              - {task_id: load, sql: "SELECT '{{ ds }}'"}
            """)
        let quoted = Self.hostile.replacingOccurrences(of: "'", with: "''")
        try project.write("dags/hostile.yaml", """
            dag_id: hostile
            description: '\(quoted)'
            schedule: null
            tags: ['\(quoted)']
            params: {note: '\(quoted)'}
            default_args: {connection: pg}
            tasks:
              - {task_id: echo, sql: "SELECT {{ params.note | sql_literal }} AS note"}
            """)
        // Task ids cannot hold markup: such a file is broken, and its error (naming the id) is shown as text.
        try project.write("dags/broken.yaml", """
            dag_id: broken
            schedule: null
            tasks:
              - {task_id: '<script>window.__xss=4</script>', sql: "SELECT 1"}
            """)
        try pg.psql("CREATE TABLE \(table)_orders (id bigint PRIMARY KEY, ts timestamptz NOT NULL); INSERT INTO \(table)_orders SELECT g, now() FROM generate_series(1, 1000) g")
        try project.write("dags/exports.yaml", """
            dag_id: exports
            schedule: null
            default_args: {connection: pg}
            tasks:
              - {task_id: orders, type: export, table: \(table)_orders, timestamp_column: ts, mode: full, format: parquet,
                 destination: lake, path: "orders/day={{ ds }}", audits: [row_count_matches_source, {unique: [id]}, {min_rows: 1}]}
            """)
        // A log longer than the page shows (its rendered SQL alone is over 300 KB).
        try project.write("dags/chatty.yaml", """
            dag_id: chatty
            schedule: null
            default_args: {connection: pg}
            tasks:
              - {task_id: talk, sql: "{% for i in range(15000) %}-- line {{ i }} of a long log\\n{% endfor %}SELECT 1"}
            """)
        try createUsers([("ada", "operator"), ("vic", "viewer")], password: password)
    }

    override func tearDownWithError() throws {
        _ = try? pg.psql("DROP TABLE IF EXISTS \(table); DROP TABLE IF EXISTS \(table)_orders")
        try super.tearDownWithError()
    }

    func testAnOperatorDrivesTheUIAndAViewerOnlyReads() throws {
        let (url, _) = try startAPI(env: ["SLUICE_DEST_LAKE": "file://" + project.root.appendingPathComponent("lake").path])
        let shots = ThrowawayPostgres.packageRoot.appendingPathComponent(".build/ui-screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let out = try TestProcess.python(Self.script, [url, password, shots.path, Self.hostile])
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "login: DAGs",
            "dag list: ['chatty', 'exports', 'history', 'hostile', 'nightly', 'ticking']",
            "banner: True",
            "trigger: success success no reload True",
            "log: True",
            "clear: try 2 success",
            "mark failed: failed",
            "pause: stopped True",
            "backfill: ['2026-11-02', '2026-11-03', '2026-11-04']",
            "bulk: marked 3 of 3",
            "time zone: True True True",
            "hostile: no script ran, no alert, shown as text True",
            "long log: True True True",
            "export: 1000 rows, audits ['min_rows(1)', 'row_count_matches_source', 'unique(id)'] True",
            "viewer: no buttons True, 403",
            "csrf: 403 403",
        ], out)
        for page in ["login", "dags", "grid", "task", "task-export", "runs", "hostile-dags", "hostile-task", "viewer-grid"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: shots.appendingPathComponent("\(page).png").path), page)
        }
    }

    /// The browser side, in Python: `url password screenshots hostile`.
    static let script = #"""
import json, os, sys, time
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

url, password, shots, hostile = sys.argv[1:5]
os.environ["TZ"] = "Asia/Kolkata"  # the browser's zone, for the time-zone setting (UTC+05:30, no DST)
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
# Pages redraw themselves (live updates): an element read as it is replaced is read again at the next poll.
wait = WebDriverWait(driver, 60, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,))

def shot(name):
    # The whole page, not only the window.
    height = driver.execute_script("return Math.min(4000, document.documentElement.scrollHeight)")
    driver.set_window_size(1400, max(700, height))
    driver.save_screenshot(f"{shots}/{name}.png")
    driver.set_window_size(1400, 1000)

def css(selector):
    return driver.find_elements(By.CSS_SELECTOR, selector)

def read(f):
    # A read that meets a page redrawing itself (live updates) reads the new page.
    for _ in range(50):
        try:
            return f()
        except StaleElementReferenceException:
            time.sleep(0.02)
    return f()

def accept():
    wait.until(lambda d: alert_present())
    driver.switch_to.alert.accept()

def alert_present():
    try:
        driver.switch_to.alert
        return True
    except NoAlertPresentException:
        return False

def login(user):
    driver.delete_all_cookies()
    driver.get(url + "/")
    wait.until(lambda d: css("input#username"))
    shot("login")
    css("input#username")[0].send_keys(user)
    css("input#password")[0].send_keys(password)
    css("button[type=submit]")[0].click()
    wait.until(lambda d: css("h1") and css("h1")[0].text != "Sluice")

def api(method, path, body=None, csrf=True):
    # A request from the page itself, with the browser's cookie (and the page's CSRF token, unless told not to).
    return driver.execute_async_script("""
        const [method, path, body, csrf, done] = arguments;
        const token = document.querySelector('meta[name="csrf-token"]').content;
        fetch(path, {method, credentials: "same-origin", headers: Object.assign({"Content-Type": "application/json"}, csrf ? {"X-CSRF-Token": token} : {}),
                     body: body === null ? undefined : JSON.stringify(body)}).then(r => done(r.status));
    """, method, path, body, csrf)

try:
    login("ada")
    print("login:", css("h1")[0].text)
    rows = read(lambda: [r.get_attribute("data-dag-id") for r in css("tr[data-dag-id]")])
    shot("dags")
    print("dag list:", rows)
    print("banner:", read(lambda: "<script>window.__xss=4</script>" in css("div.banner")[0].text))

    # Trigger a run of nightly and watch its cells turn to success without reloading the page.
    driver.get(url + "/dags/nightly")
    driver.execute_script("window.__sameDocument = true")
    css("button[data-action=trigger]")[0].click()
    css("#trigger-form textarea[name=conf]")[0].clear()
    css("#trigger-form textarea[name=conf]")[0].send_keys('{"source": "ui"}')
    css("#trigger-form button[type=submit]")[0].click()
    accept()
    wait.until(lambda d: len(css('td[data-task-id="load"][data-state="success"]')) == 1)
    states = read(lambda: [c.get_attribute("data-state") for c in css("td[data-task-id]")])
    shot("grid")
    print("trigger:", " ".join(states), "no reload", driver.execute_script("return window.__sameDocument === true"))

    # A task's log.
    css('td[data-task-id="extract"] a')[0].click()
    wait.until(lambda d: css("pre[data-log]"))
    log = read(lambda: css("pre[data-log]")[0].text)
    shot("task")
    print("log:", "rendered SQL" in log and "INSERT INTO" in log)

    # Clear the task and see it run again (try 2).
    css('button[data-action=clear][data-downstream="false"]')[0].click()
    accept()
    wait.until(lambda d: css('tr[data-try="2"]') and css('p[data-ti-state="success"]'))
    print("clear: try", *read(lambda: (len(css("tr[data-try]")), css("p[data-ti-state]")[0].get_attribute("data-ti-state"))))

    # Mark the run failed.
    driver.get(url + "/dags/nightly")
    css("section.run-panel button[data-action=mark-failed]")[0].click()
    accept()
    wait.until(lambda d: css('section.run-panel[data-state="failed"]'))
    print("mark failed:", read(lambda: css("section.run-panel")[0].get_attribute("data-state")))

    # Pause ticking: the scheduler stops creating its runs (counted over two scheduler heartbeats).
    driver.get(url + "/")
    wait.until(lambda d: css('tr[data-dag-id="ticking"] button[data-action=pause]'))
    css('tr[data-dag-id="ticking"] button[data-action=pause]')[0].click()
    accept()
    wait.until(lambda d: css('tr[data-dag-id="ticking"][data-paused="true"]'))
    def runs_of_ticking():
        return driver.execute_async_script("""
            const done = arguments[0];
            fetch("/api/v2/dags/ticking/dagRuns?limit=1", {credentials: "same-origin"}).then(r => r.json()).then(j => done(j.total_entries));
        """)
    def heartbeat():
        return driver.execute_async_script("""
            const done = arguments[0];
            fetch("/api/v2/monitor/health").then(r => r.json()).then(j => done(j.scheduler.latest_scheduler_heartbeat));
        """)
    # A run being created as the pause lands may still appear; after one heartbeat, none may over two more.
    def next_beat():
        seen = heartbeat()
        wait.until(lambda d: heartbeat() != seen)
    next_beat()
    before = runs_of_ticking()
    next_beat()
    next_beat()
    print("pause: stopped", runs_of_ticking() == before)

    # A backfill of 3 days from the DAG's page: its 3 runs appear in the grid.
    driver.get(url + "/dags/history")
    css("button[data-action=backfill]")[0].click()
    driver.execute_script("""
        const f = document.getElementById("backfill-form");
        f.elements.from_date.value = "2026-11-02"; f.elements.to_date.value = "2026-11-04"; f.elements.max_active_runs.value = "3";
    """)
    css("#backfill-form button[type=submit]")[0].click()
    accept()
    wait.until(lambda d: len(css('th.run[data-run-id^="backfill__"][data-state="success"]')) == 3)
    print("backfill:", read(lambda: sorted(th.get_attribute("data-run-id")[10:20] for th in css('th.run[data-run-id^="backfill__"]'))))
    # Bulk: the backfill's runs selected on the runs list and marked failed at once.
    driver.get(url + "/runs?dag_id=history&run_type=backfill")
    css("#select-all")[0].click()
    css('button[data-bulk][data-action="mark-failed"]')[0].click()
    accept()
    wait.until(lambda d: len(css('tr[data-run-row][data-state="failed"]')) == 3)
    shot("runs")
    print("bulk: marked", len(css('tr[data-run-row][data-state="failed"]')), "of", len(css("tr[data-run-row]")))

    # One time-zone setting for every date on every page: the browser's zone here.
    first = lambda: css("main time[datetime]")[0].text
    utc = first()
    driver.find_element(By.CSS_SELECTOR, "#tz option[value=browser]").click()
    wait.until(lambda d: first() != utc)
    on_runs = first()
    driver.get(url + "/dags/history")
    on_grid = css("main time[datetime]")[0].text
    print("time zone:", utc.endswith("UTC"), "GMT+5:30" in on_runs, "GMT+5:30" in on_grid)
    driver.find_element(By.CSS_SELECTOR, "#tz option[value=UTC]").click()

    # Hostile content is shown as text: no script runs, no alert opens.
    api("POST", "/api/v2/dags/hostile/dagRuns", {"logical_date": None, "conf": {"note": hostile}})
    driver.get(url + "/")
    shot("hostile-dags")
    ok = read(lambda: hostile in css('tr[data-dag-id="hostile"] div.muted')[0].text)
    driver.get(url + "/dags/hostile")
    wait.until(lambda d: css('td[data-task-id="echo"][data-state="success"]'))
    ok = ok and "<script>window.__xss=1</script>" in css("code[data-conf]")[0].text and "<script>window.__xss=1</script>" in css("code[data-params]")[0].text
    css('td[data-task-id="echo"] a')[0].click()
    wait.until(lambda d: css("pre[data-log]"))
    shot("hostile-task")
    ok = ok and "<script>window.__xss=1</script>" in css("pre[data-rendered]")[0].text and "<script>window.__xss=1</script>" in css("pre[data-log]")[0].text
    print("hostile: no script ran, no alert, shown as text",
          ok and driver.execute_script("return window.__xss === undefined") and not alert_present())

    # A long log shows its end; earlier pages come on request.
    api("POST", "/api/v2/dags/chatty/dagRuns", {"logical_date": None})
    driver.get(url + "/dags/chatty")
    wait.until(lambda d: css('td[data-task-id="talk"][data-state="success"]'))
    css('td[data-task-id="talk"] a')[0].click()
    wait.until(lambda d: css("pre[data-log]"))
    tail = css("pre[data-log]")[0].get_attribute("textContent")
    button = css("button[data-log-earlier]")
    had_end = "-- line 14999 of a long log" in tail and "-- line 0 of a long log" not in tail and len(button) == 1
    for _ in range(5):
        if not css("button[data-log-earlier]"):
            break
        start = css("pre[data-log]")[0].get_attribute("data-start")
        css("button[data-log-earlier]")[0].click()
        wait.until(lambda d: css("pre[data-log]")[0].get_attribute("data-start") != start)
    whole = css("pre[data-log]")[0].get_attribute("textContent")
    print("long log:", had_end, whole.count("of a long log") == 15000, whole.index("line 0 of") < whole.index("line 14999 of"))

    # An export's task instance: its partition, files and audits.
    api("POST", "/api/v2/dags/exports/dagRuns", {"logical_date": "2026-11-20T00:00:00Z"})
    driver.get(url + "/dags/exports")
    wait.until(lambda d: css('td[data-task-id="orders"][data-state="success"]'))
    css('td[data-task-id="orders"] a')[0].click()
    wait.until(lambda d: css("[data-export]"))
    shot("task-export")
    audits = sorted(li.get_attribute("data-audit") for li in css("li[data-audit][data-passed=true]"))
    print(f"export: {css('table.files td')[1].text} rows, audits {audits}", css("[data-export]")[0].get_attribute("data-export").endswith("/orders/day=2026-11-20"))

    # A CSRF-less request is refused, even with the session cookie; so is a request with another session's token.
    no_token = api("PATCH", "/api/v2/dags/history", {"is_paused": True}, csrf=False)
    wrong = driver.execute_async_script("""
        const done = arguments[0];
        fetch("/api/v2/dags/history", {method: "PATCH", credentials: "same-origin", headers: {"Content-Type": "application/json", "X-CSRF-Token": "0".repeat(64)},
              body: JSON.stringify({is_paused: true})}).then(r => done(r.status));
    """)
    csrf_line = f"csrf: {no_token} {wrong}"

    # A viewer sees no action buttons, and a state change posted anyway is 403.
    login("vic")
    driver.get(url + "/dags/nightly")
    wait.until(lambda d: css("table.grid"))
    shot("viewer-grid")
    no_buttons = not css("[data-action]")
    driver.get(url + "/")
    no_buttons = no_buttons and not css("[data-action]")
    print(f"viewer: no buttons {no_buttons}, {api('PATCH', '/api/v2/dags/nightly', {'is_paused': True})}")
    print(csrf_line)
except Exception:
    shot("failure")
    with open(f"{shots}/failure.html", "w") as f:
        f.write(driver.current_url + "\n" + driver.page_source)
    try:
        print("browser log:", driver.get_log("browser"), file=sys.stderr)
    except Exception:
        pass
    raise
finally:
    driver.quit()
"""#
}
