import Foundation
import SluiceCore
import SluiceStore

/// One DAG at a glance, for `sluice status` and `dags list`: paused or not, its newest run, how
/// many of its runs failed lately, and the next run the scheduler creates (`NextRun`).
///
/// It only reads the store. `store` nil (no metadata store yet) gives a DAG that never ran.
public struct DagStatus: Sendable {
    /// How far back `failedRecently` counts: seven days.
    public static let recentWindow: TimeInterval = 7 * 86_400

    public let dag: Dag
    public let isPaused: Bool
    /// The run with the newest logical date, of any type.
    public let lastRun: DagRun?
    /// Runs that ended failed within `recentWindow` before `now`.
    public let failedRecently: Int
    /// The next scheduled run (nil: none, e.g. `schedule: null` or past end_date).
    public let nextRun: DagRunInfo?

    public init(dag: Dag, isPaused: Bool, lastRun: DagRun?, failedRecently: Int, nextRun: DagRunInfo?) {
        self.dag = dag
        self.isPaused = isPaused
        self.lastRun = lastRun
        self.failedRecently = failedRecently
        self.nextRun = nextRun
    }

    /// The status of `dag` at `now`.
    public static func of(_ dag: Dag, in store: (any MetadataStore)?, now: Date) async throws -> DagStatus {
        guard let store else {
            let next = NextRun.after(nil, of: dag, taken: [], now: now)
            return DagStatus(dag: dag, isPaused: false, lastRun: nil, failedRecently: 0, nextRun: next)
        }
        let last = try await store.runs(matching: RunFilter(dagId: dag.dagId, limit: 1)).first
        let failed = try await store.runs(matching: RunFilter(dagId: dag.dagId, states: [.failed], endedSince: now.addingTimeInterval(-recentWindow)))
        return DagStatus(
            dag: dag, isPaused: try await store.isPaused(dagId: dag.dagId), lastRun: last, failedRecently: failed.count,
            nextRun: try await NextRun.of(dag, in: store, now: now)
        )
    }

    /// The status of every DAG, in `dags` order.
    public static func of(_ dags: [Dag], in store: (any MetadataStore)?, now: Date) async throws -> [DagStatus] {
        var result: [DagStatus] = []
        for dag in dags { result.append(try await of(dag, in: store, now: now)) }
        return result
    }
}
