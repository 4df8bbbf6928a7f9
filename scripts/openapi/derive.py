#!/usr/bin/env python3
"""Derives Sluice's OpenAPI document from Airflow 3.3's, so that the paths, shapes and enums Sluice serves
are Airflow's own, then adds Sluice's endpoints.

    python3 scripts/openapi/derive.py AIRFLOW_SPEC.yaml

AIRFLOW_SPEC is `airflow/api_fastapi/core_api/openapi/v2-rest-api-generated.yaml` of apache-airflow 3.3.2
(`pip install apache-airflow==3.3.2` in a virtualenv). Writes:

- docs/api/openapi.json: the document, the source of truth for the API (checked in; reviewed as a diff);
- Sources/SluiceAPI/OpenAPIDocument.swift: the same bytes embedded in the binary, served at
  `/api/v2/openapi.json` (a test checks both are identical).

What changes from Airflow's document, and why:
- only the operations Sluice implements, with only the query parameters it honours (a parameter the
  server ignored would be a lie in the contract);
- `order_by` lists the fields Sluice can sort by (Airflow answers 400 for others; here the enum says so);
- 422 answers are `{"detail": "message"}` (Airflow's `HTTPExceptionResponse`), not FastAPI's list of
  pydantic errors: one message saying what to change;
- the dry-run clear's items are anyOf (Airflow's oneOf cannot hold: a full task instance is also a new task);
- one security scheme, a bearer token (`POST /auth/token`, or `sluice tokens create`);
- `/auth/token`, `/metrics`, `/api/v2/openapi.json` and `/api/sluice/v1/...` added.
"""
import copy
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# path -> method -> the query parameters Sluice honours (path parameters are always kept).
OPERATIONS = {
    "/api/v2/dags": {"get": ["limit", "offset", "tags", "tags_match_mode", "dag_id_pattern", "paused"]},
    "/api/v2/dags/{dag_id}": {"get": [], "patch": []},
    "/api/v2/dags/{dag_id}/dagRuns": {
        "get": ["limit", "offset", "state", "run_type", "logical_date_gte", "logical_date_lte", "run_after_gte",
                "run_after_lte", "order_by"],
        "post": [],
    },
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}": {"get": [], "patch": [], "delete": []},
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/clear": {"post": []},
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances": {
        "get": ["limit", "offset", "state", "run_after_gte", "run_after_lte"],
    },
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}": {"get": [], "patch": []},
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries": {"get": []},
    "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}": {
        "get": ["full_content", "token"],
    },
    "/api/v2/dags/{dag_id}/clearTaskInstances": {"post": []},
    "/api/v2/backfills": {"get": ["dag_id", "limit", "offset"], "post": []},
    "/api/v2/backfills/dry_run": {"post": []},
    "/api/v2/backfills/{backfill_id}": {"get": []},
    "/api/v2/backfills/{backfill_id}/pause": {"put": []},
    "/api/v2/backfills/{backfill_id}/unpause": {"put": []},
    "/api/v2/backfills/{backfill_id}/cancel": {"put": []},
    "/api/v2/importErrors": {"get": ["limit", "offset"]},
    "/api/v2/monitor/health": {"get": []},
    "/api/v2/version": {"get": []},
}

PUBLIC = {"/api/v2/monitor/health", "/api/v2/version"}

RUN_ORDER = ["id", "logical_date", "run_after", "start_date", "end_date", "queued_at", "data_interval_start",
             "data_interval_end", "dag_run_id", "run_id", "dag_id", "state", "run_type"]
RUN_STATES = ["queued", "running", "success", "failed"]
RUN_TYPES = ["scheduled", "manual", "backfill"]
TASK_STATES = ["scheduled", "queued", "running", "success", "failed", "up_for_retry", "upstream_failed", "skipped",
               "removed", "restarting", "up_for_reschedule", "deferred"]

ERROR = {"$ref": "#/components/schemas/HTTPExceptionResponse"}
SECURITY = [{"HTTPBearer": []}]


def error_response(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def adjust_parameter(path, method, parameter):
    name = parameter["name"]
    schema = parameter["schema"]
    if name == "order_by":
        values = RUN_ORDER + ["-" + v for v in RUN_ORDER]
        schema["items"] = {"type": "string", "enum": values}
        schema["description"] = "A field to order by, `-` first for descending: " + ", ".join(RUN_ORDER) + "."
    elif name == "state" and path.endswith("/dagRuns"):
        schema["items"] = {"type": "string", "enum": RUN_STATES}
    elif name == "state" and path.endswith("/taskInstances"):
        schema["items"] = {"type": "string", "enum": TASK_STATES}
    elif name == "run_type":
        schema["items"] = {"type": "string", "enum": RUN_TYPES}
    elif name == "limit":
        schema["maximum"] = 10000
    elif name in ("offset", "backfill_id", "try_number"):
        schema["maximum"] = 2**63 - 1
    elif name == "dag_id" and path == "/api/v2/backfills":
        parameter["required"] = True
        schema.clear()
        schema.update({"type": "string", "title": "Dag Id"})
    return parameter


def operation(path, method, source, query):
    op = copy.deepcopy(source)
    op["parameters"] = [adjust_parameter(path, method, p) for p in op.get("parameters", [])
                        if p["in"] == "path" or (p["in"] == "query" and p["name"] in query)]
    for p in op["parameters"]:
        if p["in"] == "path" and "type" not in p["schema"]:
            p["schema"]["type"] = "string"
    if not op["parameters"]:
        del op["parameters"]
    responses = op["responses"]
    for code in list(responses):
        content = responses[code].get("content", {})
        if code == "422":
            responses[code] = error_response("The body or a parameter does not validate")
        elif "application/x-ndjson" in content:
            del content["application/x-ndjson"]
    if path in PUBLIC:
        op.pop("security", None)
        for code in ("401", "403"):
            responses.pop(code, None)
    else:
        op["security"] = SECURITY
        responses.setdefault("401", error_response("Unauthorized"))
        responses.setdefault("403", error_response("Forbidden"))
    if "requestBody" in op:
        responses.setdefault("400", error_response("Bad Request"))
    if path.endswith("/logs/{try_number}"):
        ok = responses["200"]["content"]
        ok["text/plain"] = {"schema": {"type": "string"}}
        responses.setdefault("404", error_response("Not Found"))
        responses.setdefault("400", error_response("A continuation token this server did not give"))
    return op


def sluice_paths():
    """Sluice's own operations: login, metrics, this document, and /api/sluice/v1."""
    json_body = lambda ref: {"application/json": {"schema": {"$ref": "#/components/schemas/" + ref}}}  # noqa: E731
    auth = {"401": error_response("Unauthorized"), "403": error_response("Forbidden"), "404": error_response("Not Found"),
            "422": error_response("The body or a parameter does not validate")}
    dag_id = {"name": "dag_id", "in": "path", "required": True, "schema": {"type": "string", "title": "Dag Id"}}
    run_id = {"name": "dag_run_id", "in": "path", "required": True, "schema": {"type": "string", "title": "Dag Run Id"}}
    task_id = {"name": "task_id", "in": "path", "required": True, "schema": {"type": "string", "title": "Task Id"}}
    return {
        "/auth/token": {"post": {
            "tags": ["Login"], "summary": "Create Token", "operationId": "create_token",
            "description": "A session token (24 hours) for a user's name and password, as Airflow's auth manager answers.",
            "requestBody": {"required": True, "content": json_body("LoginBody")},
            "responses": {"201": {"description": "Created", "content": json_body("LoginResponse")},
                          "400": error_response("Bad Request"), "401": error_response("Invalid username or password"),
                          "422": error_response("The body does not validate")},
        }},
        "/metrics": {"get": {
            "tags": ["Monitor"], "summary": "Prometheus metrics", "operationId": "get_metrics",
            "description": "Prometheus' text exposition format (no authentication, as the health check).",
            "responses": {"200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}},
        }},
        "/api/v2/openapi.json": {"get": {
            "tags": ["Monitor"], "summary": "This document", "operationId": "get_openapi",
            "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}},
        }},
        "/api/sluice/v1/dags/{dag_id}/nextRuns": {"get": {
            "tags": ["Sluice"], "summary": "Next runs of a DAG", "operationId": "get_next_runs", "security": SECURITY,
            "parameters": [dag_id, {"name": "count", "in": "query", "required": False,
                                    "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 10}}],
            "responses": {"200": {"description": "Successful Response", "content": json_body("NextRunsResponse")}, **auth},
        }},
        "/api/sluice/v1/dags/{dag_id}/tasks/{task_id}/rendered": {"get": {
            "tags": ["Sluice"], "summary": "Rendered SQL of a task", "operationId": "get_rendered_task", "security": SECURITY,
            "description": "What the task would send for a logical date, secrets masked.",
            "parameters": [dag_id, task_id, {"name": "logical_date", "in": "query", "required": True,
                                             "schema": {"type": "string", "format": "date-time"}}],
            "responses": {"200": {"description": "Successful Response", "content": json_body("RenderedTaskResponse")}, **auth},
        }},
        "/api/sluice/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/export": {"get": {
            "tags": ["Sluice"], "summary": "Published export of a task instance", "operationId": "get_task_export",
            "security": SECURITY,
            "description": "The manifest of the partition an export task instance published: files, rows, bytes, "
                           "checksums and audit results. 404 while nothing is published for the run.",
            "parameters": [dag_id, run_id, task_id],
            "responses": {"200": {"description": "Successful Response", "content": json_body("TaskExportResponse")}, **auth},
        }},
        "/api/sluice/v1/workers": {"get": {
            "tags": ["Sluice"], "summary": "Schedulers and workers", "operationId": "get_workers", "security": SECURITY,
            "description": "The schedulers and workers sharing the metadata store, newest first: host, pid, version, "
                           "heartbeat, state (running, lost: no heartbeat within the lease, stopped) and running tasks.",
            "parameters": [{"name": "include_stopped", "in": "query", "required": False,
                            "schema": {"type": "boolean", "default": False}}],
            "responses": {"200": {"description": "Successful Response", "content": json_body("WorkersResponse")},
                          **{k: v for k, v in auth.items() if k != "404"}},
        }},
    }


def sluice_schemas():
    date = {"type": "string", "format": "date-time"}
    return {
        "LoginBody": {"type": "object", "required": ["username", "password"], "additionalProperties": False,
                      "properties": {"username": {"type": "string"}, "password": {"type": "string"}}},
        "WorkersResponse": {"type": "object", "required": ["workers", "total_entries"], "properties": {
            "total_entries": {"type": "integer"},
            "workers": {"type": "array", "items": {"type": "object", "required": [
                "id", "kind", "state", "host", "pid", "version", "queues", "started_at", "latest_heartbeat", "stopped_at",
                "running_tasks"], "properties": {
                "id": {"type": "string"}, "kind": {"type": "string", "enum": ["scheduler", "worker", "standalone"]},
                "state": {"type": "string", "enum": ["running", "lost", "stopped"]}, "host": {"type": "string"},
                "pid": {"type": "integer"}, "version": {"type": "string"}, "queues": {"type": "array", "items": {"type": "string"}},
                "started_at": date, "latest_heartbeat": date, "stopped_at": {"anyOf": [date, {"type": "null"}]},
                "running_tasks": {"type": "array", "items": {"type": "string"}}}}}}},
        "LoginResponse": {"type": "object", "required": ["access_token"],
                          "properties": {"access_token": {"type": "string"}}},
        "NextRunsResponse": {"type": "object", "required": ["dag_id", "next_runs"], "properties": {
            "dag_id": {"type": "string"},
            "next_runs": {"type": "array", "items": {"type": "object", "required": [
                "logical_date", "data_interval_start", "data_interval_end", "run_after"], "properties": {
                "logical_date": date, "data_interval_start": date, "data_interval_end": date, "run_after": date}}}}},
        "RenderedTaskResponse": {"type": "object", "required": ["dag_id", "task_id", "type", "text"], "properties": {
            "dag_id": {"type": "string"}, "task_id": {"type": "string"}, "type": {"type": "string"},
            "sql": {"type": "string"}, "statement": {"type": "string"}, "destination": {"type": "string"},
            "audits": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"}, "sql": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}},
            "text": {"type": "string"}}},
        "TaskExportResponse": {"type": "object", "required": ["dag_id", "dag_run_id", "task_id", "partition", "manifest"],
                               "properties": {
            "dag_id": {"type": "string"}, "dag_run_id": {"type": "string"}, "task_id": {"type": "string"},
            "partition": {"type": "string", "description": "Where the partition is: its folder, or s3://bucket/prefix/."},
            "manifest": {"$ref": "#/components/schemas/ExportManifest"}}},
        "ExportManifest": {"type": "object", "required": [
            "dag_id", "task_id", "run_id", "try_number", "logical_date", "format", "files", "total_rows", "total_bytes"],
            "properties": {
            "dag_id": {"type": "string"}, "task_id": {"type": "string"}, "run_id": {"type": "string"},
            "try_number": {"type": "integer"}, "logical_date": {"type": "string"},
            "data_interval_start": {"type": "string"}, "data_interval_end": {"type": "string"},
            "format": {"type": "string", "enum": ["parquet", "csv", "jsonl"]}, "compression": {"type": "string"},
            "files": {"type": "array", "items": {"type": "object", "required": ["path", "rows", "bytes", "sha256"],
                                                 "properties": {"path": {"type": "string"}, "rows": {"type": "integer"},
                                                                "bytes": {"type": "integer"}, "sha256": {"type": "string"}}}},
            "total_rows": {"type": "integer"}, "total_bytes": {"type": "integer"},
            "schema": {"type": "array", "items": {"type": "object"}},
            "audits": {"type": "array", "items": {"type": "object", "required": ["name", "passed", "detail"], "properties": {
                "name": {"type": "string"}, "passed": {"type": "boolean"}, "detail": {"type": "string"}}}},
            "query_sha256": {"type": "string"}, "started_at": {"type": "string"}, "finished_at": {"type": "string"},
            "sluice_version": {"type": "string"}}},
    }


def only(value, why):
    """A body field Sluice has no use for: it accepts only the neutral value (what Airflow's client sends by
    default), and says so, instead of ignoring a value it cannot honour."""
    if value is None:
        return {"type": "null", "description": "Sluice: " + why}
    return {"const": value, "default": value, "description": "Sluice: " + why}


NO_NOTES = "Sluice keeps no notes."
BODIES = {
    "DAGRunPatchBody": {"state": {"$ref": "#/components/schemas/DagRunMutableStates"}, "note": only(None, NO_NOTES),
                        "_required": ["state"]},
    "PatchTaskInstanceBody": {
        "new_state": {"type": "string", "enum": ["success", "failed"]},
        "note": only(None, NO_NOTES),
        "include_future": only(False, "one run at a time."),
        "include_past": only(False, "one run at a time."),
        "_required": ["new_state"],
    },
    "DAGRunClearBody": {"only_new": only(False, "DAGs have one version."), "note": only(None, NO_NOTES)},
    "ClearTaskInstancesBody": {
        "only_running": only(False, "running tasks are not cleared."),
        "reset_dag_runs": only(True, "a cleared task's run is queued again."),
        "include_future": only(False, "select runs with dag_run_id or start_date/end_date."),
        "include_past": only(False, "select runs with dag_run_id or start_date/end_date."),
        "prevent_running_task": only(False, "running tasks are never cleared."),
        "note": only(None, NO_NOTES),
    },
    "TriggerDAGRunPostBody": {
        "dag_run_id": {"anyOf": [{"type": "string", "minLength": 1, "maxLength": 250, "pattern": "^[^/]+$"}, {"type": "null"}],
                       "title": "Dag Run Id"},
        "data_interval_start": only(None, "the data interval follows from logical_date and the schedule."),
        "data_interval_end": only(None, "the data interval follows from logical_date and the schedule."),
        "run_after": only(None, "a triggered run is due at once."),
        "note": only(None, NO_NOTES),
        "partition_key": only(None, "runs are by logical date."),
    },
    "BackfillPostBody": {
        "max_active_runs": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 10, "title": "Max Active Runs"},
    },
}


def adjust_responses(schemas):
    # Airflow's dry-run clear lists task instances as oneOf TaskInstanceResponse / NewTaskResponse; a full
    # task instance satisfies both, so oneOf can never hold for one: anyOf is what is meant.
    items = schemas["ClearTaskInstanceCollectionResponse"]["properties"]["task_instances"]["items"]
    items["anyOf"] = items.pop("oneOf")


def adjust_bodies(schemas):
    for name, changes in BODIES.items():
        schema = schemas[name]
        for field, replacement in changes.items():
            if field == "_required":
                schema["required"] = replacement
            else:
                assert field in schema["properties"], (name, field)
                schema["properties"][field] = replacement


def referenced(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            referenced(value, found)
    elif isinstance(node, list):
        for value in node:
            referenced(value, found)


def derive(airflow):
    paths = {}
    for path, methods in OPERATIONS.items():
        paths[path] = {m: operation(path, m, airflow["paths"][path][m], q) for m, q in methods.items()}
    paths.update(sluice_paths())
    schemas = sluice_schemas()
    source = airflow["components"]["schemas"]
    pending = set()
    referenced(paths, pending)
    referenced(schemas, pending)
    while pending:
        name = pending.pop()
        if name in schemas:
            continue
        schemas[name] = copy.deepcopy(source[name])
        referenced(schemas[name], pending)
    adjust_bodies(schemas)
    adjust_responses(schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sluice API",
            "description": "Airflow 3.3's public REST API, the subset Sluice honours, at Airflow's paths and shapes "
                           "(apache-airflow-client works against it), and Sluice's own endpoints under /api/sluice/v1.",
            "version": "2",
        },
        "paths": paths,
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {"HTTPBearer": {"type": "http", "scheme": "bearer",
                                               "description": "A token from POST /auth/token or `sluice tokens create`."}},
        },
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: derive.py AIRFLOW_V2_SPEC.yaml")
    with open(sys.argv[1]) as f:
        airflow = yaml.safe_load(f)
    document = derive(airflow)
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    os.makedirs(os.path.join(ROOT, "docs", "api"), exist_ok=True)
    with open(os.path.join(ROOT, "docs", "api", "openapi.json"), "w") as f:
        f.write(text)
    embed(text)


def embed(text):
    """The document as a Swift raw string (the delimiter is chosen so no line can end it)."""
    hashes = "#"
    while ('"' + hashes) in text or ("\\" + hashes) in text:
        hashes += "#"
    swift = ("// Generated by scripts/openapi/derive.py from docs/api/openapi.json: do not edit.\n\n"
             "/// The OpenAPI 3.1 document of the API, served at `/api/v2/openapi.json`.\n"
             "enum OpenAPIDocument {\n"
             f"    static let json = {hashes}\"\"\"\n{text}\"\"\"{hashes}\n"
             "}\n")
    with open(os.path.join(ROOT, "Sources", "SluiceAPI", "OpenAPIDocument.swift"), "w") as f:
        f.write(swift)


if __name__ == "__main__":
    main()
