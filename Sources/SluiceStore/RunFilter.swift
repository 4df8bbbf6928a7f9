import Foundation
import SluiceCore

/// Which runs a listing wants: by DAG, state, run type, a range of logical dates and when they
/// ended. Every field left empty (or nil) matches every run. Results come newest logical date first.
public struct RunFilter: Sendable, Equatable {
    /// Only this DAG.
    public var dagId: String?
    /// Only the run(s) with this run id.
    public var runId: String?
    /// Only runs in one of these states (empty: any).
    public var states: Set<RunState>
    /// Only runs of one of these types (empty: any).
    public var types: Set<RunType>
    /// Only runs whose logical date is at or after this instant.
    public var logicalFrom: Date?
    /// Only runs whose logical date is at or before this instant.
    public var logicalThrough: Date?
    /// Only runs whose logical date is strictly before this instant (Airflow's "previous run").
    public var logicalBefore: Date?
    /// Only runs that ended at or after this instant (unfinished runs never match).
    public var endedSince: Date?
    /// At most this many runs (nil: all).
    public var limit: Int?

    public init(
        dagId: String? = nil, runId: String? = nil, states: Set<RunState> = [], types: Set<RunType> = [], logicalFrom: Date? = nil,
        logicalThrough: Date? = nil, logicalBefore: Date? = nil, endedSince: Date? = nil, limit: Int? = nil
    ) {
        self.dagId = dagId
        self.runId = runId
        self.states = states
        self.types = types
        self.logicalFrom = logicalFrom
        self.logicalThrough = logicalThrough
        self.logicalBefore = logicalBefore
        self.endedSince = endedSince
        self.limit = limit
    }

    /// Whether `run` passes the filter (the limit aside): the same rule the store applies in SQL.
    public func matches(_ run: DagRun) -> Bool {
        if let dagId, run.dagId != dagId { return false }
        if let runId, run.runId != runId { return false }
        if !states.isEmpty, !states.contains(run.state) { return false }
        if !types.isEmpty, !types.contains(run.runType) { return false }
        if let logicalFrom, run.logicalDate < logicalFrom { return false }
        if let logicalThrough, run.logicalDate > logicalThrough { return false }
        if let logicalBefore, run.logicalDate >= logicalBefore { return false }
        if let endedSince {
            guard let ended = run.endedAt, ended >= endedSince else { return false }
        }
        return true
    }
}
