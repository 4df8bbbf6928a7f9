import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions

/// `sluice dags show DAG [--dot]`: tasks and their dependencies.
struct DagsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a DAG's tasks and dependencies (text or Graphviz).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Flag(help: "Print Graphviz dot instead of text.") var dot = false
    @Flag(help: "Print a JSON object.") var json = false

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        if json {
            print(DagRendering.json(dag).jsonText)
        } else if dot {
            print(DagRendering.dot(dag))
        } else {
            print(DagRendering.text(dag))
        }
    }
}

/// Text and Graphviz views of a DAG.
enum DagRendering {
    static func text(_ dag: Dag) -> String {
        var lines: [String] = []
        lines.append("\(dag.dagId): \(dag.description ?? "")".trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ":")))
        lines.append("  schedule: \(dag.schedule ?? "None") (\(dag.timetable.kind.rawValue) timetable, \(dag.timeZoneName))")
        if let start = dag.startDate { lines.append("  start_date: \(DateText.iso(start, in: dag.timeZone))") }
        lines.append("  tasks: \(dag.tasks.count)")
        let width = dag.tasks.map(\.taskId.count).max() ?? 0
        for task in dag.tasks {
            let name = task.taskId.padding(toLength: width, withPad: " ", startingAt: 0)
            let group = task.group.map { " [\($0)]" } ?? ""
            let up = task.upstream.isEmpty ? "" : " <- " + task.upstream.joined(separator: ", ")
            lines.append("    \(name)  \(task.type.rawValue)\(group)\(up)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ dag: Dag) -> JSONValue {
        let tasks: [JSONValue] = dag.tasks.map { task in
            .object([
                ("task_id", .string(task.taskId)), ("type", .string(task.type.rawValue)), ("group", task.group.map(JSONValue.string) ?? .null),
                ("upstream", .array(task.upstream.map(JSONValue.string))),
            ])
        }
        return .object([
            ("dag_id", .string(dag.dagId)), ("description", dag.description.map(JSONValue.string) ?? .null),
            ("schedule", dag.schedule.map(JSONValue.string) ?? .null), ("timetable", .string(dag.timetable.kind.rawValue)),
            ("timezone", .string(dag.timeZoneName)), ("start_date", dag.startDate.map { .string(DateText.iso($0, in: dag.timeZone)) } ?? .null),
            ("tasks", .array(tasks)),
        ])
    }

    static func dot(_ dag: Dag) -> String {
        func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines = ["digraph \(quote(dag.dagId)) {", "  rankdir=LR;", "  node [shape=box, style=rounded];"]
        var byGroup: [String: [String]] = [:]
        for task in dag.tasks {
            if let g = task.group { byGroup[g, default: []].append(task.taskId) } else { lines.append("  \(quote(task.taskId));") }
        }
        for (group, members) in byGroup.sorted(by: { $0.key < $1.key }) {
            lines.append("  subgraph \(quote("cluster_" + group)) {")
            lines.append("    label=\(quote(group));")
            for m in members { lines.append("    \(quote(m));") }
            lines.append("  }")
        }
        for task in dag.tasks {
            for up in task.upstream { lines.append("  \(quote(up)) -> \(quote(task.taskId));") }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
