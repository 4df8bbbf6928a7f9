import Foundation
import SluiceCore
import SluiceNotifications

extension DeadlineWatch.Watched {
    /// The event id of this run's `deadline_missed`: `dag/run/deadline_missed`, the same on every
    /// write, so the outbox keeps one per run and notifier.
    public var eventId: String { "\(run.dagId)/\(run.runId)/\(NotificationEvent.deadlineMissed.rawValue)" }

    /// The `deadline_missed` outbox rows for the notifiers `dag` subscribes at DAG level: the run's
    /// fields and current state, `occurred_at` the moment it became late, no error; masked by `masker`.
    public func drafts(of dag: Dag, masker: SecretMasker) -> [NotificationDraft] {
        let payload = NotificationPayload(
            eventID: eventId, event: .deadlineMissed, occurredAt: deadline, dagID: run.dagId, runID: run.runId,
            runType: run.runType.rawValue, logicalDate: run.logicalDate, dataIntervalStart: run.dataIntervalStart,
            dataIntervalEnd: run.dataIntervalEnd, state: run.state.rawValue)
        return payload.drafts(to: dag.notifiers(for: .deadlineMissed, taskId: nil), masker: masker)
    }
}
