import Foundation
import XCTest
@testable import SluiceTemplates

final class DirectoryTemplateLoaderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sql"), withIntermediateDirectories: true)
        try Data("WHERE day = '{{ ds }}'\n".utf8).write(to: directory.appendingPathComponent("sql/where.sql"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testIncludeReadsFilesBelowTheDirectoryAndDropsTheirTrailingNewline() throws {
        let output = try render("SELECT 1 {% include 'sql/where.sql' %};", ["ds": "2021-01-15"], loader: DirectoryTemplateLoader(directory: directory))
        XCTAssertEqual(output, "SELECT 1 WHERE day = '2021-01-15';")
    }

    func testNamesThatLeaveTheDirectoryAreRefused() {
        let loader = DirectoryTemplateLoader(directory: directory)
        for name in ["../etc/passwd", "/etc/passwd", "sql/../../x", ""] {
            XCTAssertThrowsError(try loader.source(named: name), name) { error in
                XCTAssertTrue("\(error)".contains("relative path"), "\(error)")
            }
        }
    }

    func testAMissingFileIsReportedWithTheIncludeSite() {
        let error = renderError("\n  {% include 'nope.sql' %}", loader: DirectoryTemplateLoader(directory: directory), name: "main.sql")
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.column, 14)
        XCTAssertEqual(error?.message.contains("no template file 'nope.sql'"), true, "\(String(describing: error))")
    }
}
