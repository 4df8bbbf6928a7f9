import ArgumentParser
import Foundation
import SluiceCore
import SluiceDestinations
import SluiceExport

/// `sluice lake gc [DAG] [--older-than 7d] [--dry-run]`: removes staged files nothing will publish.
///
/// For every configured destination (`SLUICE_DEST_<ID>`), it removes the staging of tries whose audits failed
/// (kept for inspection) and of tries whose process is gone. A try that is running now keeps its staging: its
/// task instance is running with that try in the metadata store, or its process is alive on this host.
/// It also removes the `<partition>/_staging/` folders earlier Sluice versions left inside the lake.
struct LakeGCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove staged files left by failed audits and dead tries.",
        discussion: "Staging lives outside the published tree (docs/decisions/0005-staging-layout.md); readers never see it, but it takes space."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only the staging of this DAG (default: every DAG).", completion: Completions.dagIds) var dagId: String?
    @Option(help: "Only staging older than this (7d, 12h, 30m; default: any age).") var olderThan: String?
    @Flag(help: "Print what would be removed, remove nothing.") var dryRun = false

    func run() async throws {
        var cutoff: Date?
        if let olderThan {
            guard let seconds = try? DurationParser.seconds(from: olderThan) else {
                throw ValidationError("--older-than '\(UserText.quote(olderThan))' is not a duration: write 7d, 12h or 30m")
            }
            cutoff = Date().addingTimeInterval(-seconds)
        }
        let runtime = try await Runtime.make(global)
        let running = try await runtime.store.activeTaskInstances()
        let registry = DestinationRegistry(environment: runtime.environment)
        var removed = 0
        for id in registry.configuredIDs {
            let staging = try ExportStaging(destination: try registry.destination(named: id))
            for entry in try await staging.entries() where dagId == nil || entry.dagId == dagId {
                if let cutoff, let created = ISO8601DateFormatter().date(from: entry.createdAt), created > cutoff { continue }
                // A failed audit ended its try; any other record may belong to a try still running.
                let live = !entry.auditFailed && (running.contains {
                    $0.dagId == entry.dagId && $0.taskId == entry.taskId && $0.runId == entry.runId && $0.tryNumber == entry.tryNumber
                } || entry.processRunsHere)
                if live { continue }
                let reason = entry.auditFailed ? "failed audit" : "dead try"
                print("\(dryRun ? "would remove" : "removed") \(staging.area.describe(key: entry.folder)) (\(entry.dagId).\(entry.taskId) \(entry.runId) try \(entry.tryNumber), \(reason))")
                if !dryRun { try await staging.remove(entry) }
                removed += 1
            }
            for folder in try await staging.legacyFolders() where dagId == nil {
                print("\(dryRun ? "would remove" : "removed") \(staging.destination.describe(key: folder)) (staging of an earlier Sluice version, inside the lake)")
                if !dryRun { try await staging.destination.deleteTree(prefix: folder) }
                removed += 1
            }
        }
        print("\(dryRun ? "would remove" : "removed") \(removed) staging folder\(removed == 1 ? "" : "s")")
    }
}
