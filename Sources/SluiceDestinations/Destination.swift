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
