import Foundation
import SluiceCore

/// The answer to `startRun`.
public enum RunStart: Sendable, Equatable {
    /// The run is running now, started by this call: the stored run.
    case running(DagRun)
    /// The run was running already (started before this call, by this process or another): the stored run.
    case joined(DagRun)
    /// The run is queued and its DAG has `maxActiveRuns` runs running across processes: it waits.
    case atLimit
    /// The run is finished or gone (deleted, replaced): the stored run, if any.
    case over(DagRun?)
}

/// Starting runs within a DAG's `max_active_runs` across every process sharing the store: the count and the
/// start in one SERIALIZABLE transaction, so two processes starting the last free place at once cannot both.
extension SQLMetadataStore {
    public func startRun(dagId: String, runId: String, maxActiveRuns: Int?, now: Date) async throws -> RunStart {
        try await database.perform { db in
            // All that decides the answer is read with the transaction's BEGIN (one round trip): the run, its unfinished
            // tasks and, under a limit, its DAG's other running runs. On a shared store every process that serves the run
            // asks, and all but the first find it running already or over: their answer is that round trip and COMMIT.
            var reading = [
                Self.runLookup(dagId: dagId, runId: runId),
                BatchedStatement("""
                    SELECT count(*) FROM task_instance WHERE dag_id = ? AND run_id = ?
                        AND state NOT IN ('success', 'failed', 'upstream_failed', 'skipped')
                    """, [.text(dagId), .text(runId)], columns: 1),
            ]
            if maxActiveRuns != nil {
                // Backfill runs are gated by their backfill's own max_active_runs, and do not count here (as in Airflow).
                reading.append(BatchedStatement("""
                    SELECT count(*) FROM dag_run WHERE dag_id = ? AND state = 'running' AND run_type <> 'backfill' AND run_id <> ?
                    """, [.text(dagId), .text(runId)], columns: 1))
            }
            return try db.transaction("starting run \(runId) of \(dagId)", isolation: .serializable, reading: reading) { read in
                guard let row = read[0].rows.first else { return .over(nil) }
                var run = try Self.decodeRun(row)
                if run.state == .running, run.startedAt != nil { return .joined(run) }
                // Finished, unless tasks were left to do (a run marked over its unfinished tasks runs them).
                if run.state.isFinished, (read[1].rows.first?.int64(0) ?? 0) == 0 { return .over(run) }
                if let maxActiveRuns, run.state != .running, let running = read.dropFirst(2).first?.rows.first?.int64(0), running >= maxActiveRuns {
                    return .atLimit
                }
                run.state = .running
                run.startedAt = run.startedAt ?? now
                run.endedAt = nil
                try db.prepare("UPDATE dag_run SET state = ?, started_at = ?, ended_at = NULL WHERE dag_id = ? AND run_id = ?",
                               operation: "preparing the run start")
                    .run([.text(run.state.rawValue), StoreDate.value(run.startedAt), .text(dagId), .text(runId)],
                         operation: "starting run \(runId) of \(dagId)")
                return .running(run)
            }
        }
    }
}
