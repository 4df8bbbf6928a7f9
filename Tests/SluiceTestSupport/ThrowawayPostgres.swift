import Foundation
import XCTest

/// The one throwaway PostgreSQL helper of the test targets.
///
/// `shared()` is the server every test of a test process uses: `SLUICE_TEST_PG_URI` when set (as `make test`
/// does), otherwise a cluster started on first use with `scripts/pg-test-server.sh` and stopped when the test
/// bundle finishes. `start(in:)` starts a private cluster, for fault tests that freeze or restart it. When
/// PostgreSQL cannot start, these throw: the test fails, it is never skipped. `createDatabase()` gives a test
/// or a suite a fresh database of its own.
public final class ThrowawayPostgres: Sendable {
    /// `postgresql://` URI of the server's `postgres` database.
    public let uri: String
    /// The cluster's folder when this process started it; `nil` for `SLUICE_TEST_PG_URI`.
    public let directory: String?

    private init(uri: String, directory: String?) {
        self.uri = uri
        self.directory = directory
    }

    /// The package root, found from this file (Tests/SluiceTestSupport/).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `scripts/pg-test-server.sh`.
    public static var scriptPath: String { packageRoot.appendingPathComponent("scripts/pg-test-server.sh").path }

    /// The PostgreSQL binaries the script uses.
    public static var binaries: String { ProcessInfo.processInfo.environment["PG_BIN"] ?? "/usr/lib/postgresql/15/bin" }

    private static let sharedServer: Result<ThrowawayPostgres, TestProcessError> = {
        if let uri = ProcessInfo.processInfo.environment["SLUICE_TEST_PG_URI"], !uri.isEmpty {
            return .success(ThrowawayPostgres(uri: uri, directory: nil))
        }
        do {
            let server = try start(in: NSTemporaryDirectory() + "sluice-pg-\(getpid())")
            XCTestObservationCenter.shared.addTestObserver(BundleEndObserver(server))
            return .success(server)
        } catch let error as TestProcessError {
            return .failure(error)
        } catch {
            return .failure(TestProcessError(message: "\(error)"))
        }
    }()

    /// The server shared by the whole test process (see the type's comment).
    /// - Throws: why PostgreSQL could not start.
    public static func shared() throws -> ThrowawayPostgres {
        try sharedServer.get()
    }

    /// Starts a private cluster in `directory` (created; removed by `stop()`).
    /// - Throws: why PostgreSQL could not start, with the server log's tail.
    public static func start(in directory: String) throws -> ThrowawayPostgres {
        let output = String(decoding: try TestProcess.run("/bin/bash", [scriptPath, "start", directory]), as: UTF8.self)
        guard let line = output.split(separator: "\n").last, line.hasPrefix("postgresql://") else {
            throw TestProcessError(message: "pg-test-server.sh start \(directory) printed no URI: \(output.prefix(500))")
        }
        return ThrowawayPostgres(uri: String(line), directory: directory)
    }

    /// Stops a cluster this process started (a no-op for `SLUICE_TEST_PG_URI`); un-freezes it first.
    public func stop() {
        guard let directory else { return }
        thaw()
        _ = try? TestProcess.run("/bin/bash", [Self.scriptPath, "stop", directory])
    }

    /// Runs SQL with psql (`-c` per command, stopping at the first error); returns the unaligned,
    /// tuples-only output without surrounding whitespace.
    @discardableResult
    public func psql(_ commands: [String], database: String? = nil, environment: [String: String] = [:]) throws -> String {
        var arguments = [database.map { uri(database: $0) } ?? uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-A", "-t"]
        for command in commands { arguments += ["-c", command] }
        let output = try TestProcess.run("/usr/bin/psql", arguments, environment: environment)
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The URI of another database on this server.
    public func uri(database: String) -> String {
        guard var components = URLComponents(string: uri) else { return uri }
        components.path = "/" + database
        return components.string ?? uri
    }

    /// Creates a fresh, empty database and returns its URI (dropped with the cluster, or by `dropDatabase`).
    public func createDatabase(prefix: String = "sluice_test") throws -> String {
        let name = prefix + "_" + UUID().uuidString.prefix(8).lowercased()
        try psql(["CREATE DATABASE \(name)"])
        return uri(database: name)
    }

    /// Drops a database made by `createDatabase`, ending its sessions.
    public func dropDatabase(uri databaseURI: String) {
        guard let name = URLComponents(string: databaseURI)?.path.dropFirst(), !name.isEmpty else { return }
        _ = try? psql(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    // MARK: Faults (private clusters only)

    /// The postmaster's process id, from `postmaster.pid`.
    public var postmasterPID: pid_t? {
        guard let directory,
              let text = try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8),
              let first = text.split(separator: "\n").first else { return nil }
        return pid_t(first.trimmingCharacters(in: .whitespaces))
    }

    /// The postmaster and every process it started (backends, checkpointer, ...).
    public func serverProcesses() -> [pid_t] {
        guard let root = postmasterPID else { return [] }
        var found = [root]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (comm) state ppid ...".
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == root { found.append(pid) }
        }
        return found
    }

    /// Freezes the server: SIGSTOP to the postmaster and its children. Call `thaw()` in the test's cleanup.
    public func freeze() throws {
        let processes = serverProcesses()
        guard !processes.isEmpty else { throw TestProcessError(message: "no server processes to freeze") }
        for pid in processes { kill(pid, SIGSTOP) }
    }

    /// Un-freezes the server (SIGCONT); harmless when it is not frozen.
    public func thaw() {
        for pid in serverProcesses() { kill(pid, SIGCONT) }
    }

    /// `pg_ctl restart -m fast`: ends every session, then starts again on the same port.
    public func restart() throws {
        guard let directory else { throw TestProcessError(message: "only a cluster started by the tests can be restarted") }
        let pgctl = Self.binaries + "/pg_ctl"
        let command = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", pgctl] : [pgctl]
        try TestProcess.run(command[0], Array(command.dropFirst()) + ["-D", directory + "/data", "-m", "fast", "-w", "-t", "60",
                                                                     "-l", directory + "/server.log", "restart"])
    }
}

/// Stops the shared server when the test bundle finishes.
private final class BundleEndObserver: NSObject, XCTestObservation {
    let server: ThrowawayPostgres
    init(_ server: ThrowawayPostgres) { self.server = server }
    func testBundleDidFinish(_ testBundle: Bundle) { server.stop() }
}
