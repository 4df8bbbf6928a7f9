import Foundation
import Hummingbird
import SluiceAPI
import SluiceCore
import SluiceStore

/// `/runs`: runs across DAGs, filtered by DAG, state, type and logical dates, newest first, a page at a
/// time; operators select several and clear or mark them at once. One statement (the API's `runsPage`).
struct RunListPage {
    let environment: APIEnvironment

    func response(_ request: Request, context: APIRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        func text(_ name: String) -> String { query[Substring(name)].map(String.init) ?? "" }
        var filter = RunFilter(dagId: text("dag_id").isEmpty ? nil : text("dag_id"))
        if let state = RunState(rawValue: text("state")) { filter.states = [state] }
        if let type = RunType(rawValue: text("run_type")) { filter.types = [type] }
        filter.logicalFrom = DateText.parse(text("from"), in: .gmt)
        filter.logicalThrough = DateText.parse(text("to"), in: .gmt)
        let offset = max(0, Int(text("offset")) ?? 0)
        let page = try await environment.store.runsPage(matching: filter, runAfterFrom: nil, runAfterThrough: nil,
                                                        orderBy: RunOrder(column: .runAfter, descending: true), offset: offset, limit: 50)
        let operate = UILayout.canOperate(context)
        let dagIds = await environment.catalog.current().sortedDags.map(\.dagId)
        func select(_ name: StaticString, _ current: String, _ options: [(String, String)]) -> Node {
            el("select", ["name": String(describing: name)], children: options.map { value, label in
                el("option", attributes: [("value", value), ("selected", value == current ? "selected" : nil)], children: [.text(label)])
            })
        }
        let form = el("form", ["method": "get", "action": "/runs", "class": "filter"],
            select("dag_id", text("dag_id"), [("", "any DAG")] + dagIds.map { ($0, $0) }),
            select("state", text("state"), [("", "any state")] + ["queued", "running", "success", "failed"].map { ($0, $0) }),
            select("run_type", text("run_type"), [("", "any type")] + ["scheduled", "manual", "backfill"].map { ($0, $0) }),
            void("input", ["name": "from", "type": "date", "value": text("from")]),
            void("input", ["name": "to", "type": "date", "value": text("to")]),
            el("button", ["type": "submit"], .text("Filter")))
        let bulk: Node = operate ? el("div", ["class": "actions"],
            el("button", ["data-action": "clear", "data-bulk": "true", "disabled": "disabled"], .text("Clear selected")),
            el("button", ["data-action": "clear", "data-bulk": "true", "data-only-failed": "true", "disabled": "disabled"], .text("Clear failed tasks of selected")),
            el("button", ["data-action": "mark-success", "data-bulk": "true", "disabled": "disabled"], .text("Mark selected success")),
            el("button", ["class": "danger", "data-action": "mark-failed", "data-bulk": "true", "disabled": "disabled"], .text("Mark selected failed"))) : .empty
        let rows = page.runs.map { run in
            el("tr", ["data-run-row": run.runId, "data-dag-id": run.dagId, "data-state": run.state.rawValue],
               el("td", operate ? void("input", ["type": "checkbox", "data-select": "", "data-dag-id": run.dagId, "data-run-id": run.runId]) : .empty),
               el("td", el("a", ["href": UIPath("dags", run.dagId).query([("run", run.runId)]).text], .text(run.dagId))),
               el("td", .text(run.runId)), el("td", UILayout.time(run.logicalDate)), el("td", .text(run.runType.rawValue)),
               el("td", ["data-state": run.state.rawValue], .text(run.state.rawValue)),
               el("td", .text(UILayout.duration(from: run.startedAt, to: run.endedAt ?? (run.startedAt == nil ? nil : Date())))))
        }
        var pager: [Node] = []
        let base = ["dag_id", "state", "run_type", "from", "to"].compactMap { name in text(name).isEmpty ? nil : (name, text(name)) }
        if offset > 0 { pager.append(el("a", ["href": UIPath(raw: "/runs").query(base + [("offset", String(max(0, offset - 50)))]).text], .text("← newer"))) }
        if offset + 50 < page.total { pager.append(el("a", ["href": UIPath(raw: "/runs").query(base + [("offset", String(offset + 50))]).text], .text(" older →"))) }
        return UIResponse.page(UILayout.page(title: "Runs", context: context, live: true,
            el("h1", .text("Runs")), form, bulk,
            el("p", ["class": "muted"], .text("\(page.total) run(s)")),
            el("table", ["class": "runs"],
               el("thead", el("tr", el("th", operate ? void("input", ["type": "checkbox", "id": "select-all"]) : .empty), el("th", .text("DAG")),
                              el("th", .text("run")), el("th", .text("logical date")), el("th", .text("type")), el("th", .text("state")),
                              el("th", .text("duration")))),
               el("tbody", children: rows)),
            el("p", children: pager)))
    }
}
