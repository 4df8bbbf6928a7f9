import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceDestinations
import SluiceExecution
import SluiceExport
import SluiceScheduler
import SluiceStore

/// `sluice dags backfill`: one run per logical date of the schedule in [start, end], in this process.
struct DagsBackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Run a DAG for every logical date its schedule yields between two dates, in this process.",
        discussion: """
            Dates that already have a finished run are skipped unless --reprocess says otherwise; unfinished
            runs (left by a process that died) are recovered and continued, so the same command can be run again.
            """
    )


    @OptionGroup var global: GlobalOptions
    @OptionGroup var execution: ExecutionOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Option(help: "First logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).") var startDate: String
    @Option(help: "Last logical date, inclusive.") var endDate: String
    enum Reprocess: String, ExpressibleByArgument, CaseIterable { case none, failed, all }

    @Option(help: "Existing finished runs to run again: none, failed or all.") var reprocess: Reprocess = .none
    @Option(help: "Runs at once (default: the DAG's max_active_runs).") var maxActiveRuns: Int?
    @Flag(help: "Only print each logical date and what the backfill would do with it (run, skip, rerun, continue).") var dryRun = false
    @Flag(help: "With --dry-run: print a JSON array of ISO logical dates.") var json = false
    @Flag(help: "Queue the backfill for the schedulers to carry out (as the API's POST /api/v2/backfills) instead of running it in this process.")
    var remote = false

    func validate() throws {
        if let maxActiveRuns, maxActiveRuns < 1 { throw ValidationError("--max-active-runs must be at least 1") }
        if json && !dryRun { throw ValidationError("--json goes with --dry-run") }
        if remote && dryRun { throw ValidationError("--remote and --dry-run exclude each other: the dry run shows what either would do") }
    }

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        let from = try DateOption.parse(startDate, option: "--start-date", dag: dag)
        let through = try DateOption.parse(endDate, option: "--end-date", dag: dag)
        guard from <= through else { throw ValidationError("--start-date is after --end-date") }
        if dag.timetable.isManualOnly { throw ValidationError("DAG '\(dagId)' has no schedule, so it has no logical dates to backfill; use dags trigger") }
        let infos = dag.timetable.runs(logicalDatesFrom: from, through: through)
        let mode = BackfillDecision.Reprocess(rawValue: reprocess.rawValue) ?? .none

        if remote {
            let runtime = try await Runtime.make(global)
            let store = runtime.store
            let existing = try await store.runs(matching: RunFilter(dagId: dag.dagId, logicalFrom: from, logicalThrough: through))
            let behavior = reprocess == .all ? "completed" : reprocess.rawValue
            let plan = BackfillPlan.make(dag: dag, from: from, through: through, behavior: behavior, maxActiveRuns: maxActiveRuns ?? dag.maxActiveRuns,
                                         conf: .object([]), backwards: false, existing: existing, now: Date())
            let backfill = try await store.createBackfill(plan.creation, now: Date())
            let who = await SchedulerPresence.isRunning(store: store, location: runtime.location)
                ? "the schedulers carry it out" : "no scheduler is running: start `sluice scheduler` to carry it out"
            print("queued backfill \(backfill.id) of \(dag.dagId): \(plan.dates.count) run(s) from \(DateText.iso(from)) to \(DateText.iso(through)); \(who) (see `sluice runs list --dag \(dag.dagId)`)")
            await store.close()
            return
        }
        if dryRun {
            // The store is read, never created: a dry run changes nothing.
            let store = try await ExistingStore.open(global)
            var plan: [(date: Date, existing: DagRun?, decision: BackfillDecision)] = []
            for info in infos {
                let existing = try await store?.run(dagId: dag.dagId, logicalDate: info.logicalDate)
                plan.append((info.logicalDate, existing, BackfillDecision.decide(existing: existing?.state, reprocess: mode)))
            }
            if json {
                print(JSONValue.array(plan.map { item in
                    .object([("logical_date", .string(DateText.iso(item.date))), ("action", .string(item.decision.rawValue)),
                             ("run_id", item.existing.map { .string($0.runId) } ?? .null), ("state", item.existing.map { .string($0.state.rawValue) } ?? .null)])
                }).jsonText)
            } else {
                for item in plan {
                    let why = item.existing.map { " (\($0.runId), \($0.state.rawValue))" } ?? ""
                    print("\(DateText.iso(item.date))  \(item.decision.rawValue)\(why)")
                }
            }
            return
        }

        let runtime = try await Runtime.make(global)
        let store = runtime.store
        let recovered = try await Recovery.recoverInterrupted(store: store, deadPidsToo: !store.isShared)
        await ExportStaging.removeOrphans(of: recovered, dags: [dag], destinations: DestinationRegistry(environment: runtime.environment))
        var work: [RunWork] = []
        var skipped = 0
        for info in infos {
            if let existing = try await store.run(dagId: dag.dagId, logicalDate: info.logicalDate) {
                switch BackfillDecision.decide(existing: existing.state, reprocess: mode) {
                case .rerun:
                    // Cleared as running, not queued: this process runs it, not a scheduler beside it.
                    let selection = ClearSelection(dagId: dag.dagId, runs: .runId(existing.runId), onlyFailed: reprocess == .failed)
                    _ = try await store.clearTasks(selection, runState: .running, now: Date())
                case .skip:
                    skipped += 1
                    continue
                case .run, .resume:
                    break  // queued or running: continue it
                }
                if let current = try await store.run(dagId: dag.dagId, runId: existing.runId) {
                    work.append(RunWork(dag: dag, run: current))
                }
            } else {
                let run = RunCreation.run(of: dag, info: info, type: .backfill, state: .running)
                try await RunCreation.create(run, of: dag, in: store)
                work.append(RunWork(dag: dag, run: run))
            }
        }
        FileHandle.standardError.write(Data("backfill \(dag.dagId): \(infos.count) logical dates, \(work.count) to run, \(skipped) skipped (already finished; --reprocess to rerun)\n".utf8))
        guard !work.isEmpty else { return }

        let shutdown = ShutdownSignal()
        let trap = SignalTrap(shutdown: shutdown) { _ in
            FileHandle.standardError.write(Data("\nstopping: no new tasks; running statements get a grace period (Ctrl-C again to quit now)\n".utf8))
        }
        let progress = ProgressReporter(label: "backfill \(dag.dagId)", totalRuns: work.count, totalTasks: work.count * dag.tasks.count)
        let (executor, pools) = try runtime.executor(parallelism: execution.parallelism, shutdown: shutdown, observer: { progress.observe($0) })
        let finished = try await runtime.withNotificationDelivery {
            try await executor.execute(work, maxActiveRuns: maxActiveRuns ?? dag.maxActiveRuns)
        }
        await pools.shutdown()
        progress.finish()
        _ = trap
        let failed = finished.filter { $0.state == .failed }
        let succeeded = finished.filter { $0.state == .success }
        print("backfill \(dag.dagId): \(succeeded.count) succeeded, \(failed.count) failed, \(work.count - finished.count) unfinished, \(skipped) skipped")
        for run in failed { print("  failed: \(run.runId)") }
        if !failed.isEmpty || finished.count < work.count { throw ExitCode(1) }
    }
}
