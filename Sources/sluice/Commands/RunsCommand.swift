import ArgumentParser
import Foundation
import SluiceCore
import SluiceStore

/// `sluice runs ...`: what ran, from the metadata store.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List and inspect DAG runs.", subcommands: [RunsListCommand.self, RunsShowCommand.self])
}

/// `sluice runs list`.
struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List DAG runs, newest logical date first.",
        discussion: "--state and --type take one value or several separated by commas (--state failed,running)."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this DAG.") var dag: String?
    @Option(help: "Only runs in these states: queued, running, success, failed.") var state: String?
    @Option(name: .customLong("type"), help: "Only runs of these types: scheduled, manual, backfill.") var runType: String?
    @Option(help: "Only runs whose logical date is at or after this date (YYYY-MM-DD or ISO; naive: in --dag's time zone, else UTC).") var startDate: String?
    @Option(help: "Only runs whose logical date is at or before this date (a plain date includes that whole day).") var endDate: String?
    @Option(help: "At most this many runs.") var limit = 100
    @Flag(help: "Print a JSON array.") var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() async throws {
        let states = try Self.values(state, option: "--state", as: RunState.self)
        let types = try Self.values(runType, option: "--type", as: RunType.self)
        let zone = dag.flatMap { RunLookup.timeZones(global)[$0] } ?? TimeZone(secondsFromGMT: 0) ?? .current
        let from = try startDate.map { try Self.date($0, option: "--start-date", zone: zone) }
        var through = try endDate.map { try Self.date($0, option: "--end-date", zone: zone) }
        if let endDate, let day = through, endDate.trimmingCharacters(in: .whitespaces).count == 10 {
            // A plain date means the whole day: up to (not including) the next midnight.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            through = calendar.date(byAdding: .day, value: 1, to: day).map { $0.addingTimeInterval(-0.000_001) }
        }
        let runtime = try await Runtime.make(global)
        let filter = RunFilter(dagId: dag, states: states, types: types, logicalFrom: from, logicalThrough: through, limit: limit)
        let runs = try await runtime.store.runs(matching: filter)
        if json {
            print(JSONValue.array(runs.map { .object(RunOutput.json($0)) }).jsonText)
        } else {
            let now = Date()
            print(TextTable.render(header: RunOutput.header, rows: runs.map { RunOutput.cells($0, now: now) }))
        }
    }

    /// A comma-separated list of raw values of `T`, or a usage error naming the valid ones.
    static func values<T: RawRepresentable & CaseIterable & Hashable>(_ text: String?, option: String, as: T.Type) throws -> Set<T> where T.RawValue == String {
        guard let text else { return [] }
        var result = Set<T>()
        for part in text.split(separator: ",") {
            let word = part.trimmingCharacters(in: .whitespaces)
            guard let value = T(rawValue: word) else {
                let valid = T.allCases.map(\.rawValue)
                throw ValidationError("\(option) '\(UserText.quote(word))' is not one of \(valid.joined(separator: ", "))\(DidYouMean.hint(for: word, among: valid))")
            }
            result.insert(value)
        }
        return result
    }

    static func date(_ text: String, option: String, zone: TimeZone) throws -> Date {
        guard let date = DateText.parse(text, in: zone) else {
            throw ValidationError("\(option) '\(UserText.quote(text))' is not a date: write YYYY-MM-DD or an ISO date-time")
        }
        return date
    }
}

/// `sluice runs show RUN`: the run's task instances as a grid.
struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run's task states and tries.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The run: its run_id (as `runs list` prints it) or its logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).", valueName: "run"))
    var reference: String
    @Option(help: "The DAG, when several DAGs have a run with this id or logical date.") var dag: String?
    @Flag(help: "Print a JSON object: the run with its task_instances.") var json = false

    func run() async throws {
        let runtime = try await Runtime.make(global)
        let found = try await RunLookup.resolve(reference, dagId: dag, global: global, store: runtime.store)
        let tis = try await runtime.store.taskInstances(dagId: found.dagId, runId: found.runId)
        if json {
            let masked: (String) -> String = { runtime.masker.mask($0) }
            print(JSONValue.object(RunOutput.json(found) + [("task_instances", .array(tis.map { RunOutput.json($0, masked: masked) }))]).jsonText)
            return
        }
        print("\(found.dagId) \(found.runId): \(found.state.rawValue) (\(found.runType.rawValue), logical date \(DateText.iso(found.logicalDate)), duration \(RunOutput.durationText(found, now: Date())))")
        let rows = tis.map { ti in
            [ti.taskId, ti.state.rawValue, "\(ti.tryNumber)", ti.duration.map { String(format: "%.3fs", $0) } ?? "-",
             ti.rowsAffected.map(String.init) ?? "-", runtime.masker.mask(ti.error ?? "")]
        }
        print(TextTable.render(header: ["task", "state", "try", "duration", "rows", "error"], rows: rows))
    }
}
