import SluiceCore

/// The outbox rows of a payload.
extension NotificationPayload {
    /// One outbox draft per notifier, all with this payload's event id and its JSON body with `masker`
    /// applied to the free-text fields; none without notifiers.
    public func drafts(to notifiers: [String], masker: SecretMasker) -> [NotificationDraft] {
        guard !notifiers.isEmpty else { return [] }
        let body = String(decoding: masked(by: masker.mask).jsonBody(), as: UTF8.self)
        return notifiers.map {
            NotificationDraft(eventId: eventID, notifier: $0, event: event, dagId: dagID, runId: runID ?? "", taskId: taskID, payload: body)
        }
    }
}
