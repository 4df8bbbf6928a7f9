import Foundation
import SluiceCore
import SluiceExecution
import SluiceScheduler
import SluiceStore

/// One run of a DAG (or of a DAG cut down to one task), now, in this process, over a throwaway
/// metadata store that is deleted afterwards: `dags test` and `tasks test`. Nothing is recorded in
/// `$SLUICE_HOME`; retries are off; each task's log goes to stderr as it is written.
enum ThrowawayExecution {
    /// Executes `dag` for `info` and returns its task instances as they ended, and the masker for their errors.
    static func run(_ dag: Dag, info: DagRunInfo, paramOverrides: [(String, JSONValue)], global: GlobalOptions,
                    parallelism: Int? = nil) async throws -> (instances: [TaskInstance], masker: SecretMasker) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let runtime = try await Runtime.make(global, home: home)
        let run = RunCreation.run(of: dag, info: info, type: .manual, state: .running)
        try await RunCreation.create(run, of: dag, in: runtime.store)
        let progress = ProgressReporter(label: dag.dagId, totalRuns: 1, totalTasks: dag.tasks.count, printTaskLogs: true)
        let (executor, pools) = try runtime.executor(parallelism: parallelism, retries: false, observer: { progress.observe($0) })
        _ = try await executor.execute([RunWork(dag: dag, run: run, paramOverrides: paramOverrides)])
        await pools.shutdown()
        progress.finish()
        return (try await runtime.store.taskInstances(dagId: dag.dagId, runId: run.runId), runtime.masker)
    }
}
