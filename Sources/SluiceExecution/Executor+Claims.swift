import Foundation
import SluiceCore
import SluiceStore

/// A try the loop has room for, waiting to be claimed.
struct PendingStart: Sendable {
    let runIndex: Int
    let attempt: TaskAttempt
}

/// Claiming: the loop asks the store for all the ready tries it has room for at once (`claimReady`, in
/// bounded batches), each try started by its claim, then runs those it got. Another process's claims are skipped, not raced for, and on a
/// shared store a try is claimed only while its DAG's `max_active_tasks` and its connection's pool have room
/// across processes, so nothing this process claims waits for room.
extension Executor {
    /// The limits a try of `spec` counts against across processes (its DAG's max_active_tasks, its connection's
    /// pool); none on a store of one process, whose own counts hold them.
    func sharedLimits(of spec: TaskSpec, dag: Dag) -> (maxActiveTasks: Int?, pool: ClaimRequest.Pool?) {
        guard settings.sharedStore else { return (nil, nil) }
        let pool = ExecutorLoopState.connection(of: spec).map { ClaimRequest.Pool(name: $0, limit: settings.limit(forConnection: $0)) }
        return (dag.maxActiveTasks, pool)
    }

    /// Claims `starts`, each try started with its claim, and starts a child task for each claimed one; the others give their room back (their
    /// run is read again when another process holds them; a full slot is asked for again shortly, or when a try of
    /// this process ends).
    func claimAndStart(
        _ starts: [PendingStart], loop: inout ExecutorLoopState, group: inout ThrowingTaskGroup<LoopEvent, any Error>, mailbox: LoopMailbox
    ) async throws -> (progressed: Bool, waitingOnOthers: Bool) {
        var progressed = false
        var waiting = false
        // Each try starts with its claim (one round trip, not two): what its state machine writes as it starts.
        let now = Date()
        let prepared = starts.map { prepareTry($0.attempt, at: now) }
        let requests = zip(starts, prepared).map { start, prepared in
            let limits = sharedLimits(of: start.attempt.task, dag: start.attempt.dag)
            return ClaimRequest(key: start.attempt.key, expectedState: start.attempt.instance.state, expectedTry: start.attempt.instance.tryNumber,
                                attemptId: UUID().uuidString, maxActiveTasks: limits.maxActiveTasks, pool: limits.pool, start: prepared.started)
        }
        // The store claims them in bounded batches, each its own transaction.
        let outcomes = try await retrier.perform { [store] in try await store.claimReady(requests, at: Date()) }
        for ((start, prepared), (request, outcome)) in zip(zip(starts, prepared), zip(requests, outcomes)) {
            switch outcome {
            case .claimed:
                loop.roomRetryDelay = ExecutorLoopState.firstRoomRetry
                attempts.register(request.key, attemptId: request.attemptId)
                let (attempt, runIndex) = (start.attempt, start.runIndex)
                group.addTask { [self, mailbox] in
                    mailbox.post(.attempt(runIndex: runIndex, taskId: attempt.task.taskId, instance: await self.perform(attempt, attemptId: request.attemptId, prepared: prepared)))
                    return .posted
                }
                progressed = true
            case let .taken(stored):
                // Another process holds it or moved it on: the view takes the stored instance, and the run is
                // read again when it moved on (the rest of the view is likely as old: one reading of the run
                // beats finding that out one claim at a time).
                giveBack(start, instance: stored, loop: &loop)
                let expected = start.attempt.instance
                if stored?.state != expected.state || stored?.tryNumber != expected.tryNumber {
                    loop.active[start.runIndex]?.needsRefresh = true
                    loop.active[start.runIndex]?.movesStartingPlace = settings.sharedStore
                }
                progressed = true
            case let .full(limit):
                giveBack(start, instance: start.attempt.instance, loop: &loop)
                loop.fullLimits.insert(limit)
                waiting = true
            }
        }
        return (progressed, waiting)
    }

    /// Gives back the room a try that was not claimed had in this process's counts.
    private func giveBack(_ start: PendingStart, instance: TaskInstance?, loop: inout ExecutorLoopState) {
        if let connection = loop.attemptEnded(runIndex: start.runIndex, taskId: start.attempt.task.taskId, instance: instance, settings: settings) {
            observer(.connectionSlots(connection: connection, used: loop.inFlightPerConnection[connection, default: 0],
                                      limit: settings.limit(forConnection: connection)))
        }
    }
}
