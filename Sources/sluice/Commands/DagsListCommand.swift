import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceScheduler

/// `sluice dags list`: a table of the DAGs in the folder, with the columns of `sluice status`.
struct DagsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the DAGs of the DAG folder: paused, last run, failures, next run.",
        discussion: "The next run is the one the scheduler creates next, from the metadata store and the schedule."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array instead of a table.") var json = false

    func run() async throws {
        let env = try global.environment()
        let bag = try global.loadDags(environment: env)
        let statuses = try await DagStatus.of(bag.sortedDags, in: try await ExistingStore.open(global), now: Date())
        if json {
            print(JSONValue.array(statuses.map { status in
                let dag = status.dag
                return .object(DagStatusOutput.json(status) + [
                    ("timetable", .string(dag.timetable.kind.rawValue)), ("timezone", .string(dag.timeZoneName)),
                    ("tags", .array(dag.tags.map(JSONValue.string))), ("file", .string(DisplayPath.of(dag.fileURL))),
                    ("tasks", .int(dag.tasks.count)),
                ])
            }).jsonText)
        } else {
            let rows = statuses.map { status in
                DagStatusOutput.cells(status) + [status.dag.schedule ?? "None", status.dag.tags.joined(separator: ","), DisplayPath.of(status.dag.fileURL)]
            }
            print(TextTable.render(header: DagStatusOutput.header + ["schedule", "tags", "file"], rows: rows))
        }
    }
}
