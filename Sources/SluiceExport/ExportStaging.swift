import Foundation
import SluiceDestinations
import SluiceExecution

/// The staging area of one destination, and the rules for what may stay in it
/// (docs/decisions/0005-staging-layout.md).
///
/// Layout, in the destination's `stagingArea()` (outside the published tree):
/// `<partition, one segment>/<run_id>.<try>.<dag_id>.<task_id>/` holds a try's files exactly as the partition
/// folder will hold them, and `<same>.json` beside it is its `StagedTry` record, written before any file.
/// A try's folder goes away when the try fails or is cancelled, when the next try of its task instance starts
/// (a killed process), after its own publish, or, for a failed audit, at the partition's next successful
/// publish or `sluice lake gc`.
public struct ExportStaging: Sendable {
    /// The published destination.
    public let destination: any Destination
    /// Its staging area.
    public let area: any Destination

    public init(destination: any Destination) throws {
        self.destination = destination
        self.area = try destination.stagingArea()
    }

    /// Starts the staging of `entry`: removes what other tries of the same task instance left (a process
    /// killed mid-try; failed audits stay), then records `entry`. Returns the key prefix for its files.
    public func begin(_ entry: StagedTry) async throws -> String {
        try await removeOrphans(dagId: entry.dagId, taskId: entry.taskId, runId: entry.runId, except: entry.tryNumber)
        try await area.deleteTree(prefix: entry.folder)
        _ = try await area.put(key: entry.recordKey, data: try entry.encoded(), contentType: "application/json")
        return entry.folder
    }

    /// Removes the staging of a try that failed or was cancelled. Best effort and bounded (`within`
    /// seconds: the destination may be what stopped answering): a failure here must not hide or delay
    /// the try's own error, and the next try or `lake gc` removes what is left.
    public func discard(_ entry: StagedTry, within seconds: TimeInterval = 10) async {
        _ = try? await DeadlineRace.run(until: TaskDeadline(timeout: seconds), expired: { _ in CancellationError() }) { [self] in
            try await remove(entry)
        }
    }

    /// Marks `entry`'s files as kept for inspection after a failed audit.
    public func keepForInspection(_ entry: StagedTry) async throws {
        var kept = entry
        kept.auditFailed = true
        _ = try await area.put(key: kept.recordKey, data: try kept.encoded(), contentType: "application/json")
    }

    /// Removes a try's folder and record.
    public func remove(_ entry: StagedTry) async throws {
        try await area.deleteTree(prefix: entry.folder)
        try await area.delete(keys: [entry.recordKey])
    }

    /// Every try record in the staging area, sorted by folder. Unreadable records are skipped.
    public func entries() async throws -> [StagedTry] {
        let records = try await area.list(prefix: "").filter { object in
            object.key.hasSuffix(".json") && object.key.split(separator: "/").count == 2
        }
        var found: [StagedTry] = []
        for record in records {
            guard let data = try? await area.get(key: record.key), let entry = try? StagedTry.decode(data) else { continue }
            found.append(entry)
        }
        return found.sorted { $0.folder < $1.folder }
    }

    /// The `<partition>/_staging/` folders that Sluice versions before this layout left inside the published
    /// tree (which readers globbing the lake count), each ending in `/`. Lists the whole destination.
    public func legacyFolders() async throws -> [String] {
        var folders = Set<String>()
        for object in try await destination.list(prefix: "") {
            let segments = object.key.split(separator: "/")
            if let index = segments.firstIndex(of: "_staging"), index > 0 {
                folders.insert(segments[...index].joined(separator: "/") + "/")
            }
        }
        return folders.sorted()
    }

    /// Removes the staging other tries of task instance `dagId.taskId` of `runId` left, except try `keep`
    /// and failed audits; returns what was removed. The start of a try calls it; the executor's recovery of
    /// a dead process's task instance may call it too (the instance is not running any more).
    @discardableResult
    public func removeOrphans(dagId: String, taskId: String, runId: String, except keep: Int? = nil) async throws -> [StagedTry] {
        let orphans = try await entries().filter {
            $0.belongs(dagId: dagId, taskId: taskId, runId: runId) && $0.tryNumber != keep && !$0.auditFailed
        }
        for orphan in orphans { try await remove(orphan) }
        return orphans
    }

    /// After `published` was published: removes its own folder (which now holds the replaced files), and of
    /// the same partition the earlier tries of its task instance, failed audits, and tries whose process on this host is gone.
    func removeAfterPublish(_ published: StagedTry) async throws {
        let stale = try await entries().filter {
            $0.partition == published.partition && $0 != published
                && ($0.auditFailed || $0.processDiedHere
                    || ($0.belongs(dagId: published.dagId, taskId: published.taskId, runId: published.runId) && $0.tryNumber < published.tryNumber))
        }
        try await remove(published)
        for entry in stale { try await remove(entry) }
    }
}
