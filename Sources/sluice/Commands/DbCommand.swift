import ArgumentParser
import Foundation
import SluiceCore
import SluiceStore

/// `sluice db ...`: the metadata store's schema, checked and migrated explicitly (every command also brings
/// a SQLite store up to date when it opens it).
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Check and migrate the metadata store's schema.",
        subcommands: [DbCheckCommand.self, DbMigrateCommand.self]
    )
}

/// `sluice db check [--json]`: the store's schema version against this build's, pending migrations and
/// SQLite's consistency checks, changing nothing; exit 1 unless it is current and consistent.
struct DbCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Report the store's schema version and consistency; change nothing.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON object.") var json = false

    func run() async throws {
        let env = try global.environment()
        let check = try await MetadataStoreSetting.inspect(environment: env) { try global.storeLocation(environment: env) }
        let backend = MetadataStoreSetting.url(env) == nil ? "sqlite" : "postgresql"
        if json {
            print(JSONValue.object([
                ("backend", .string(backend)), ("path", .string(check.path)), ("exists", .bool(check.exists)),
                ("version", .int(check.version)), ("supported", .int(check.supported)),
                ("pending", .array(check.pending.map(JSONValue.string))), ("integrity", .array(check.integrity.map(JSONValue.string))),
                ("current", .bool(check.isCurrent)),
            ]).jsonText)
        } else {
            print("metadata store: \(backend) \(check.path)")
            if !check.exists {
                print("schema: no store yet (`sluice db migrate`, or the first command that needs it, creates it at version \(check.supported))")
            } else if check.version > check.supported {
                print("schema: version \(check.version), newer than this sluice knows (\(check.supported)): run the newer sluice, or restore a backup")
            } else if check.pending.isEmpty {
                print("schema: version \(check.version) of \(check.supported), up to date")
            } else {
                print("schema: version \(check.version) of \(check.supported); `sluice db migrate` applies: \(check.pending.joined(separator: ", "))")
            }
            if check.exists { print("integrity: \(check.integrity.joined(separator: "; "))") }
        }
        if !check.isCurrent { throw ExitCode(1) }
    }
}

/// `sluice db migrate`: applies the migrations the store lacks (creating it if needed) and says which.
struct DbMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Bring the store's schema up to this sluice's version.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let env = try global.environment()
        let location = { try global.storeLocation(environment: env) }
        let before = try await MetadataStoreSetting.inspect(environment: env, location: location)
        guard before.version <= before.supported else {
            throw ValidationError("the store at \(before.path) is at schema version \(before.version), newer than this sluice knows (\(before.supported)): run the newer sluice")
        }
        let store: SQLMetadataStore
        if let url = MetadataStoreSetting.url(env) {
            store = try await SQLMetadataStore.open(url: url)
        } else {
            store = try await SQLMetadataStore.open(location: try location())
        }
        let after = try await store.schemaVersion()
        await store.close()
        if before.pending.isEmpty {
            print("schema of \(before.path): version \(after), up to date; nothing to apply")
        } else {
            print("schema of \(before.path): version \(before.version) -> \(after); applied \(before.pending.joined(separator: ", "))")
        }
    }
}
