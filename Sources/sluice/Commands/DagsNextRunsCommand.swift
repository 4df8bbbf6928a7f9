import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions

/// `sluice dags next-runs DAG`: the runs the timetable yields from now (or `--from DATE`, or
/// `--from start` for the DAG's start_date).
struct DagsNextRunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next-runs", abstract: "Print the next runs of a DAG: logical date, data interval, run after.",
        discussion: """
            Without --from: the runs still to come (due after now). --from DATE lists from that date (as if the DAG
            started then, with catchup); --from start lists from the DAG's start_date. These are the schedule's runs:
            `sluice status` shows the next run the scheduler creates given the runs already made.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Option(help: "List from this date or ISO date-time (naive: in the DAG's time zone), or `start` for the DAG's start_date (default: now).") var from: String?
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
        let runs: [DagRunInfo]
        switch from {
        case nil:
            runs = dag.timetable.upcomingRuns(at: Date(), startDate: dag.startDate, endDate: dag.endDate, count: count)
        case "start"?:
            runs = dag.timetable.runs(startDate: dag.startDate ?? Date(), endDate: dag.endDate, count: count)
        case let text?:
            guard let start = DateText.parse(text, in: dag.timeZone) else {
                throw ValidationError("--from '\(UserText.quote(text))' is not a date: write YYYY-MM-DD, an ISO date-time, or `start` for the DAG's start_date")
            }
            runs = dag.timetable.runs(startDate: start, endDate: dag.endDate, count: count)
        }
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
