@testable import SluiceAPI
import SluiceCore
import XCTest

/// The contract read from the embedded OpenAPI document, and the schema checks it makes, without a server.
final class APIContractTests: XCTestCase {
    private let contract = APIContract.current

    func testTheEmbeddedDocumentParsesIntoEveryOperation() {
        XCTAssertGreaterThan(contract.operations.count, 25)
        XCTAssertTrue(contract.operations.contains { $0.method == "POST" && $0.segments == ["auth", "token"] && !$0.secured })
        XCTAssertTrue(contract.operations.contains { $0.method == "GET" && $0.segments == ["api", "v2", "dags"] && $0.secured })
    }

    func testALiteralSegmentWinsOverAParameter() {
        guard case .operation(let op, let path) = contract.match(method: "POST", path: "/api/v2/backfills/dry_run") else {
            return XCTFail("POST /backfills/dry_run is an operation")
        }
        XCTAssertEqual(op.segments.last, "dry_run")
        XCTAssertEqual(path, [:])
        guard case .operation(_, let values) = contract.match(method: "GET", path: "/api/v2/backfills/7") else {
            return XCTFail("GET /backfills/7 is an operation")
        }
        XCTAssertEqual(values, ["backfill_id": "7"])
    }

    func testAKnownPathWithAnotherMethodListsTheMethodsItTakes() {
        guard case .methodNotAllowed(let allowed) = contract.match(method: "PUT", path: "/api/v2/dags/a%2Fb") else {
            return XCTFail("PUT on a DAG is not allowed")
        }
        XCTAssertEqual(allowed, ["GET", "PATCH"])
        guard case .methodNotAllowed(let only) = contract.match(method: "GET", path: "/api/v2/backfills/dry_run") else {
            return XCTFail("GET on the dry run is not allowed")
        }
        XCTAssertEqual(only, ["POST"])
    }

    func testAnUnknownPathIsLeftToTheRouter() {
        guard case .none = contract.match(method: "GET", path: "/api/v2/pools") else { return XCTFail("no pools") }
        guard case .none = contract.match(method: "GET", path: "/api/v2/dags//dagRuns") else { return XCTFail("an empty dag_id is no path") }
    }

    func testQueryParametersAreReadAsTheirTypesAndChecked() {
        guard case .operation(let op, let path) = contract.match(method: "GET", path: "/api/v2/dags/d/dagRuns") else { return XCTFail() }
        XCTAssertNil(contract.parameterProblem(op, path: path, query: [("limit", "10"), ("state", "success"), ("state", "failed"),
                                                                        ("order_by", "-run_after"), ("logical_date_gte", "2026-01-01T00:00:00+02:00")]))
        XCTAssertEqual(contract.parameterProblem(op, path: path, query: [("limit", "ten")]), "query parameter limit: 'ten' is not a whole number")
        XCTAssertEqual(contract.parameterProblem(op, path: path, query: [("limit", "-1")]), "query parameter limit: must be at least 0")
        XCTAssertEqual(contract.parameterProblem(op, path: path, query: [("order_by", "password")])?.hasPrefix("query parameter order_by[0]: must be one of"), true)
        XCTAssertEqual(contract.parameterProblem(op, path: path, query: [("run_after_lte", "yesterday")]),
                       "query parameter run_after_lte: must be an ISO 8601 date-time (2026-01-31T00:00:00Z), not \"yesterday\"")
        XCTAssertEqual(contract.parameterProblem(op, path: path, query: [("limit", "1"), ("limit", "2")]), "query parameter limit: give it once")
    }

    func testBodiesAreCheckedFieldByField() throws {
        let validator = contract.validator
        let trigger = JSONValue.object([("$ref", .string("#/components/schemas/TriggerDAGRunPostBody"))])
        XCTAssertNil(validator.problem(.object([("logical_date", .null), ("conf", .object([("a", .int(1))]))]), against: trigger, at: "body"))
        XCTAssertEqual(validator.problem(.object([]), against: trigger, at: "body"), "body.logical_date: required")
        XCTAssertEqual(validator.problem(.object([("logical_date", .int(3))]), against: trigger, at: "body"),
                       "body.logical_date: must be a string, not 3")
        XCTAssertEqual(validator.problem(.object([("logical_date", .null), ("dag_run_id", .string("a/b"))]), against: trigger, at: "body"),
                       "body.dag_run_id: must match ^[^/]+$, not \"a/b\"")
        XCTAssertEqual(validator.problem(.object([("logical_date", .null), ("dag_runid", .string("x"))]), against: trigger, at: "body"),
                       "body.dag_runid: not a field here; did you mean 'dag_run_id'?")
        let clear = JSONValue.object([("$ref", .string("#/components/schemas/ClearTaskInstancesBody"))])
        XCTAssertNil(validator.problem(.object([("task_ids", .array([.string("a"), .array([.string("b"), .int(-1)])]))]), against: clear, at: "body"))
        XCTAssertEqual(validator.problem(.object([("task_ids", .array([.array([.string("b"), .string("x")])]))]), against: clear, at: "body"),
                       "body.task_ids[0]: must be a string, not [\"b\",\"x\"]")
        XCTAssertEqual(validator.problem(.object([("include_past", .bool(true))]), against: clear, at: "body"),
                       "body.include_past: must be false, not true")
    }

    func testNestingBeyondTheLimitIsRefusedNotWalked() {
        var value = JSONValue.int(1)
        for _ in 0..<100 { value = .array([value]) }
        let anything = JSONValue.object([("type", .string("array")), ("items", .object([("$ref", .string("#/components/schemas/Deep"))]))])
        let validator = SchemaValidator(components: ["Deep": anything])
        XCTAssertEqual(validator.problem(value, against: anything, at: "body")?.hasSuffix("nested deeper than 32 levels"), true)
    }
}
