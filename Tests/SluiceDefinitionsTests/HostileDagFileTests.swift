import Foundation
import SluiceCore
@testable import SluiceDefinitions
import XCTest

/// DAG files written to break Sluice get located problems, in bounded time and memory.
final class HostileDagFileTests: ProjectTestCase {
    func testABillionLaughsAliasBombIsRefusedWithinTheNodeBudget() throws {
        var yaml = "dag_id: bomb\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...12 {
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "params: {bomb: *l12}\ntasks:\n  - task_id: t\n"
        // The check counts expanded nodes and stops at the budget: the walk is bounded by the
        // budget, not by the 10^13 nodes the document would expand to.
        let found = try problems(yaml)
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found.first?.message.contains("more than \(DagLimits.yamlExpandedNodes) nodes through aliases") == true, "\(found)")
        XCTAssertEqual(found.first?.line, 6)
        XCTAssertEqual(YAMLShapeCheck.violation(in: yaml)?.line, 6)
    }

    func testAnAliasBombInAForEachFileIsRefused() throws {
        var items = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 { items += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        try write("include/items.yaml", items)
        let found = try problems("dag_id: d\ntasks:\n  - group: g\n    task_id: \"t_{{ item }}\"\n    for_each: include/items.yaml\n")
        XCTAssertTrue(found.contains { $0.file.hasSuffix("items.yaml") && $0.message.contains("through aliases") }, "\(found)")
    }

    func testDeeplyNestedYAMLIsRefusedWithALocatedProblem() throws {
        // 900 levels: under libyaml's own limit of 1000, so Sluice's limit of 64 speaks.
        let deep = String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        let found = try problems("dag_id: d\nparams: {deep: \(deep)}\ntasks:\n  - task_id: t\n")
        XCTAssertEqual(found.first?.line, 2)
        XCTAssertTrue(found.first?.message.contains("nests more than \(DagLimits.yamlDepth) levels") == true, "\(found)")
        // 100,000 levels: libyaml refuses them first; still one located problem, no crash.
        let deeper = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let again = try problems("dag_id: d\nparams: {deep: \(deeper)}\ntasks:\n  - task_id: t\n")
        XCTAssertEqual(again.first?.line, 2)
        XCTAssertTrue(again.first?.message.contains("nesting level") == true, "\(again)")
    }

    func testAFileLargerThanTheLimitIsRefusedBeforeParsing() throws {
        let found = try problems("dag_id: d\n# " + String(repeating: "x", count: DagLimits.fileBytes) + "\ntasks:\n  - task_id: t\n")
        XCTAssertTrue(found.first?.message.contains("larger than 4 MiB") == true, "\(found)")
    }

    func testTenThousandNestedIfBlocksInInlineSQLAreALocatedProblem() throws {
        let sql = String(repeating: "{% if true %}", count: 10_000) + "SELECT 1" + String(repeating: "{% endif %}", count: 10_000)
        let found = try problems("dag_id: d\ndefault_args: {connection: pg}\ntasks:\n  - task_id: t\n    sql: \"\(sql)\"\n")
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.line, 5)
        XCTAssertTrue(found.first?.message.contains("nests more than 64 levels") == true, "\(found)")
    }

    func testAMegabyteDagIdIsNotEchoedWhole() throws {
        let id = String(repeating: "é", count: 1_048_576)
        let found = try problems("dag_id: \(id)\ntasks:\n  - task_id: t\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertLessThan(found[0].description.count, 300, "the message echoes the whole id")
        XCTAssertTrue(found[0].message.contains("…(1048576 characters)"), found[0].message)
        let lookup = DagBag().dagOrError(String(repeating: "z", count: 1_048_576))
        XCTAssertLessThan(lookup.count, 300)
    }

    func testAMegabyteTimeZoneOrKeyGetsNoSuggestionAndIsNotEchoedWhole() throws {
        // Looking for a did-you-mean among 600 zone names took minutes for a megabyte of text.
        let huge = String(repeating: "z", count: 1_048_576)
        let found = try problems("dag_id: d\ntimezone: \(huge)\n? \(huge)\n: 1\ntasks:\n  - task_id: t\n")
        XCTAssertEqual(found.count, 2, "\(found.map(\.description).map { $0.prefix(200) })")
        XCTAssertTrue(found.allSatisfy { $0.description.count < 300 && $0.message.contains("…(1048576 characters)") })
    }

    func testDsAddByABillionDaysFailsTheTaskRenderNotTheProcess() throws {
        try write("dags/x.yaml", "dag_id: d\nschedule: \"@daily\"\nstart_date: 2021-01-01\ndefault_args: {connection: pg}\ntasks:\n  - task_id: t\n    sql: \"SELECT '{{ macros.ds_add(ds, 999999999) }}'\"\n")
        let bag = try DagFolderLoader(folder: folder.appendingPathComponent("dags")).load()
        let dag = try bag.dag("d")
        let renderer = TaskRenderer(environment: [:])
        let run = TaskRenderer.scheduledRun(of: dag, logicalDate: Date(timeIntervalSince1970: 1_610_668_800))
        XCTAssertThrowsError(try renderer.render(dag.tasks[0], of: dag, run: run)) { error in
            XCTAssertTrue("\(error)".contains("x.yaml:7:"), "\(error)")
            XCTAssertTrue("\(error)".contains("date value out of range"), "\(error)")
        }
    }

    func testIncludesOutsideTheProjectAreRefusedEvenWithASharedPrefix() throws {
        let root = folder.appendingPathComponent("proj")
        let sibling = folder.appendingPathComponent("proj-other")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("include"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sibling, withIntermediateDirectories: true)
        try "SELECT 'secret'".write(to: sibling.appendingPathComponent("x.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1".write(to: root.appendingPathComponent("include/ok.sql"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("include/link.sql"), withDestinationURL: sibling.appendingPathComponent("x.sql"))
        let resolver = IncludeResolver(projectRoot: root)
        XCTAssertNotNil(resolver.resolve("include/ok.sql"))
        XCTAssertNotNil(resolver.resolve("ok.sql"))
        XCTAssertNil(resolver.resolve("../proj-other/x.sql"))
        XCTAssertNil(resolver.resolve(sibling.appendingPathComponent("x.sql").path))
        XCTAssertNil(resolver.resolve("include/link.sql"))
        XCTAssertThrowsError(try resolver.source(named: "../proj-other/x.sql"))
        XCTAssertFalse(IncludeResolver.contains(URL(fileURLWithPath: "/proj"), URL(fileURLWithPath: "/proj-other/x.sql")))
        XCTAssertTrue(IncludeResolver.contains(URL(fileURLWithPath: "/proj"), URL(fileURLWithPath: "/proj/include/x.sql")))
    }

    func testEditingAnIncludedFileMarksTheFolderChanged() throws {
        try write("include/q.sql", "SELECT 1 {% include 'part.sql' %}")
        try write("include/part.sql", "-- part")
        try write("dags/x.yaml", "dag_id: d\ndefault_args: {connection: pg}\ntasks:\n  - task_id: t\n    sql: include/q.sql\n")
        let loader = DagFolderLoader(folder: folder.appendingPathComponent("dags"))
        let bag = try loader.load()
        XCTAssertEqual(Set(bag.includeFiles.keys.map(\.lastPathComponent)), ["q.sql", "part.sql"])
        XCTAssertFalse(try loader.hasChanged(since: bag))
        for name in ["q.sql", "part.sql"] {
            let url = folder.appendingPathComponent("include/\(name)")
            let old = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
            try "SELECT 2".write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: old.addingTimeInterval(5)], ofItemAtPath: url.path)
            XCTAssertTrue(try loader.hasChanged(since: bag), name)
        }
        let reloaded = try loader.load()
        XCTAssertEqual(reloaded.dags["d"]?.tasks.first?.sql?.text, "SELECT 2")
    }

    func testAMissingIncludeThatAppearsMarksTheFolderChanged() throws {
        try write("dags/x.yaml", "dag_id: d\ndefault_args: {connection: pg}\ntasks:\n  - task_id: t\n    sql: include/later.sql\n")
        let loader = DagFolderLoader(folder: folder.appendingPathComponent("dags"))
        let bag = try loader.load()
        XCTAssertEqual(bag.problems.count, 1)
        XCTAssertFalse(try loader.hasChanged(since: bag))
        try write("include/later.sql", "SELECT 3")
        XCTAssertTrue(try loader.hasChanged(since: bag))
        XCTAssertEqual(try loader.load().dags["d"]?.tasks.first?.sql?.text, "SELECT 3")
    }
}

private extension DagBag {
    /// The message of looking up a missing DAG.
    func dagOrError(_ id: String) -> String {
        do {
            _ = try dag(id)
            return ""
        } catch {
            return "\(error)"
        }
    }
}

final class LargeDagFileTests: ProjectTestCase {
    func testAGroupOfTenThousandItemsLoadsAndADuplicateIsFound() throws {
        let items = (0..<9_999).map { "\($0)" }.joined(separator: ", ")
        let found = try problems("dag_id: d\ntasks:\n  - group: g\n    task_id: \"t_{{ item }}\"\n    for_each: [\(items), 7]\n")
        XCTAssertEqual(found.map(\.message), ["duplicate task_id 't_7': task ids must be unique within a DAG"])
    }

    func testTooManyTasksOrDependenciesAreAProblemNotGigabytes() throws {
        let many = (0..<10_001).map { "\($0)" }.joined(separator: ", ")
        let tooMany = try problems("dag_id: d\ntasks:\n  - group: g\n    task_id: \"t_{{ item }}\"\n    for_each: [\(many)]\n")
        XCTAssertEqual(tooMany.first?.line, 3)
        XCTAssertTrue(tooMany.first?.message.contains("at most 10000") == true, "\(tooMany)")

        // Two groups of 4,000 where one depends on the other: 16 million edges.
        let items = (0..<4_000).map { "\($0)" }.joined(separator: ", ")
        let edges = try problems("dag_id: d\ntasks:\n  - group: a\n    task_id: \"a_{{ item }}\"\n    for_each: [\(items)]\n"
                                 + "  - group: b\n    task_id: \"b_{{ item }}\"\n    for_each: [\(items)]\n    depends_on: a\n")
        XCTAssertEqual(edges.first?.line, 9)
        XCTAssertTrue(edges.first?.message.contains("more than 1000000 dependencies") == true, "\(edges)")
    }
}
