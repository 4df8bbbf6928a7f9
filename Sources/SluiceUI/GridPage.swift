import Foundation
import Hummingbird
import SluiceAPI
import SluiceCore
import SluiceStore

/// `/dags/{dag_id}`: the DAG's last N runs (10, 25, 50, 100; older by paging with `before`) as columns by
/// its tasks as rows (grouped), each cell a task instance's state and try count; the selected run's
/// header; the DAG's structure once; trigger, pause and backfill. Two statements for the grid: the runs
/// shown, then their task instances (the API's `runsPage` and `taskInstancesPage`).
struct GridPage {
    let environment: APIEnvironment

    static let sizes = [10, 25, 50, 100]

    func response(_ request: Request, context: APIRequestContext) async throws -> Response {
        let dagId = context.path("dag_id")
        guard let dag = await environment.catalog.current().dags[dagId] else {
            return UIResponse.page(UILayout.page(title: "Not found", context: context, el("h1", .text("No DAG \(dagId)"))), status: .notFound)
        }
        let query = request.uri.queryParameters
        let size = query["runs"].flatMap { Int(String($0)) }.flatMap { Self.sizes.contains($0) ? $0 : nil } ?? 25
        let before = query["before"].flatMap { DateText.parse(String($0), in: .gmt) }
        let page = try await environment.store.runsPage(matching: RunFilter(dagId: dag.dagId), runAfterFrom: nil,
                                                        runAfterThrough: before.map { $0.addingTimeInterval(-0.000_001) },
                                                        orderBy: RunOrder(column: .runAfter, descending: true), offset: 0, limit: size)
        let runs = Array(page.runs.reversed())  // oldest on the left, as Airflow's grid
        var cells: [String: TaskInstance] = [:]
        if let oldest = runs.first, let newest = runs.last {
            let tis = try await environment.store.taskInstancesPage(dagId: dag.dagId, runAfterFrom: oldest.runAfter, runAfterThrough: newest.runAfter,
                                                                    states: [], offset: 0, limit: (runs.count + 1) * max(1, dag.tasks.count) * 2)
            for ti in tis.instances { cells[ti.runId + "\u{0}" + ti.taskId] = ti }
        }
        let selected = query["run"].map(String.init).flatMap { id in runs.first { $0.runId == id } } ?? runs.last
        let paused = try await environment.store.isPaused(dagId: dag.dagId)
        let operate = UILayout.canOperate(context)

        let header = el("tr", children: [el("th", .text("task"))] + runs.map { run in
            el("th", ["class": "run", "data-run-id": run.runId, "data-state": run.state.rawValue, "title": "\(run.runId): \(run.state.rawValue)"],
               el("a", ["href": UIPath("dags", dag.dagId).query([("run", run.runId), ("runs", String(size))] + (before.map { [("before", DateText.iso($0))] } ?? [])).text],
                  .text(DateText.iso(run.logicalDate).prefix(16).replacingOccurrences(of: "T", with: " "))))
        })
        var bodies: [Node] = []
        var currentGroup: String?
        var rows: [Node] = []
        func flush() {
            guard !rows.isEmpty else { return }
            let name = currentGroup
            var children: [Node] = []
            if let name {
                children.append(el("tr", ["class": "group"], el("th", ["colspan": String(runs.count + 1)],
                    el("button", ["type": "button", "data-toggle-group": name], .text("▾ " + name)))))
            }
            bodies.append(el("tbody", attributes: [("data-group", name)], children: children + rows))
            rows = []
        }
        for task in dag.tasks {
            if rows.isEmpty || currentGroup != task.group { flush(); currentGroup = task.group }
            rows.append(el("tr", ["data-task-row": task.taskId], children: [el("th", .text(task.taskId))] + runs.map { run in
                let ti = cells[run.runId + "\u{0}" + task.taskId]
                let state = ti?.state.rawValue ?? "none"
                return el("td", ["class": "cell-td", "data-run-id": run.runId, "data-task-id": task.taskId, "data-state": state,
                                 "data-tries": String(ti?.tryNumber ?? 0), "title": "\(task.taskId) · \(run.runId): \(state), try \(ti?.tryNumber ?? 0)"],
                    el("a", ["href": UIPath("dags", dag.dagId, "runs", run.runId, "tasks", task.taskId).text],
                       el("span", ["class": "cell"]), .text((ti?.tryNumber ?? 0) > 1 ? String(ti?.tryNumber ?? 0) : "")))
            }))
        }
        flush()

        var older = Node.empty
        if page.total > size, let oldest = runs.first {
            older = el("a", ["href": UIPath("dags", dag.dagId).query([("runs", String(size)), ("before", DateText.iso(oldest.runAfter))]).text], .text("older runs →"))
        }
        let sizes = el("span", children: Self.sizes.map { n in
            n == size ? el("strong", .text(" \(n) ")) : el("a", ["href": UIPath("dags", dag.dagId).query([("runs", String(n))]).text], .text(" \(n) "))
        })
        return UIResponse.page(UILayout.page(title: dag.dagId, context: context, dagZone: dag.timeZone.identifier, live: true,
            el("h1", .text(dag.dagId)),
            dag.description.map { el("p", .text($0)) } ?? .empty,
            el("p", .text(dag.timetable.words), .text(paused ? " · paused" : ""), .text(dag.tags.isEmpty ? "" : " · tags: " + dag.tags.sorted().joined(separator: ", "))),
            dag.params.isEmpty ? .empty : el("p", .text("params "), el("code", ["data-params": ""], .text(environment.mask(JSONValue.object(dag.params.map { key, value in
                (key, SecretMasker.isSecretName(key) ? .string("***") : value)  // secret params, as the renderer masks them
            }).jsonText)))),
            operate ? dagActions(dag.dagId, paused: paused) : .empty,
            selected.map { runPanel($0, dagId: dag.dagId, operate: operate) } ?? el("p", .text("No runs yet.")),
            el("p", .text("runs shown:"), sizes, .text(" "), older),
            el("table", ["class": "grid", "data-dag-id": dag.dagId], children: [el("thead", header)] + bodies),
            structure(dag)))
    }

    func dagActions(_ dagId: String, paused: Bool) -> Node {
        .group([
            el("div", ["class": "actions"],
               el("button", ["data-action": "trigger", "data-opens": "trigger-form", "type": "button"], .text("Trigger")),
               el("button", ["data-action": paused ? "unpause" : "pause", "data-dag-id": dagId], .text(paused ? "Unpause" : "Pause")),
               el("button", ["data-action": "backfill", "data-opens": "backfill-form", "type": "button"], .text("Backfill"))),
            el("form", ["id": "trigger-form", "class": "inline", "data-form": "trigger", "data-dag-id": dagId],
               el("label", .text("Logical date (empty: the latest complete data interval) "),
                  void("input", ["name": "logical_date", "placeholder": "2026-11-20 or 2026-11-20T02:30:00+01:00"])),
               el("label", .text("conf (JSON) "), el("textarea", ["name": "conf", "rows": "2", "cols": "40"], .text("{}"))),
               el("button", ["type": "submit", "data-action": "trigger-confirm"], .text("Trigger run"))),
            el("form", ["id": "backfill-form", "class": "inline", "data-form": "backfill", "data-dag-id": dagId],
               el("label", .text("From "), void("input", ["name": "from_date", "type": "date", "required": "required"])),
               el("label", .text("To "), void("input", ["name": "to_date", "type": "date", "required": "required"])),
               el("label", .text("Reprocess "), el("select", ["name": "reprocess_behavior"],
                  el("option", ["value": "none"], .text("none (new dates only)")), el("option", ["value": "failed"], .text("failed")),
                  el("option", ["value": "completed"], .text("completed (all)")))),
               el("label", .text("Max active runs "), void("input", ["name": "max_active_runs", "type": "number", "min": "1", "max": "1000", "value": "10"])),
               el("button", ["type": "submit", "data-action": "backfill-confirm"], .text("Start backfill"))),
        ])
    }

    func runPanel(_ run: DagRun, dagId: String, operate: Bool) -> Node {
        el("section", ["class": "run-panel", "data-run-id": run.runId, "data-state": run.state.rawValue, "data-fast": ""],
           el("h2", .text("Run \(run.runId)")),
           el("p", .text("logical date "), UILayout.time(run.logicalDate), .text(" · data interval "), UILayout.time(run.dataIntervalStart),
              .text(" – "), UILayout.time(run.dataIntervalEnd), .text(" · \(run.runType.rawValue) · "),
              el("strong", ["data-run-state": run.state.rawValue], .text(run.state.rawValue)),
              .text(run.startedAt == nil ? "" : " · " + UILayout.duration(from: run.startedAt, to: run.endedAt ?? Date()))),
           run.conf == "{}" || run.conf.isEmpty ? .empty : el("p", .text("conf "), el("code", ["data-conf": ""], .text(run.conf))),
           operate ? el("div", ["class": "actions"],
               el("button", ["data-action": "clear", "data-dag-id": dagId, "data-run-id": run.runId], .text("Clear run")),
               el("button", ["data-action": "clear", "data-dag-id": dagId, "data-run-id": run.runId, "data-only-failed": "true"], .text("Clear failed tasks")),
               el("button", ["data-action": "mark-success", "data-dag-id": dagId, "data-run-id": run.runId], .text("Mark success")),
               el("button", ["class": "danger", "data-action": "mark-failed", "data-dag-id": dagId, "data-run-id": run.runId], .text("Mark failed"))) : .empty)
    }

    /// The DAG's structure once: each task with what it waits for.
    func structure(_ dag: Dag) -> Node {
        el("section", ["class": "structure"],
           el("h2", .text("Tasks")),
           el("ul", children: dag.tasks.map { task in
               el("li", ["data-structure-task": task.taskId],
                  el("code", .text(task.taskId)), .text(" (\(task.type.rawValue))"),
                  .text(task.upstream.isEmpty ? "" : " after " + task.upstream.joined(separator: ", ")))
           }))
    }
}
