import Foundation
import SluiceDestinations

/// The publish step of write-audit-publish for one partition of a destination.
///
/// Order matters so a reader never sees a mix of two exports: `_SUCCESS` is removed first, the staged
/// parts move in, files of an earlier export that are not part of this one are deleted (only files
/// directly in the partition: deeper keys belong to other partitions, `_staging/` is left alone),
/// `_schema.json` and `_manifest.json` are written, `_SUCCESS` comes last, and the staging folder of
/// this try is removed.
struct PartitionPublisher {
    let destination: any Destination
    /// The partition's key prefix without a trailing slash.
    let partition: String
    /// This try's staging prefix, ending in `/`.
    let staging: String

    static let success = "_SUCCESS"

    /// Publishes `parts` (staged objects) and returns the published objects, in order.
    func publish(parts: [ObjectInfo], schema: Data, manifest: ([ObjectInfo]) throws -> Data) async throws -> [ObjectInfo] {
        let base = partition + "/"
        let existing = try await destination.list(prefix: base)
        let successKey = base + Self.success
        if existing.contains(where: { $0.key == successKey }) {
            try await destination.delete(keys: [successKey])
        }
        var published: [ObjectInfo] = []
        for part in parts {
            let name = String(part.key.split(separator: "/").last ?? "")
            let target = base + name
            try await destination.move(from: part.key, to: target)
            published.append(ObjectInfo(key: target, bytes: part.bytes, sha256: part.sha256))
        }
        let keep = Set(published.map(\.key) + [base + "_schema.json", base + "_manifest.json", successKey])
        let stale = existing.map(\.key).filter { key in
            let rest = key.dropFirst(base.count)
            return !rest.contains("/") && !keep.contains(key)
        }
        if !stale.isEmpty { try await destination.delete(keys: stale) }
        _ = try await destination.put(key: base + "_schema.json", data: schema, contentType: "application/json")
        _ = try await destination.put(key: base + "_manifest.json", data: try manifest(published), contentType: "application/json")
        _ = try await destination.put(key: successKey, data: Data(), contentType: nil)
        let leftovers = try await destination.list(prefix: staging)
        if !leftovers.isEmpty { try await destination.delete(keys: leftovers.map(\.key)) }
        return published
    }
}
