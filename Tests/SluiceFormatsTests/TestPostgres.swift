import Foundation
import XCTest
import SluiceFormats
import SluiceTestSupport

/// The formats tests' view of the shared throwaway PostgreSQL (`ThrowawayPostgres.shared()`), with the psql
/// helpers these tests use. A server that cannot start fails the test.
final class TestPostgres: Sendable {
    let server: ThrowawayPostgres
    var uri: String { server.uri }

    /// The shared server, or why it could not start.
    static let shared: Result<TestPostgres, TestProcessError> = Result {
        TestPostgres(server: try ThrowawayPostgres.shared())
    }.mapError { $0 as? TestProcessError ?? TestProcessError(message: "\($0)") }

    static func get() throws -> TestPostgres {
        try shared.get()
    }

    private init(server: ThrowawayPostgres) {
        self.server = server
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

/// The shared child-process helpers, under the names these tests use.
typealias TestProcess = SluiceTestSupport.TestProcess
typealias TestProcessError = SluiceTestSupport.TestProcessError
