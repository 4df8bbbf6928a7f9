"""The web UI's benchmark: the grid page of a 20-task DAG with 10,000 runs (25 runs shown) and the DAG list,
served by `sluice api-server` (median and p95 over N requests, size), then in headless Chromium: time from
navigation to a complete page with no request pending, and the requests an open page makes in 30 s while
nothing runs. Prints one JSON object per line. Arguments: URL USER PASSWORD N SCREENSHOTS."""
import http.client, json, statistics, sys, time, urllib.parse
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

url, user, password, count, shots = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
u = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
conn.request("POST", "/login", body=urllib.parse.urlencode({"username": user, "password": password, "next": "/"}),
             headers={"Content-Type": "application/x-www-form-urlencoded"})
response = conn.getresponse()
response.read()
cookie = response.headers["Set-Cookie"].split(";")[0]
for path in ("/dags/grid?runs=25", "/"):
    times = []
    for i in range(count + 5):
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie})
        r = conn.getresponse()
        body = r.read()
        elapsed = (time.perf_counter() - t0) * 1000
        if r.status != 200:
            raise SystemExit(f"{path}: HTTP {r.status}")
        if i >= 5:
            times.append(elapsed)
    times.sort()
    print(json.dumps({"path": path, "median_ms": round(statistics.median(times), 2),
                      "p95_ms": round(times[int(len(times) * 0.95) - 1], 2), "kb": round(len(body) / 1024, 1),
                      "cells": body.count(b'class="cell-td"')}))

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get(url + "/login")
    driver.add_cookie({"name": cookie.split("=")[0], "value": cookie.split("=", 1)[1], "path": "/"})
    for name, path in (("dags", "/"), ("grid", "/dags/grid?runs=25")):
        samples = []
        for _ in range(5):
            driver.get(url + path)
            # Complete: loaded, and every resource and request the page started has ended.
            done = driver.execute_script("""
                const entries = performance.getEntriesByType("resource");
                const nav = performance.getEntriesByType("navigation")[0];
                const ends = entries.map(e => e.responseEnd).concat([nav.loadEventEnd]);
                return {complete: document.readyState === "complete" && entries.every(e => e.responseEnd > 0), ms: Math.max(...ends)};
            """)
            samples.append(done["ms"])
        height = driver.execute_script("return Math.min(3000, document.documentElement.scrollHeight)")
        driver.set_window_size(1400, max(700, height))
        driver.save_screenshot(f"{shots}/bench-{name}.png")
        driver.set_window_size(1400, 1000)
        print(json.dumps({"page": name, "complete_ms_median": round(statistics.median(samples), 1), "complete_ms_max": round(max(samples), 1)}))
    # Idle: nothing runs; count what the open grid asks for in 30 s.
    driver.get(url + "/dags/grid?runs=25")
    time.sleep(1)
    before = driver.execute_script("return performance.getEntriesByType('resource').length")
    time.sleep(30)
    after = driver.execute_script("return performance.getEntriesByType('resource').length")
    print(json.dumps({"idle_requests_30s": after - before}))
finally:
    driver.quit()
