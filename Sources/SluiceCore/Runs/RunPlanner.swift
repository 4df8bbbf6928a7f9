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

    /// Task id -> its place in `order`.
    private let position: [String: Int]

    public init(order: [String], upstream: [String: [String]]) {
        self.order = order
        self.upstream = upstream
        position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `ready` (in topological order) begun at the first task at or after place `offset` of `order`, wrapped
    /// around. Ready tasks never wait on one another, so any order of them is valid: processes sharing a store
    /// each begin a run's ready tasks at their own place and seldom reach for the same task instance.
    public func rotated(_ ready: [String], startingAt offset: Int) -> [String] {
        guard ready.count > 1, !order.isEmpty else { return ready }
        let start = ((offset % order.count) + order.count) % order.count
        guard let split = ready.firstIndex(where: { (position[$0] ?? 0) >= start }), split > 0 else { return ready }
        return Array(ready[split...] + ready[..<split])
    }

    /// The place in `order` of the middle task of the longest stretch of `ready` tasks next to one another (nil when
    /// none is ready). A process whose claim met another's begins there next time: the two stop following one
    /// another through the run and split what is left in halves instead.
    public func middleOfWidestStretch(_ ready: [String]) -> Int? {
        let places = ready.compactMap { position[$0] }.sorted()
        guard var best = places.first.map({ (start: $0, length: 1) }) else { return nil }
        var current = best
        for (previous, place) in zip(places, places.dropFirst()) {
            current = place == previous + 1 ? (current.start, current.length + 1) : (place, 1)
            if current.length > best.length { best = current }
        }
        return best.start + best.length / 2
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
