import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceScheduler
import SluiceStore

/// `sluice status`: the whole project at a glance — whether a scheduler runs, every DAG (paused,
/// last run, failures of the last 7 days, next run) and every broken DAG file.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the scheduler, every DAG's last and next run, and broken DAG files.",
        discussion: """
            The next run is the one the scheduler creates next (it logs the same line, `next run of DAG: ...`):
            computed from the metadata store and the schedule. A past due time means the run is due but not
            created yet (paused DAG, max_active_runs reached, or no scheduler running).
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print one JSON object: scheduler, dags, problems.") var json = false

    func run() async throws {
        let env = try global.environment()
        let bag = try global.loadDags(environment: env, quiet: true)
        let store = try await ExistingStore.open(global)
        let statuses = try await DagStatus.of(bag.sortedDags, in: store, now: Date())
        let holder = SchedulerLock.holder(location: StoreLocation.resolve(environment: env))
        // On a shared store, the schedulers of every machine count.
        var shared: [StoredProcess]?
        if let store, store.isShared, let (processes, now) = try? await store.processes() {
            shared = SchedulerPresence.live(processes, now: now, lease: store.lease).filter { $0.kind == "scheduler" }
        }
        if json {
            let scheduler: JSONValue = .object([
                ("running", .bool(shared.map { !$0.isEmpty } ?? (holder != nil))), ("pid", holder?.pid.map { .int(Int($0)) } ?? .null), ("host", holder?.host.map(JSONValue.string) ?? .null),
            ])
            print(JSONValue.object([
                ("scheduler", scheduler), ("dags", .array(statuses.map { .object(DagStatusOutput.json($0)) })),
                ("problems", .array(bag.problems.map(DagStatusOutput.json))),
            ]).jsonText)
            return
        }
        if let shared {
            print(shared.isEmpty ? "scheduler: none running on the shared store (start one with `sluice scheduler`)"
                  : "scheduler: running, \(shared.count) on the shared store (\(shared.map { "pid \($0.pid) on \($0.host)" }.joined(separator: ", ")); see `sluice workers list`)")
        } else if let holder {
            print("scheduler: running (pid \(holder.pid.map(String.init) ?? "unknown") on \(holder.host ?? "an unknown host"))")
        } else {
            print("scheduler: not running (start it with `sluice scheduler`)")
        }
        print(TextTable.render(header: DagStatusOutput.header, rows: statuses.map(DagStatusOutput.cells)))
        if !bag.problems.isEmpty {
            print("broken DAG files (\(bag.problems.count) problem\(bag.problems.count == 1 ? "" : "s")):")
            for problem in bag.problems { print("  \(problem)") }
        }
    }
}
