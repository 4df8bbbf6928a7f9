import Foundation
import SluiceAPI
import SluiceCore
import SluiceDefinitions
import SluiceStore

/// `/`: every DAG with its schedule in words, next run, pause toggle, its last 10 runs as a strip, failed
/// runs in the last 7 days, tags; filtered by name, tag and state; broken DAG files in a banner. Three
/// statements for the whole page: latest runs of the DAGs shown, failed counts, paused DAGs.
struct DagListPage {
    let environment: APIEnvironment

    struct Filter {
        var text = ""
        var tag = ""
        /// `failed` (a failed run in 7 days), `paused`, `active`, or empty.
        var state = ""
    }

    func render(context: APIRequestContext, filter: Filter, now: Date = Date()) async throws -> Node {
        let bag = await environment.catalog.current()
        let paused = try await environment.store.pausedDagIds()
        let failed = try await environment.store.failedRunCounts(since: now.addingTimeInterval(-7 * 86_400))
        let needle = filter.text.lowercased()
        let shown = bag.sortedDags.filter { dag in
            (needle.isEmpty || dag.dagId.lowercased().contains(needle) || (dag.description ?? "").lowercased().contains(needle))
                && (filter.tag.isEmpty || dag.tags.contains(filter.tag))
                && (filter.state.isEmpty
                    || (filter.state == "failed" && failed[dag.dagId, default: 0] > 0)
                    || (filter.state == "paused" && paused.contains(dag.dagId))
                    || (filter.state == "active" && !paused.contains(dag.dagId)))
        }
        let latest = try await environment.store.latestRuns(of: shown.map(\.dagId), count: 10)
        let operate = UILayout.canOperate(context)
        let rows = shown.map { dag -> Node in
            let isPaused = paused.contains(dag.dagId)
            let runs = latest[dag.dagId] ?? []
            let next = dag.timetable.isManualOnly ? nil
                : dag.timetable.upcomingRuns(at: now, startDate: dag.startDate, endDate: dag.endDate, count: 1).first
            return el("tr", ["data-dag-id": dag.dagId, "data-paused": isPaused ? "true" : "false"],
                el("td", el("a", ["href": UIPath("dags", dag.dagId).text], .text(dag.dagId)),
                   dag.description.map { el("div", ["class": "muted"], .text($0)) } ?? .empty),
                el("td", ["data-schedule": ""], .text(dag.timetable.words)),
                el("td", next.map { info in
                    .group([.text("logical "), UILayout.time(info.logicalDate), void("br"), .text("starts "), UILayout.time(info.runAfter)])
                } ?? .text(isPaused ? "paused" : "–")),
                el("td", ["class": "strip", "data-runs": String(runs.count)], children: runs.reversed().map { run in
                    el("a", ["href": UIPath("dags", dag.dagId).query([("run", run.runId)]).text],
                       el("span", ["data-state": run.state.rawValue, "data-run-id": run.runId, "title": "\(run.runId): \(run.state.rawValue)"]))
                }),
                el("td", ["data-failed-7d": String(failed[dag.dagId, default: 0])], .text(String(failed[dag.dagId, default: 0]))),
                el("td", children: dag.tags.sorted().map { tag in
                    el("a", ["class": "tag", "href": UIPath(raw: "/").query([("tag", tag)]).text], .text(tag))
                }),
                el("td", operate ? .group([
                    el("button", ["data-action": isPaused ? "unpause" : "pause", "data-dag-id": dag.dagId], .text(isPaused ? "Unpause" : "Pause")),
                ]) : .text(isPaused ? "paused" : "")))
        }
        let problems = bag.problems
        let banner: Node = problems.isEmpty ? .empty : el("div", ["class": "banner", "data-import-errors": String(problems.count)],
            el("strong", .text("\(problems.count) problem\(problems.count == 1 ? "" : "s") in DAG files:")),
            .group(problems.map { el("pre", .text($0.description)) }))
        let tags = Set(bag.sortedDags.flatMap(\.tags)).sorted()
        let form = el("form", ["method": "get", "action": "/", "class": "filter"],
            void("input", ["name": "q", "value": filter.text, "placeholder": "name or description"]),
            el("select", ["name": "tag"], children: [el("option", ["value": ""], .text("any tag"))] + tags.map { tag in
                el("option", attributes: [("value", tag), ("selected", tag == filter.tag ? "selected" : nil)], children: [.text(tag)])
            }),
            el("select", ["name": "state"], children: [("", "any state"), ("failed", "failed in 7 days"), ("paused", "paused"), ("active", "active")].map { value, label in
                el("option", attributes: [("value", value), ("selected", value == filter.state ? "selected" : nil)], children: [.text(label)])
            }),
            el("button", ["type": "submit"], .text("Filter")))
        return UILayout.page(title: "DAGs", context: context, live: true,
            banner, el("h1", .text("DAGs")), form,
            el("table", ["class": "dags"],
               el("thead", el("tr", el("th", .text("DAG")), el("th", .text("Schedule")), el("th", .text("Next run")),
                                    el("th", .text("Last 10 runs")), el("th", .text("Failed, 7 days")), el("th", .text("Tags")), el("th", .text("")))),
               el("tbody", children: rows)))
    }
}
