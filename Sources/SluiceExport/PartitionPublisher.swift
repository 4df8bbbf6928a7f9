import Foundation
import SluiceDestinations

/// The publish step of write-audit-publish for one partition of a destination.
///
/// Everything the partition will hold is completed in the try's staging folder first: `_schema.json`,
/// `_manifest.json` and `_SUCCESS` are written beside the parts. The destination then makes that folder the
/// partition (`Destination.publishPartition`: one atomic swap for a local folder), each part under its
/// published name `part-NNNNN-<tag>.<ext>` with a tag new for each publish, so a reader that listed the old
/// partition and opens a file after the swap fails with "not found" instead of reading a new file under an
/// old listing. Then the staging of this try, of earlier tries of its task instance and of failed audits of
/// the partition is removed.
struct PartitionPublisher {
    let staging: ExportStaging
    /// This try's staging record.
    let entry: StagedTry

    static let success = "_SUCCESS"

    /// Publishes `parts` (staged objects) and returns the published objects, in order. `confirm` runs right
    /// before the swap and stops the publish by throwing (the try lost its lease: another process owns it).
    func publish(parts: [ObjectInfo], schema: Data, confirm: () async throws -> Void = {},
                 manifest: ([ObjectInfo]) throws -> Data) async throws -> [ObjectInfo] {
        let folder = entry.folder
        let base = entry.partition + "/"
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        var published: [ObjectInfo] = []
        var renaming: [String: String] = [:]
        for part in parts {
            let stagedName = String(part.key.split(separator: "/").last ?? "")
            let name = PartitionPublisher.publishedName(stagedName, tag: tag)
            renaming[stagedName] = name
            published.append(ObjectInfo(key: base + name, bytes: part.bytes, sha256: part.sha256))
        }
        _ = try await staging.area.put(key: folder + "_schema.json", data: schema, contentType: "application/json")
        _ = try await staging.area.put(key: folder + "_manifest.json", data: try manifest(published), contentType: "application/json")
        _ = try await staging.area.put(key: folder + Self.success, data: Data(), contentType: nil)
        try await confirm()
        try await staging.destination.publishPartition(entry.partition, stagedPrefix: folder, from: staging.area, renaming: renaming)
        try? await staging.removeAfterPublish(entry) // published already: what is left goes at the next try or `lake gc`
        return published
    }

    /// `part-00000.csv.gz` with tag `1f3a` is `part-00000-1f3a.csv.gz`.
    static func publishedName(_ staged: String, tag: String) -> String {
        guard let dot = staged.firstIndex(of: ".") else { return staged + "-" + tag }
        return staged[..<dot] + "-" + tag + staged[dot...]
    }
}
