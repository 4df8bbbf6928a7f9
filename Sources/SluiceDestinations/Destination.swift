import Foundation

/// A place where exports write objects: a local folder or an S3 bucket prefix.
///
/// Keys are relative to the destination's base prefix and `/`-separated. The operations are the primitives
/// write-audit-publish needs: stream an object into a staging key, read it back, list a prefix, copy or move
/// staged objects to their published keys, delete what is left over. Nothing here knows about exports,
/// manifests or retries at the task level.
public protocol Destination: Sendable {
    /// Opens a streaming writer for `key`. The object becomes visible only when `finish()` succeeds.
    func openWriter(key: String, contentType: String?) async throws -> any ObjectWriter
    /// Writes a whole object at once.
    func put(key: String, data: Data, contentType: String?) async throws -> ObjectInfo
    /// Reads a whole (small) object. Throws `DestinationError.notFound` when it does not exist.
    func get(key: String) async throws -> Data
    /// Every object whose key starts with `prefix` (a string prefix, not a folder), recursively, sorted by key.
    func list(prefix: String) async throws -> [ObjectInfo]
    /// Copies one object to another key, replacing it if present.
    func copy(from source: String, to target: String) async throws
    /// Moves one object to another key, replacing it if present.
    func move(from source: String, to target: String) async throws
    /// Deletes objects; keys that do not exist are not an error.
    func delete(keys: [String]) async throws
    /// Whether an object exists at `key`.
    func exists(key: String) async throws -> Bool
    /// The user-facing URI of `key` (`s3://bucket/prefix/key`, `file:///path/key`).
    func describe(key: String) -> String
    /// The destination that holds this one's staged objects. None of its keys is inside this destination's
    /// tree, so a reader listing or globbing any prefix of this destination, its root included, never sees
    /// them (docs/decisions/0005-staging-layout.md).
    func stagingArea() throws -> any Destination
    /// Deletes everything under `prefix` (a folder-like prefix ending in `/`), including what unfinished
    /// writers left there (`.partial` files, incomplete multipart uploads).
    func deleteTree(prefix: String) async throws
    /// Makes the objects directly under `stagedPrefix` of `staging` (this destination's `stagingArea()`)
    /// the content of `partition/`, replacing the objects directly in it; deeper keys (other partitions) stay.
    /// A staged object named in `renaming` (staged name to published name) is published under its new name.
    /// A local folder is swapped in one atomic rename; S3 copies objects and deletes stale ones, with
    /// `_SUCCESS` removed first and written last. What was replaced may be left under `stagedPrefix`.
    func publishPartition(_ partition: String, stagedPrefix: String, from staging: any Destination,
                          renaming: [String: String]) async throws
    /// The server behind the destination (`S3 endpoint http://...`), for messages; `nil` for local folders.
    var server: String? { get }
}

extension Destination {
    public var server: String? { nil }

    /// Opens a streaming writer for `key` with no particular content type.
    public func openWriter(key: String) async throws -> any ObjectWriter {
        try await openWriter(key: key, contentType: nil)
    }

    /// Writes a whole object at once with no particular content type.
    public func put(key: String, data: Data) async throws -> ObjectInfo {
        try await put(key: key, data: data, contentType: nil)
    }
}
