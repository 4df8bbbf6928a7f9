import Foundation

extension SQLMetadataStore {
    /// Reads from the store once (`SELECT 1` on its connection): throws when the database cannot answer.
    /// For health checks.
    public func ping() async throws {
        try await database.perform { db in
            _ = try db.prepare("SELECT 1", operation: "checking the metadata store").query([], operation: "checking the metadata store") { $0.int64(0) }
        }
    }
}
