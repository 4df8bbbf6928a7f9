import Foundation

/// What `sluice db check` reports of a metadata store without changing it: its schema version against
/// this build's, the migrations still to apply, and SQLite's own consistency checks.
public struct StoreCheck: Sendable, Equatable {
    public var path: String
    /// False when there is no database file yet (the first command that needs one creates it).
    public var exists: Bool
    public var version: Int
    public var supported: Int
    /// The migrations this build would apply, `version name` each.
    public var pending: [String]
    /// `ok`, or SQLite's first complaints (`PRAGMA quick_check`, `PRAGMA foreign_key_check`).
    public var integrity: [String]

    public var isCurrent: Bool { exists && version == supported && integrity == ["ok"] }

    /// Inspects the store at `path` read-only.
    public static func inspect(path: String) async throws -> StoreCheck {
        let supported = SchemaMigration.latestVersion
        guard FileManager.default.fileExists(atPath: path) else {
            return StoreCheck(path: path, exists: false, version: 0, supported: supported,
                              pending: SchemaMigration.all.map { "\($0.version) \($0.name)" }, integrity: [])
        }
        let database = try await SQLiteDatabase.open(path: path)
        return try await database.perform { db in
            let hasTable = try db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
                                          operation: "looking for schema_migrations")
                .query([], operation: "looking for schema_migrations") { $0.int64(0) }.first ?? 0
            let version = hasTable > 0 ? try SchemaMigrator().currentVersion(db) : 0
            var integrity = try db.prepare("PRAGMA quick_check(5)", operation: "checking the database")
                .query([], operation: "checking the database") { $0.text(0) }
            let foreign = try db.prepare("PRAGMA foreign_key_check", operation: "checking foreign keys")
                .query([], operation: "checking foreign keys") { "table \($0.text(0)) row \($0.int64(1)) refers to a missing \($0.text(2)) row" }
            if !foreign.isEmpty { integrity = (integrity == ["ok"] ? [] : integrity) + foreign.prefix(5) }
            return StoreCheck(path: path, exists: true, version: version, supported: supported,
                              pending: SchemaMigration.all.filter { $0.version > version }.map { "\($0.version) \($0.name)" },
                              integrity: integrity)
        }
    }
}
