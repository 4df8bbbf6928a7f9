"""Latency of API calls over one kept-alive connection: N sequential requests per path, median and p95 in ms."""
import http.client, json, statistics, sys, time
from urllib.parse import urlparse

url, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
paths = sys.argv[4:]
u = urlparse(url)
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
for path in paths:
    times = []
    for i in range(count + 5):
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Authorization": "Bearer " + token})
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - t0) * 1000
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status} {body[:200]!r}")
        if i >= 5:  # warm-up excluded
            times.append(elapsed)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    document = json.loads(body)
    items = len(document.get("task_instances", document.get("dag_runs", [])))
    print(json.dumps({"path": path, "median_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2), "bytes": len(body), "items": items}))
