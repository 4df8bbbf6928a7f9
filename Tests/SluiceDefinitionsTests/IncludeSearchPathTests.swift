import Foundation
import SluiceCore
import SluiceDefinitions
import XCTest

/// SQL files and `{% include %}` are found as Airflow's template search path finds them: the DAG file's
/// folder first, then the project root, then the project's `include/`.
final class IncludeSearchPathTests: ProjectTestCase {
    private func renderTask() throws -> String {
        let dags = folder.appendingPathComponent("dags")
        let bag = try DagFolderLoader(folder: dags, projectRoot: folder).load()
        XCTAssertEqual(bag.problems, [])
        let dag = try bag.dag("searched")
        let task = try XCTUnwrap(dag.task("load"))
        let run = TaskRenderer.scheduledRun(of: dag, logicalDate: try XCTUnwrap(DateText.parse("2026-01-02", in: .gmt)))
        return try TaskRenderer(environment: [:]).render(task, of: dag, run: run).sql
    }

    func testTheDagFilesFolderComesBeforeTheProjectAndItsIncludeFolder() throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dags/team"), withIntermediateDirectories: true)
        try write("dags/team/searched.yaml", "dag_id: searched\ndefault_args: {connection: pg}\ntasks:\n  - task_id: load\n    sql: load.sql\n")
        try write("dags/team/load.sql", "SELECT 'beside the DAG' {% include 'part.sql' %}")
        try write("dags/team/part.sql", "-- part beside the DAG")
        try write("include/load.sql", "SELECT 'include' {% include 'part.sql' %}")
        try write("include/part.sql", "-- part in include")
        XCTAssertEqual(try renderTask(), "SELECT 'beside the DAG' -- part beside the DAG")

        // Without the files beside the DAG, the project's include/ folder is next.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("dags/team/load.sql"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("dags/team/part.sql"))
        XCTAssertEqual(try renderTask(), "SELECT 'include' -- part in include")
    }
}
