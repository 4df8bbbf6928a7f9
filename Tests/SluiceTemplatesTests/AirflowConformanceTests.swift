import Foundation
import XCTest
@testable import SluiceTemplates

/// Renders every case of `shared/conformance/airflow_templates.json` (answers computed by Airflow
/// 3.3.2 itself) and compares with what Airflow rendered, byte for byte.
final class AirflowConformanceTests: XCTestCase {
    private struct Case: Decodable {
        var dag_id: String
        var task_id: String
        var timezone: String
        var params: [String: String]
        var run_type: String
        var run_id: String
        var logical_date: String
        var data_interval_start: String
        var data_interval_end: String
        var run_after: String
        var template: String
        var rendered: String
    }

    /// `SLUICE_SHARED_DIR`, else the first `shared/` folder with conformance cases found going up
    /// from the package root (the package root's parent for the main checkout).
    static func sharedDirectory() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["SLUICE_SHARED_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        while directory.path != "/" {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("conformance").path) { return candidate }
        }
        // A missing corpus is a failure, never a skip: CI always has ../shared beside the clone.
        throw NSError(domain: "AirflowConformance", code: 1, userInfo: [NSLocalizedDescriptionKey:
            "no shared/conformance folder found above the package; set SLUICE_SHARED_DIR"])
    }

    static func instant(_ iso: String) throws -> Date {
        let value = try XCTUnwrap(TemplateDateTime.strptime(iso, format: "%Y-%m-%dT%H:%M:%S%z"), "bad date \(iso)")
        return value.date
    }

    func testEveryAirflowCaseRendersExactlyAsAirflowDid() throws {
        let url = try Self.sharedDirectory().appendingPathComponent("conformance/airflow_templates.json")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
        XCTAssertEqual(cases.count, 373, "the conformance file changed size")
        var failures = 0
        for (index, c) in cases.enumerated() {
            let run = AirflowRunInfo(
                dagId: c.dag_id, taskId: c.task_id, params: c.params.mapValues { .string($0) },
                logicalDate: try Self.instant(c.logical_date), dataIntervalStart: try Self.instant(c.data_interval_start),
                dataIntervalEnd: try Self.instant(c.data_interval_end), runAfter: try Self.instant(c.run_after),
                runId: c.run_id, runType: c.run_type, dagTimeZone: try XCTUnwrap(TimeZone(identifier: c.timezone)), tryNumber: 1)
            let output: String
            do {
                let template = try Template(source: c.template, name: "case\(index).sql")
                output = try template.render(TemplateContext(variables: AirflowContext.variables(for: run)))
            } catch {
                failures += 1
                XCTFail("case \(index): \(c.template) failed: \(error)")
                continue
            }
            if output != c.rendered {
                failures += 1
                XCTFail("case \(index) (\(c.dag_id), \(c.logical_date)): template \(c.template)\n  expected: \(c.rendered)\n  rendered: \(output)")
            }
        }
        XCTAssertEqual(failures, 0)
    }
}
