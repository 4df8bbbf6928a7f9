import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution
import SluiceScheduler
import SluiceStore

/// `sluice dags trigger`: queue a manual run (a running scheduler picks it up), or run it here.
struct DagsTriggerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trigger",
        abstract: "Queue a manual run of a DAG.",
        discussion: """
            Without --logical-date the run takes the latest complete data interval of the schedule, so `ds` means
            what it means in the scheduled run of that interval. A date that already has a run is refused unless
            --replace (which clears and reruns it). A paused DAG is refused unless --unpause (or --local).
            --wait needs a running `sluice scheduler` and stops with the reason when the run cannot progress
            (no scheduler, the DAG paused, its file broken or gone).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var execution: ExecutionOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Option(help: "The logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).") var logicalDate: String?
    @Option(help: "A JSON object: the run's conf (its keys override params, as in Airflow).") var conf: String?
    @Option(name: .customLong("param"), help: "Override a param: --param key=value (repeatable).") var params: [String] = []
    @Flag(help: "Replace an existing run of the same logical date.") var replace = false
    @Flag(help: "Follow the run to its end with live progress; exit 1 if it fails.") var wait = false
    @Flag(help: "Run it in this process (when no scheduler runs); a paused DAG runs too.") var local = false
    @Flag(help: "Unpause a paused DAG first, then trigger (a scheduler starts no runs of a paused DAG).") var unpause = false

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        let now = Date()
        let info: DagRunInfo
        if let logicalDate {
            info = dag.timetable.manualRun(forLogicalDate: try DateOption.parse(logicalDate, option: "--logical-date", dag: dag))
        } else if let latest = dag.timetable.latestCompleteRun(at: now) {
            info = latest
        } else {
            info = DagRunInfo(logicalDate: now, dataIntervalStart: now, dataIntervalEnd: now, runAfter: now)
        }
        var confValue: JSONValue = .object([])
        if let conf {
            confValue = try JSONValue.parse(conf)
            guard case .object = confValue else { throw ValidationError("--conf must be a JSON object, like '{\"key\": \"value\"}'") }
        }
        let overrides = try ParamArgument.parse(params)
        for (key, _) in overrides + (confValue.objectPairs ?? []) where SecretMasker.isSecretName(key) {
            throw ValidationError("'\(key)' looks like a secret: secrets are not stored with runs; set it in the environment or .env and read it with {{ env.NAME }}")
        }
        if case var .object(pairs) = confValue {
            for (k, v) in overrides {
                if let i = pairs.firstIndex(where: { $0.0 == k }) { pairs[i] = (k, v) } else { pairs.append((k, v)) }
            }
            confValue = .object(pairs)
        }

        let runtime = try await Runtime.make(global)
        let store = runtime.store
        if try await store.isPaused(dagId: dag.dagId) {
            if unpause {
                try await store.setPaused(dagId: dag.dagId, paused: false)
                print("\(dag.dagId): unpaused")
            } else if !local {
                throw SchedulerError.dagPaused(dagId: dag.dagId)
            }
        }
        if wait, !local, await !SchedulerPresence.isRunning(store: store, location: runtime.location) {
            throw SchedulerError.noScheduler(home: runtime.location.home.path)
        }
        let existing = try await store.run(dagId: dag.dagId, logicalDate: info.logicalDate)
        if let existing, !replace {
            throw ValidationError("DAG '\(dag.dagId)' already has a run for \(DateText.iso(info.logicalDate)) (\(existing.runId), \(existing.state.rawValue)); pass --replace to clear it and run that date again")
        }
        let run = RunCreation.run(of: dag, info: info, type: .manual, conf: confValue, state: local ? .running : .queued, now: now)
        try await RunCreation.create(run, of: dag, in: store, replacing: existing?.runId)
        print("triggered \(dag.dagId) \(run.runId) (logical date \(DateText.iso(run.logicalDate)), data interval \(DateText.iso(run.dataIntervalStart)) to \(DateText.iso(run.dataIntervalEnd)))")

        if local {
            let shutdown = ShutdownSignal()
            let trap = SignalTrap(shutdown: shutdown)
            let progress = ProgressReporter(label: dag.dagId, totalRuns: 1, totalTasks: dag.tasks.count)
            let (executor, pools) = try runtime.executor(parallelism: execution.parallelism, shutdown: shutdown, observer: { progress.observe($0) })
            let finished = try await runtime.withNotificationDelivery { try await executor.execute([RunWork(dag: dag, run: run)]) }
            await pools.shutdown()
            progress.finish()
            _ = trap
            let state = finished.first?.state ?? .running
            print("\(run.runId): \(state.rawValue)")
            if state != .success { throw ExitCode(1) }
        } else if wait {
            try await RunFollower.follow(store: store, dag: dag, runId: run.runId, location: runtime.location, loader: global.loader(environment: env))
        } else {
            if await !SchedulerPresence.isRunning(store: store, location: runtime.location) {
                print("queued; no scheduler is running: start `sluice scheduler` to run it (or trigger with --local to run it here)")
            } else {
                print("queued: the running `sluice scheduler` picks it up")
            }
        }
    }
}

extension JSONValue {
    /// The pairs of an object.
    var objectPairs: [(String, JSONValue)]? {
        if case let .object(pairs) = self { return pairs }
        return nil
    }
}

/// Follows a run in the store until it finishes, with live progress; throws ExitCode(1) on failure,
/// and `SchedulerError` as soon as the run cannot progress (`RunWait` says why).
enum RunFollower {
    static func follow(store: SQLMetadataStore, dag: Dag, runId: String, location: StoreLocation, loader: DagFolderLoader) async throws {
        let isTTY = isatty(2) == 1
        var lastLine = ""
        var bag: DagBag?
        var blockedSince: (SchedulerError, Date)?
        while true {
            guard let run = try await store.run(dagId: dag.dagId, runId: runId) else {
                throw ValidationError("run \(runId) disappeared from the metadata store")
            }
            let tis = try await store.taskInstances(dagId: dag.dagId, runId: runId)
            let done = tis.filter { $0.state.isFinished }.count
            let running = tis.filter { $0.state == .running }
            let names = running.prefix(4).map { ti in ti.taskId + (LogTail.lastProgress(ti.logPath).map { " (\($0))" } ?? "") }
            let line = "\(run.state.rawValue): tasks \(done)/\(tis.count) done" + (names.isEmpty ? "" : ", running: \(names.joined(separator: ", "))")
            if line != lastLine {
                let text = (isTTY ? "\r\u{1B}[K" : "") + line + (isTTY ? "" : "\n")
                FileHandle.standardError.write(Data(text.utf8))
                lastLine = line
            }
            if run.state.isFinished {
                if isTTY { FileHandle.standardError.write(Data("\n".utf8)) }
                for ti in tis where ti.state == .failed { print("failed: \(ti.taskId): \(ti.error ?? "")") }
                print("\(runId): \(run.state.rawValue)")
                if run.state != .success { throw ExitCode(1) }
                return
            }
            if bag.map({ (try? loader.hasChanged(since: $0)) ?? true }) ?? true { bag = try? loader.load() }
            let file = DisplayPath.of(dag.fileURL)
            let seen = RunWait.Observation(
                run: run, schedulerRunning: await SchedulerPresence.isRunning(store: store, location: location), home: location.home.path,
                isPaused: try await store.isPaused(dagId: dag.dagId), dagLoads: bag?.dags[dag.dagId] != nil,
                problems: (bag?.problems ?? []).filter { $0.file == file }.map(\.description)
            )
            // A missing scheduler is final; a paused or broken DAG must stay so for a few seconds (a
            // scheduler that already took the run keeps it going).
            if let blocker = RunWait.blocker(seen) {
                if case .schedulerStopped = blocker { throw finish(blocker, isTTY: isTTY) }
                if let (known, since) = blockedSince, known == blocker {
                    if Date().timeIntervalSince(since) >= 5 { throw finish(blocker, isTTY: isTTY) }
                } else {
                    blockedSince = (blocker, Date())
                }
            } else {
                blockedSince = nil
            }
            try await Task.sleep(nanoseconds: 300_000_000)
        }
    }

    private static func finish(_ error: SchedulerError, isTTY: Bool) -> SchedulerError {
        if isTTY { FileHandle.standardError.write(Data("\n".utf8)) }
        return error
    }
}

/// The latest `progress:` line of a running task's log (exports write one every few seconds).
enum LogTail {
    static func lastProgress(_ path: String?) -> String? {
        guard let path, let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 4096 ? size - 4096 : 0)
        guard let data = try? handle.readToEnd() else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").last(where: { $0.contains("progress: ") }),
              let range = line.range(of: "progress: ") else { return nil }
        return String(line[range.upperBound...])
    }
}
