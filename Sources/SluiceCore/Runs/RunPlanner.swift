import Foundation

/// Decides, for one run, which tasks can start and which can never run — a pure function of the
/// task graph and the task instances' states, tested without I/O.
///
/// Rules (Airflow's `all_success` trigger rule): a task is ready when every upstream task
/// succeeded (or was skipped) and it has not run yet, or it is up for retry and its retry is due.
/// A task whose upstream failed (or is upstream_failed) becomes `upstream_failed`.
public struct RunPlanner: Sendable {
    /// Task id -> its direct upstream ids.
    public let upstream: [String: [String]]
    /// Task ids in topological order.
    public let order: [String]

    public init(order: [String], upstream: [String: [String]]) {
        self.order = order
        self.upstream = upstream
    }

    /// The plan for the current states.
    public struct Plan: Equatable, Sendable {
        /// Tasks that may start now, in topological order.
        public var ready: [String]
        /// Tasks that must be marked upstream_failed.
        public var upstreamFailed: [String]
        /// The earliest retry time among tasks waiting to retry.
        public var nextRetryAt: Date?
    }

    public func plan(states: [String: TaskState], nextRetryAt: [String: Date], now: Date) -> Plan {
        var plan = Plan(ready: [], upstreamFailed: [], nextRetryAt: nil)
        var effective = states
        for id in order {
            let state = effective[id] ?? .none
            let ups = upstream[id] ?? []
            switch state {
            case .none, .scheduled:
                if ups.contains(where: { [.failed, .upstreamFailed].contains(effective[$0] ?? .none) }) {
                    plan.upstreamFailed.append(id)
                    effective[id] = .upstreamFailed
                } else if ups.allSatisfy({ [.success, .skipped].contains(effective[$0] ?? .none) }) {
                    plan.ready.append(id)
                }
            case .upForRetry:
                let due = nextRetryAt[id] ?? now
                if due <= now {
                    plan.ready.append(id)
                } else {
                    plan.nextRetryAt = min(plan.nextRetryAt ?? due, due)
                }
            default:
                break
            }
        }
        return plan
    }
}
