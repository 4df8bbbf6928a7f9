import Foundation
import SluiceTestSupport
import XCTest

/// Issue 15, first part: `sluice db check` and `sluice db migrate` on the SQLite store.
final class DbCommandsTests: CLIProjectTestCase {
    func testCheckReportsAMissingStoreThenMigrateCreatesItAndCheckPasses() throws {
        var r = try project.sluice(["db", "check"], pg: pg)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("no store yet"), r.stdout)
        r = try project.sluice(["db", "migrate"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("version 0 -> ") && r.stdout.contains("applied 1 "), r.stdout)
        r = try project.sluice(["db", "check"], pg: pg)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("up to date") && r.stdout.contains("integrity: ok"), r.stdout)
        r = try project.sluice(["db", "migrate"], pg: pg)
        XCTAssertTrue(r.stdout.contains("nothing to apply"), r.stdout)
        r = try project.sluice(["db", "check", "--json"], pg: pg)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["current"] as? Bool, true)
        XCTAssertEqual(object["version"] as? Int, object["supported"] as? Int)
        XCTAssertEqual(object["pending"] as? [String], [])
    }

    func testAStoreFromANewerSluiceIsReportedAndNotTouched() throws {
        XCTAssertEqual(try project.sluice(["db", "migrate"], pg: pg).status, 0)
        let db = project.home.appendingPathComponent("sluice.db").path
        _ = try TestProcess.python("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO schema_migrations VALUES (999, 'future', 0)\"); c.commit()", [db])
        var r = try project.sluice(["db", "check"], pg: pg)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("version 999, newer than this sluice knows"), r.stdout)
        r = try project.sluice(["db", "migrate"], pg: pg)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("newer than this sluice knows"), r.stderr)
    }
}
