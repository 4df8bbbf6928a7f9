import Foundation
import SluiceCore

/// How a user names one run: by its run id (`scheduled__2026-01-02T00:00:00+00:00`) or by its
/// logical date (`2026-01-02` or an ISO date-time; without an offset, in the DAG's time zone).
///
/// Every command that expects a run resolves what the user typed here, so the rules are the same
/// everywhere: a run id wins over a date; a date-time matches the run whose logical date is exactly
/// that instant, a plain date the run whose logical date falls on that day (several: an error listing them). Without a DAG the reference may match runs of several DAGs: that is an error
/// naming them, never a guess.
public struct RunReference: Sendable, Equatable, CustomStringConvertible {
    /// What the user typed.
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public var description: String { text }

    /// The logical date the text names in `zone`, if it is a date.
    public func logicalDate(in zone: TimeZone) -> Date? {
        DateText.parse(text, in: zone)
    }

    /// The one run this reference names. `dagId` narrows the search to one DAG; `timeZone` gives a
    /// DAG's time zone for dates without an offset (nil: UTC, e.g. for a DAG no longer in the folder).
    /// Throws `StoreError.runReferenceNotFound` or `.runReferenceAmbiguous`.
    public func resolve(in store: any MetadataStore, dagId: String?, timeZone: (String) -> TimeZone?) async throws -> DagRun {
        let byId = try await store.runs(matching: RunFilter(dagId: dagId, runId: text, limit: 2))
        if let run = try single(byId) { return run }
        let utc = TimeZone(secondsFromGMT: 0) ?? .current
        if let approximate = logicalDate(in: utc) {
            // Time zones are at most 14 hours from UTC: a day either side (and the day itself) holds every candidate.
            let window = RunFilter(dagId: dagId, logicalFrom: approximate.addingTimeInterval(-86_400),
                                   logicalThrough: approximate.addingTimeInterval(2 * 86_400))
            let candidates = try await store.runs(matching: window).filter { run in
                matches(run.logicalDate, in: timeZone(run.dagId) ?? utc)
            }
            if let run = try single(candidates) { return run }
        }
        throw StoreError.runReferenceNotFound(reference: text, dagId: dagId)
    }

    /// Whether `date` is the instant the text names in `zone`; a plain date (`2026-01-02`) names
    /// that whole day, so a run at 02:30 local time is found by its day.
    func matches(_ date: Date, in zone: TimeZone) -> Bool {
        guard let named = logicalDate(in: zone) else { return false }
        if text.trimmingCharacters(in: .whitespaces).count == 10 {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            return calendar.isDate(date, inSameDayAs: named)
        }
        return abs(named.timeIntervalSince(date)) < 0.000_001
    }

    private func single(_ runs: [DagRun]) throws -> DagRun? {
        if runs.count > 1 {
            throw StoreError.runReferenceAmbiguous(reference: text, candidates: runs.map { "\($0.dagId) \($0.runId)" })
        }
        return runs.first
    }
}
