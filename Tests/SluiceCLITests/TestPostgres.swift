import Foundation
import SluiceTestSupport
import XCTest

/// The CLI tests' view of the shared throwaway PostgreSQL (`ThrowawayPostgres.shared()`: `SLUICE_TEST_PG_URI`
/// as `make test` sets it, or one started for the test process). A server that cannot start throws: the test
/// fails, it is never skipped.
final class TestPostgres: Sendable {
    let server: ThrowawayPostgres
    var uri: String { server.uri }

    init() throws {
        server = try ThrowawayPostgres.shared()
    }

    /// Nothing to do: the shared server stops when the test bundle finishes.
    func stop() {}

    /// Runs SQL with psql and returns its unaligned output.
    @discardableResult
    func psql(_ sql: String) throws -> String {
        try server.psql([sql])
    }
}

/// Runs a program and captures its output.
enum Shell {
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRunner.Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

/// A throwaway Sluice project: dags/, include/, and its own SLUICE_HOME. With `SLUICE_TEST_STORE=postgres`
/// (`make test` runs the CLI suites that work on either store that way too), its metadata store is a fresh
/// PostgreSQL database (`SLUICE_METADATA_URL`) instead of SQLite in the home.
struct TestProject {
    let root: URL
    /// The project's PostgreSQL metadata store, when the tests run on PostgreSQL.
    let metadataURL: String?

    init() throws {
        metadataURL = ProcessInfo.processInfo.environment["SLUICE_TEST_STORE"] == "postgres"
            ? try ThrowawayPostgres.shared().createDatabase(prefix: "sluice_meta") : nil
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-proj-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dags"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("include"), withIntermediateDirectories: true)
        try "# a throwaway test project\n".write(to: root.appendingPathComponent("sluice.yaml"), atomically: true, encoding: .utf8)
    }

    var home: URL { root.appendingPathComponent(".sluice") }

    func write(_ path: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    /// Every row of the PostgreSQL metadata store (`pg_dump --data-only`), nil on SQLite.
    func storeDump() throws -> String? {
        guard let metadataURL else { return nil }
        return String(decoding: try TestProcess.run("/usr/bin/pg_dump", ["--data-only", metadataURL]), as: UTF8.self)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
        if let metadataURL { try? ThrowawayPostgres.shared().dropDatabase(uri: metadataURL) }
    }

    /// Runs `sluice` in the project with the connection `pg` set.
    func sluice(_ args: [String], pg: TestPostgres, env: [String: String] = [:], stdin: String? = nil) throws -> CLIRunner.Result {
        var e = ["SLUICE_CONN_PG": pg.uri]
        if let metadataURL { e["SLUICE_METADATA_URL"] = metadataURL }
        e.merge(env) { _, n in n }
        return try CLIRunner.run(args, in: root, environment: e, stdin: stdin)
    }

    /// Starts `sluice` without waiting for it.
    func start(_ args: [String], pg: TestPostgres, env: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = args
        process.currentDirectoryURL = root
        var e = ProcessInfo.processInfo.environment
        for key in e.keys where key.hasPrefix("SLUICE_") { e[key] = nil }
        e["SLUICE_CONN_PG"] = pg.uri
        if let metadataURL { e["SLUICE_METADATA_URL"] = metadataURL }
        e.merge(env) { _, n in n }
        process.environment = e
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }
}

/// Polls a condition (no fixed sleeps): true as soon as it holds, false after the timeout.
func eventually(timeout: TimeInterval = 20, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(100_000)
    }
    return try condition()
}
