import Foundation
import SluiceDefinitions
import XCTest

/// A test case with a throwaway Astro-style project (`dags/`, `include/`) in the temporary folder.
class ProjectTestCase: XCTestCase {
    /// The project root, made afresh for each test.
    private(set) var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-dags-\(UUID().uuidString)")
        for sub in ["dags", "include"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `text` to `path` below the project root.
    func write(_ path: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    /// Writes `yaml` as `dags/x.yaml` and loads it: its problems, empty when it loads.
    func problems(_ yaml: String) throws -> [DagProblem] {
        try write("dags/x.yaml", yaml)
        switch DagFolderLoader(folder: folder.appendingPathComponent("dags")).loadFile(folder.appendingPathComponent("dags/x.yaml")) {
        case .success: return []
        case let .failure(error): return error.problems
        }
    }
}
