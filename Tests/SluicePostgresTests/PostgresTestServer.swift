import Foundation
import SluicePostgres
import SluiceTestSupport
import XCTest

/// The PostgreSQL tests' view of the shared throwaway PostgreSQL (`ThrowawayPostgres.shared()`). A server that
/// cannot start throws: the tests fail, they are never skipped.
final class PostgresTestServer: Sendable {
    let server: ThrowawayPostgres
    var uri: String { server.uri }

    private init(server: ThrowawayPostgres) {
        self.server = server
    }

    var config: ConnectionConfig {
        get throws { try ConnectionConfig(uri: uri) }
    }

    static func start() throws -> PostgresTestServer {
        PostgresTestServer(server: try ThrowawayPostgres.shared())
    }

    /// Nothing to do: the shared server stops when the test bundle finishes.
    func stop() {}

    /// `scripts/pg-test-server.sh`.
    static var scriptPath: String { ThrowawayPostgres.scriptPath }

    @discardableResult
    static func runScript(_ arguments: String...) throws -> String {
        let (status, output, errors) = try runCommand(["/bin/bash", scriptPath] + arguments)
        guard status == 0 else {
            throw TestServerError(message: "pg-test-server.sh \(arguments.joined(separator: " ")) failed: \(errors)")
        }
        return output
    }

    /// Runs a command with posix_spawn and waitpid, its output in temporary files. (Foundation's `Process`
    /// sometimes never notices the exit on Linux when called from a class `setUp`, hanging the tests.)
    static func runCommand(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-cmd-\(UUID().uuidString)").path
        let outPath = base + ".out"
        let errPath = base + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else {
            throw TestServerError(message: "could not run \(arguments[0]): error \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return (exitStatus, output, errors)
    }
}

struct TestServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A test case with the server shared by the whole test process (`ThrowawayPostgres.shared()`, started on first
/// use and stopped when the test bundle finishes).
class PostgresServerTestCase: XCTestCase {
    /// The shared server; throws (the test fails) when it could not start.
    var server: PostgresTestServer {
        get throws { try PostgresTestServer.start() }
    }

    /// A connection for one test; closed by the test's teardown.
    func connect(_ adjust: (inout ConnectionConfig) -> Void = { _ in }) async throws -> PostgresConnection {
        var config = try server.config
        adjust(&config)
        let connection = try await PostgresConnection.connect(config)
        addTeardownBlock { await connection.close() }
        return connection
    }

    /// Polls `condition` every 20 ms for up to `seconds`; true when it held.
    func eventually(within seconds: Double = 10, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return try await condition()
    }

    /// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
    func unusedPort() throws -> Int {
        let (_, output, _) = try PostgresTestServer.runCommand(["/usr/bin/env", "python3", "-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"])
        return try XCTUnwrap(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
