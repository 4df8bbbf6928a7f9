import ArgumentParser
import Foundation
import SluiceCore
import SluicePostgres

/// `sluice connections ...`: the connections `SLUICE_CONN_<ID>` defines.
struct ConnectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections", abstract: "List and test the database connections (SLUICE_CONN_<ID>).",
        subcommands: [ConnectionsListCommand.self, ConnectionsTestCommand.self]
    )
}

/// `sluice connections list`: every connection with its password masked.
struct ConnectionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the connections, passwords masked.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array.") var json = false

    func run() async throws {
        let registry = ConnectionRegistry(environment: try global.environment())
        var rows: [(id: String, uri: String, pool: String, problem: String?)] = []
        for id in registry.ids {
            let variable = ConnectionRegistry.variableName(for: id)
            do {
                let entry = try registry.entry(for: id)
                rows.append((id, entry.config.redacted, String(entry.maxConnections), nil))
            } catch {
                rows.append((id, "-", "-", "\(variable): \(String(describing: error))"))
            }
        }
        if json {
            let items: [JSONValue] = rows.map { row in
                let pool: JSONValue = Int(row.pool).map(JSONValue.int) ?? .null
                let problem: JSONValue = row.problem.map(JSONValue.string) ?? .null
                return .object([("conn_id", .string(row.id)), ("uri", .string(row.uri)), ("pool", pool), ("problem", problem)])
            }
            print(JSONValue.array(items).jsonText)
        } else if rows.isEmpty {
            print("no connections: define one with SLUICE_CONN_<ID>=postgresql://user:password@host:5432/db (in the environment or .env)")
        } else {
            print(TextTable.render(header: ["conn_id", "uri", "pool"], rows: rows.map { [$0.id, $0.problem ?? $0.uri, $0.pool] }))
        }
    }
}

/// `sluice connections test ID`: connects, and prints the server's version and the round-trip time.
struct ConnectionsTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Connect to a connection and print the server version and latency.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The connection id (SLUICE_CONN_<ID>).") var connection: String
    @Flag(help: "Print a JSON object.") var json = false

    func run() async throws {
        let env = try global.environment()
        let registry = ConnectionRegistry(environment: env)
        guard registry.ids.contains(connection.lowercased()) else {
            let hint = DidYouMean.hint(for: connection.lowercased(), among: registry.ids)
            throw ValidationError("unknown connection '\(UserText.quote(connection))'\(hint): set \(ConnectionRegistry.variableName(for: connection)) (see `sluice connections list`)")
        }
        let config = try registry.config(for: connection)
        let masker = SecretMasker(values: registry.secretValues)
        let clock = ContinuousClock()
        let started = clock.now
        let db: PostgresConnection
        do {
            db = try await PostgresConnection.connect(config)
        } catch {
            throw ConnectionTestError(message: masker.mask("cannot connect to \(connection) (\(config.redacted)): \(error)"))
        }
        let connected = clock.now
        let version: String
        do {
            let result = try await db.execute("SELECT version()", timeout: 10)
            version = result.rows.first?.first.flatMap { $0 } ?? "unknown"
        } catch {
            await db.close()
            throw ConnectionTestError(message: masker.mask("connected to \(connection) but the server did not answer: \(error)"))
        }
        let answered = clock.now
        await db.close()
        let connectMs = Self.milliseconds(connected - started), queryMs = Self.milliseconds(answered - connected)
        if json {
            let fields: [(String, JSONValue)] = [
                ("conn_id", .string(connection.lowercased())), ("uri", .string(config.redacted)), ("server_version", .string(version)),
                ("connect_ms", .double(connectMs)), ("query_ms", .double(queryMs)),
            ]
            print(JSONValue.object(fields).jsonText)
        } else {
            print("\(connection.lowercased()): ok (\(config.redacted))")
            print("server: \(version)")
            print(String(format: "latency: connect %.1f ms, query %.1f ms", connectMs, queryMs))
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return (Double(seconds) * 1000 + Double(attoseconds) / 1e15 * 10).rounded() / 10
    }

    struct ConnectionTestError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
