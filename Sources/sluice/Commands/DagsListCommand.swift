import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions

/// `sluice dags list`: a table of the DAGs in the folder.
struct DagsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the DAGs of the DAG folder.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array instead of a table.") var json = false

    func run() async throws {
        let env = try global.environment()
        let bag = try global.loadDags(environment: env)
        let now = Date()
        var rows: [[String]] = []
        var objects: [JSONValue] = []
        for dag in bag.sortedDags {
            let next = dag.timetable.nextRun(after: nil, startDate: dag.startDate, endDate: dag.endDate, catchup: dag.catchup, now: now)
            let nextText = next.map { DateText.iso($0.logicalDate) } ?? "-"
            let file = DisplayPath.of(dag.fileURL)
            rows.append([dag.dagId, dag.schedule ?? "None", nextText, dag.tags.joined(separator: ","), file])
            objects.append(.object([
                ("dag_id", .string(dag.dagId)), ("schedule", dag.schedule.map(JSONValue.string) ?? .null),
                ("timetable", .string(dag.timetable.kind.rawValue)), ("timezone", .string(dag.timeZoneName)),
                ("next_run", next.map { .string(DateText.iso($0.logicalDate)) } ?? .null),
                ("tags", .array(dag.tags.map(JSONValue.string))), ("file", .string(file)),
                ("tasks", .int(dag.tasks.count)),
            ]))
        }
        if json {
            print(JSONValue.array(objects).jsonText)
        } else {
            print(TextTable.render(header: ["dag_id", "schedule", "next run", "tags", "file"], rows: rows))
        }
    }
}
