import Foundation
import SluiceCore
import SluiceNotifications

/// The outbox rows a state change writes (issue 12): one per subscribed notifier and event, with the
/// JSON payload masked by the executor's masker, and an event id that is the same whenever the same
/// state change is written again (so a replay never sends twice).
enum NotificationDrafts {
    /// A finished try: `failed` for a failed try (also one that will be retried), with `errorEvent` (an
    /// export's `audit_failed`) when its error is one, and `retries_exhausted` when it failed for good;
    /// `published` for a successful try that made `publication` live.
    static func forTry(_ ti: TaskInstance, of attempt: TaskAttempt, publication: PublishedPartition? = nil,
                       errorEvent: NotificationEvent? = nil, masker: SecretMasker, now: Date) -> [NotificationDraft] {
        var events: [NotificationEvent] = []
        if ti.state == .failed || ti.state == .upForRetry { events.append(.failed) }
        if let errorEvent, ti.state == .failed || ti.state == .upForRetry { events.append(errorEvent) }
        if ti.state == .failed { events.append(.retriesExhausted) }
        if publication != nil, ti.state == .success { events.append(.published) }
        let run = attempt.run
        return events.flatMap { event in
            let eventId = "\(run.dagId)/\(run.runId)/\(ti.taskId)/\(ti.tryNumber)/\(event.rawValue)"
            let payload = NotificationPayload(
                eventID: eventId, event: event, occurredAt: ti.endedAt ?? now, dagID: run.dagId, runID: run.runId,
                runType: run.runType.rawValue, logicalDate: run.logicalDate, dataIntervalStart: run.dataIntervalStart,
                dataIntervalEnd: run.dataIntervalEnd, taskID: ti.taskId, tryNumber: ti.tryNumber, maxTries: ti.maxTries,
                state: ti.state.rawValue, error: ti.error, published: event == .published ? publication : nil)
            return payload.drafts(to: attempt.dag.notifiers(for: event, taskId: ti.taskId), masker: masker)
        }
    }

    /// An ended run: `run_failed` or `run_succeeded`, and `recovered` when it succeeded after the DAG's
    /// previous run failed.
    static func forRun(_ run: DagRun, previous: RunState?, dag: Dag, masker: SecretMasker) -> [NotificationDraft] {
        var events: [NotificationEvent] = []
        switch run.state {
        case .failed: events.append(.runFailed)
        case .success:
            events.append(.runSucceeded)
            if previous == .failed { events.append(.recovered) }
        default: break
        }
        return events.flatMap { event in
            let eventId = "\(run.dagId)/\(run.runId)/\(event.rawValue)"
            let payload = NotificationPayload(
                eventID: eventId, event: event, occurredAt: run.endedAt ?? Date(), dagID: run.dagId, runID: run.runId,
                runType: run.runType.rawValue, logicalDate: run.logicalDate, dataIntervalStart: run.dataIntervalStart,
                dataIntervalEnd: run.dataIntervalEnd, state: run.state.rawValue)
            return payload.drafts(to: dag.notifiers(for: event, taskId: nil), masker: masker)
        }
    }
}
