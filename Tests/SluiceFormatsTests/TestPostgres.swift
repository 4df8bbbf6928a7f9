import Foundation
import XCTest
import SluiceFormats

/// A real PostgreSQL for the tests: `SLUICE_TEST_PG_URI` when set, otherwise a throwaway cluster started
/// once per test process (with `scripts/pg-test-server.sh` when the package has it, else the same steps
/// inline) and stopped when the test bundle finishes.
final class TestPostgres: NSObject, XCTestObservation {
    let uri: String
    private let ownedDirectory: String?

    /// Started on first use; a failure is kept and reported by every test that needs the server.
    static let shared: Result<TestPostgres, TestProcessError> = {
        do {
            let server = try TestPostgres.start()
            XCTestObservationCenter.shared.addTestObserver(server)
            return .success(server)
        } catch let error as TestProcessError {
            return .failure(error)
        } catch {
            return .failure(TestProcessError(message: "\(error)"))
        }
    }()

    static func get() throws -> TestPostgres {
        try shared.get()
    }

    private init(uri: String, ownedDirectory: String?) {
        self.uri = uri
        self.ownedDirectory = ownedDirectory
    }

    private static func start() throws -> TestPostgres {
        if let uri = ProcessInfo.processInfo.environment["SLUICE_TEST_PG_URI"], !uri.isEmpty {
            return TestPostgres(uri: uri, ownedDirectory: nil)
        }
        let dir = NSTemporaryDirectory() + "sluice-formats-pg-\(getpid())"
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let script = packageRoot + "/scripts/pg-test-server.sh"
        let command: String
        if FileManager.default.fileExists(atPath: script) {
            command = "bash '\(script)' start '\(dir)'"
        } else {
            command = inlineStartScript(dir)
        }
        let out = try TestProcess.run("/bin/bash", ["-c", command])
        let uri = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard uri.hasPrefix("postgresql://") else { throw TestProcessError(message: "test server printed \(uri)") }
        return TestPostgres(uri: uri, ownedDirectory: dir)
    }

    private static func inlineStartScript(_ dir: String) -> String {
        """
        set -e
        BIN=/usr/lib/postgresql/15/bin
        as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
        mkdir -p '\(dir)'; if [ "$(id -u)" = 0 ]; then chown postgres '\(dir)'; fi
        as_pg $BIN/initdb -D '\(dir)/data' -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
        PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        as_pg $BIN/pg_ctl -D '\(dir)/data' -l '\(dir)/server.log' -w -o "-p $PORT -k \(dir) -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
        echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
        """
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        guard let dir = ownedDirectory else { return }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let script = packageRoot + "/scripts/pg-test-server.sh"
        let command = FileManager.default.fileExists(atPath: script)
            ? "bash '\(script)' stop '\(dir)'"
            : "BIN=/usr/lib/postgresql/15/bin; if [ \"$(id -u)\" = 0 ]; then runuser -u postgres -- $BIN/pg_ctl -D '\(dir)/data' -m fast -w stop; else $BIN/pg_ctl -D '\(dir)/data' -m fast -w stop; fi; rm -rf '\(dir)'"
        _ = try? TestProcess.run("/bin/bash", ["-c", command])
    }

    /// Session settings that make PostgreSQL's text output the one the writers reproduce.
    static let environment = [
        "PGOPTIONS": "-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=1",
        "PGCLIENTENCODING": "UTF8",
    ]

    /// Runs psql with each string as a `-c` command; returns stdout.
    func psql(_ commands: [String], tuplesOnly: Bool = false) throws -> Data {
        var args = [uri, "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        if tuplesOnly { args += ["-A", "-t", "-F", "\u{1F}"] }
        for c in commands { args += ["-c", c] }
        return try TestProcess.run("/usr/bin/psql", args, environment: TestPostgres.environment)
    }

    func execute(_ sql: String) throws {
        _ = try psql([sql])
    }

    func copyBinary(_ query: String) throws -> [UInt8] {
        [UInt8](try psql(["COPY (\(query)) TO STDOUT (FORMAT binary)"]))
    }

    /// `delimiterLiteral` is SQL, e.g. `','` or `E'\\t'`.
    func copyCSV(_ query: String, delimiterLiteral: String = "','") throws -> [UInt8] {
        [UInt8](try psql(["COPY (\(query)) TO STDOUT (FORMAT csv, HEADER, DELIMITER \(delimiterLiteral))"]))
    }

    /// The schema of a query's result, from a view's pg_attribute rows, plus format_type for checking.
    func schema(_ query: String) throws -> (columns: [ColumnSchema], formatTypes: [String]) {
        let view = "sluice_schema_\(UInt32.random(in: 0...UInt32.max))"
        let out = try psql([
            "CREATE VIEW \(view) AS \(query)",
            "SELECT attname, atttypid, atttypmod, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '\(view)'::regclass AND attnum > 0 ORDER BY attnum",
            "DROP VIEW \(view)",
        ], tuplesOnly: true)
        var columns: [ColumnSchema] = []
        var formats: [String] = []
        for line in String(decoding: out, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let oid = UInt32(f[1]), let mod = Int32(f[2]) else { continue }
            columns.append(ColumnSchema(name: f[0], typeOID: oid, typeModifier: mod))
            formats.append(f[3])
        }
        return (columns, formats)
    }
}

struct TestProcessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Runs a program to completion, stdout to a temporary file (so large outputs never block a pipe).
enum TestProcess {
    @discardableResult
    static func run(_ executable: String, _ args: [String], environment: [String: String] = [:],
                    stdin: Data? = nil) throws -> Data {
        let tmp = FileManager.default.temporaryDirectory
        let outURL = tmp.appendingPathComponent("sluice-test-out-\(UUID().uuidString)")
        let errURL = tmp.appendingPathComponent("sluice-test-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        var inURL: URL?
        if let stdin {
            let url = tmp.appendingPathComponent("sluice-test-in-\(UUID().uuidString)")
            try stdin.write(to: url)
            process.standardInput = try FileHandle(forReadingFrom: url)
            inURL = url
        }
        defer { if let inURL { try? FileManager.default.removeItem(at: inURL) } }
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let out = try Data(contentsOf: outURL)
        guard process.terminationStatus == 0 else {
            let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
            let shown = args.prefix(2).map { $0.count > 60 ? String($0.prefix(60)) + "..." : $0 }.joined(separator: " ")
            throw TestProcessError(message: "\(executable) \(shown) exited \(process.terminationStatus): \(err.prefix(2000)) \(String(decoding: out.prefix(3000), as: UTF8.self))")
        }
        return out
    }
}
