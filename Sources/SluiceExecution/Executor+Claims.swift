import Foundation
import SluiceCore
import SluiceStore

/// A try the loop has room for, waiting to be claimed.
struct PendingStart: Sendable {
    let runIndex: Int
    let attempt: TaskAttempt
}

/// A try's end the loop records with its next claims.
struct RecordingEnd: Sendable {
    let runIndex: Int
    let taskId: String
    let ending: Executor.EndToRecord
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
    ///
    /// The ends of tries in `ends` are recorded first, in the same round trip: the room they free is claimed again
    /// at once, and a try's end and the next try's start cost one trip to the store, not two.
    func claimAndStart(
        _ starts: [PendingStart], recording ends: [RecordingEnd], loop: inout ExecutorLoopState,
        group: inout ThrowingTaskGroup<LoopEvent, any Error>, mailbox: LoopMailbox
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
        // The store claims them in bounded batches, each its own transaction (the ends with the first).
        let tryEnds = ends.map(\.ending.end)
        let answer: (claims: [ClaimReadyOutcome], recorded: [Bool])
        do {
            answer = try await retrier.perform { [store] in try await store.claimReady(requests, recordingEnds: tryEnds, at: Date()) }
        } catch {
            for end in ends {
                end.ending.log.line("could not record the end of this try in the metadata store: \(error)")
                loop.attemptRecorded(runIndex: end.runIndex, taskId: end.taskId, instance: nil)
            }
            throw error
        }
        for (end, recorded) in zip(ends, answer.recorded) {
            loop.attemptRecorded(runIndex: end.runIndex, taskId: end.taskId, instance: conclude(end.ending, recorded: recorded))
            progressed = true
        }
        let outcomes = answer.claims
        for ((start, prepared), (request, outcome)) in zip(zip(starts, prepared), zip(requests, outcomes)) {
            switch outcome {
            case .claimed:
                loop.roomRetryDelay = ExecutorLoopState.firstRoomRetry
                attempts.register(request.key, attemptId: request.attemptId)
                let (attempt, runIndex) = (start.attempt, start.runIndex)
                group.addTask { [self, mailbox] in
                    let taskId = attempt.task.taskId
                    switch await self.perform(attempt, attemptId: request.attemptId, prepared: prepared) {
                    case let .over(instance): mailbox.post(.attempt(runIndex: runIndex, taskId: taskId, instance: instance))
                    case let .toRecord(ending): mailbox.post(.record(runIndex: runIndex, taskId: taskId, ending: ending))
                    }
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
