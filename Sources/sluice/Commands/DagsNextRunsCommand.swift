import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions

/// `sluice dags next-runs DAG`: the runs the timetable yields from start_date (or --from).
struct DagsNextRunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "next-runs", abstract: "Print the next runs of a DAG: logical date, data interval, run after.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.") var dagId: String
    @Option(help: "Start from this date or ISO date-time instead of start_date (naive: in the DAG's time zone).") var from: String?
    @Option(help: "How many runs.") var count = 10
    @Flag(help: "Print a JSON array of {logical_date, data_interval_start, data_interval_end, run_after}.") var json = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
    }

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        if dag.timetable.isManualOnly {
            throw LookupError(message: "DAG '\(dagId)' has no schedule (schedule: null): it runs only when triggered")
        }
        var start = dag.startDate ?? Date()
        if let from {
            guard let d = DateText.parse(from, in: dag.timeZone) else {
                throw ValidationError("--from '\(from)' is not a date: write YYYY-MM-DD or an ISO date-time")
            }
            start = d
        }
        let runs = dag.timetable.runs(startDate: start, endDate: dag.endDate, count: count)
        if json {
            let array = JSONValue.array(runs.map { r in
                .object([
                    ("logical_date", .string(DateText.iso(r.logicalDate))),
                    ("data_interval_start", .string(DateText.iso(r.dataIntervalStart))),
                    ("data_interval_end", .string(DateText.iso(r.dataIntervalEnd))),
                    ("run_after", .string(DateText.iso(r.runAfter))),
                ])
            })
            print(array.jsonText)
        } else {
            let rows = runs.map { [DateText.iso($0.logicalDate), DateText.iso($0.dataIntervalStart), DateText.iso($0.dataIntervalEnd), DateText.iso($0.runAfter)] }
            print(TextTable.render(header: ["logical_date", "data_interval_start", "data_interval_end", "run_after"], rows: rows))
        }
    }
}
