import Foundation
import SluiceTestSupport
import SluiceCore
import SluiceDefinitions
import SluiceDestinations
@testable import SluiceExecution
import SluiceExport
import SluicePostgres
import Synchronization
import XCTest

/// Runs export tasks defined in YAML against the test PostgreSQL, the way the executor does: a DAG
/// loaded from a throwaway project, one attempt of one task for one logical date, a real task log.
final class ExportHarness: Sendable {
    let root: URL
    let pg: TestPostgres
    let environment: [String: String]
    let pools: ConnectionPools
    /// The progress reported so far (rows, bytes), appended to by the runner's observer on any thread.
    private let progressLog = ProgressLog()

    init(pg: TestPostgres, destinations: [String: String] = [:]) throws {
        self.pg = pg
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dags"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lake"), withIntermediateDirectories: true)
        var environment = ["SLUICE_CONN_PG": pg.uri, "SLUICE_DEST_LAKE": "file://" + root.appendingPathComponent("lake").path]
        environment.merge(destinations) { _, new in new }
        self.environment = environment
        pools = ConnectionPools(registry: ConnectionRegistry(environment: environment))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var lake: URL { root.appendingPathComponent("lake") }

    /// A DAG with one export task; `task` is the YAML of the task's keys after `type: export`.
    func dag(_ id: String, _ taskYAML: String) throws -> Dag {
        let indented = taskYAML.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        let yaml = """
            dag_id: \(id)
            schedule: "@daily"
            start_date: 2026-01-01
            default_args: {connection: pg}
            tasks:
              - task_id: export
                type: export
            \(indented)
            """
        let file = root.appendingPathComponent("dags/\(id).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let bag = try DagFolderLoader(folder: root.appendingPathComponent("dags"), projectRoot: root).load()
        if !bag.problems.isEmpty { throw TestProcessError(message: bag.problems.map { "\($0)" }.joined(separator: "\n")) }
        return try bag.dag(id)
    }

    struct Outcome {
        var result: Result<TaskResult, any Error>
        var log: String
    }

    /// A DAG of any tasks; `yaml` is what follows `default_args` (a `tasks:` list).
    func dag(id: String, yaml tasksYAML: String) throws -> Dag {
        let yaml = """
            dag_id: \(id)
            schedule: "@daily"
            start_date: 2026-01-01
            default_args: {connection: pg}
            \(tasksYAML)
            """
        try yaml.write(to: root.appendingPathComponent("dags/\(id).yaml"), atomically: true, encoding: .utf8)
        let bag = try DagFolderLoader(folder: root.appendingPathComponent("dags"), projectRoot: root).load()
        if !bag.problems.isEmpty { throw TestProcessError(message: bag.problems.map { "\($0)" }.joined(separator: "\n")) }
        return try bag.dag(id)
    }

    /// The progress reported so far (rows, bytes).
    var progressSnapshot: [(Int64, Int64)] { progressLog.entries.withLock { $0 } }

    /// The same as `progressSnapshot`.
    var progress: [(Int64, Int64)] { progressSnapshot }

    /// Runs the export task of `dag` for the daily run of `day` (`2026-01-02`), try `tryNumber`.
    func run(_ dag: Dag, day: String, tryNumber: Int = 1, readMethod: ExportReadMethod = .automatic, batchSize: Int = 8192) async -> Outcome {
        let runner = ExportTaskRunner(
            pools: pools, renderer: TaskRenderer(environment: environment), destinations: DestinationRegistry(environment: environment),
            sluiceVersion: "test", observer: { [progressLog] event in
                if case let .taskProgress(_, rows, bytes) = event { progressLog.entries.withLock { $0.append((rows, bytes)) } }
            }, readMethod: readMethod, batchSize: batchSize)
        return await run(dag, taskId: "export", day: day, tryNumber: tryNumber, runner: runner)
    }

    /// Runs task `taskId` of `dag` with `runner` for the daily run of `day`, try `tryNumber`.
    func run(_ dag: Dag, taskId: String, day: String, tryNumber: Int = 1, runner: any TaskAttemptRunner) async -> Outcome {
        guard let date = DateText.parse(day, in: TimeZone(identifier: "UTC")!), let task = dag.tasks.first(where: { $0.taskId == taskId }) else {
            return Outcome(result: .failure(TestProcessError(message: "bad day or dag")), log: "")
        }
        let info = dag.timetable.run(forLogicalDate: date)
        let run = DagRun(dagId: dag.dagId, runType: .scheduled, logicalDate: info.logicalDate,
                         dataIntervalStart: info.dataIntervalStart, dataIntervalEnd: info.dataIntervalEnd)
        let instance = TaskInstance(dagId: dag.dagId, runId: run.runId, taskId: task.taskId, tryNumber: tryNumber)
        let attempt = TaskAttempt(dag: dag, task: task, run: run, instance: instance)
        let logURL = root.appendingPathComponent("logs/\(UUID().uuidString).log")
        let writer = LogWriter()
        let log = TaskLog(key: attempt.key, tryNumber: tryNumber, url: logURL, writer: writer,
                          masker: SecretMasker(values: []), observer: nil)
        let result: Result<TaskResult, any Error>
        do {
            result = .success(try await runner.run(attempt, log: log))
        } catch {
            result = .failure(error)
        }
        await writer.flush()
        let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        return Outcome(result: result, log: text)
    }

    /// Files under the lake, relative paths, sorted.
    func files(under prefix: String = "") -> [String] {
        let base = lake.appendingPathComponent(prefix)
        guard let e = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [String] = []
        while let path = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isDir), !isDir.boolValue {
                out.append(path)
            }
        }
        return out.sorted()
    }
}

/// Progress events (rows, bytes) as the runner's observer reports them, from any thread.
private final class ProgressLog: Sendable {
    let entries = Mutex<[(Int64, Int64)]>([])
}
