import Foundation
import SluicePostgres

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
                .query([], operation: "looking for schema_migrations") { row in row.int64(0) }.first ?? 0
            let version = hasTable > 0 ? try SchemaMigrator(dialect: .sqlite).currentVersion(db) : 0
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

    /// Inspects the PostgreSQL store at `url` without changing it. `exists` is false when the database has no
    /// Sluice schema yet. The server enforces every constraint itself, so `integrity` is `ok` once it answers.
    public static func inspect(url: String) async throws -> StoreCheck {
        let config: ConnectionConfig
        do {
            config = try ConnectionConfig(uri: url)
        } catch let error as PostgresError {
            throw StoreError.invalidMetadataURL(error.description)
        }
        let database = PostgresStoreDatabase(config: config, connections: 1)
        let migrations = SchemaMigration.postgres
        let supported = migrations.last?.version ?? 0
        let version: Int?
        do {
            version = try await database.perform { db -> Int? in
                let hasTable = try db.prepare("SELECT to_regclass('schema_migrations') IS NOT NULL", operation: "looking for schema_migrations")
                    .query([], operation: "looking for schema_migrations") { row in row.text(0) == "t" }.first ?? false
                return hasTable ? try SchemaMigrator(dialect: .postgres).currentVersion(db) : nil
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        return StoreCheck(path: database.displayName, exists: version != nil, version: version ?? 0, supported: supported,
                          pending: migrations.filter { $0.version > (version ?? 0) }.map { "\($0.version) \($0.name)" },
                          integrity: version != nil ? ["ok"] : [])
    }
}
