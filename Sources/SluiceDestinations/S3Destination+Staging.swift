import Foundation

/// Staging and publication on S3.
///
/// The staging area of `s3://bucket/lake` is `s3://bucket/lake.sluice-staging`: a sibling prefix, so listing
/// `lake/` (what DuckDB's and pyarrow's recursive globs do) never returns a staged key. For a destination at
/// the bucket root it is `s3://bucket/.sluice-staging`, which a reader of the whole bucket does list: give
/// such destinations a prefix. S3 has no atomic rename, so publishing is ordered (delete `_SUCCESS`, copy the
/// new objects, delete stale ones, copy `_SUCCESS` last) but not atomic: a reader listing during a re-export
/// may see old and new objects together; `_SUCCESS` and `_manifest.json` say what one export published.
extension S3Destination {
    /// The staging prefix of a destination prefix.
    static func stagingPrefix(of prefix: String) -> String {
        prefix.isEmpty ? ".sluice-staging" : prefix + ".sluice-staging"
    }

    public func stagingArea() throws -> any Destination {
        guard let staging else {
            throw DestinationError.invalidSetting(variable: describe(key: ""), reason: "a staging area has no staging area of its own")
        }
        return staging
    }

    public func deleteTree(prefix: String) async throws {
        let objects = try await list(prefix: prefix)
        if !objects.isEmpty { try await delete(keys: objects.map(\.key)) }
        try await abortIncompleteUploads(prefix: prefix)
    }

    public func publishPartition(_ partition: String, stagedPrefix: String, from staging: any Destination,
                                 renaming: [String: String]) async throws {
        guard let staging = staging as? S3Destination, staging.configuration.bucket == configuration.bucket else {
            throw DestinationError.invalidSetting(variable: describe(key: partition), reason: "an S3 destination publishes only from its own staging area")
        }
        let base = partition + "/"
        let success = base + "_SUCCESS"
        let staged = try await staging.list(prefix: stagedPrefix).filter { !$0.key.dropFirst(stagedPrefix.count).contains("/") }
        let existing = try await list(prefix: base).map(\.key).filter { !$0.dropFirst(base.count).contains("/") }
        if existing.contains(success) { try await delete(keys: [success]) }
        let names = staged.map { object in
            let name = String(object.key.dropFirst(stagedPrefix.count))
            return renaming[name] ?? name
        }
        for (object, name) in zip(staged, names) where name != "_SUCCESS" {
            try await copy(fromFullKey: staging.fullKey(object.key), to: base + name)
        }
        let keep = Set(names.map { base + $0 })
        let stale = existing.filter { !keep.contains($0) }
        if !stale.isEmpty { try await delete(keys: stale) }
        if let marker = staged.first(where: { $0.key.hasSuffix("/_SUCCESS") }) {
            try await copy(fromFullKey: staging.fullKey(marker.key), to: success)
        }
    }
}
