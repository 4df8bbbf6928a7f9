import Foundation
import SluiceCore

/// Run listings by `RunFilter`, built as one parameterised SQL query.
extension SQLMetadataStore {
    /// The SQL condition (` WHERE ...`, or empty) and its values for `filter` (its limit aside).
    static func whereClause(for filter: RunFilter) -> (String, [StoreValue]) {
        var conditions: [String] = []
        var values: [StoreValue] = []
        if let dagId = filter.dagId {
            conditions.append("dag_id = ?")
            values.append(.text(dagId))
        }
        if let runId = filter.runId {
            conditions.append("run_id = ?")
            values.append(.text(runId))
        }
        if !filter.states.isEmpty {
            let states = filter.states.map(\.rawValue).sorted()
            conditions.append("state IN (\(Array(repeating: "?", count: states.count).joined(separator: ", ")))")
            values += states.map { .text($0) }
        }
        if !filter.types.isEmpty {
            let types = filter.types.map(\.rawValue).sorted()
            conditions.append("run_type IN (\(Array(repeating: "?", count: types.count).joined(separator: ", ")))")
            values += types.map { .text($0) }
        }
        if let from = filter.logicalFrom {
            conditions.append("logical_date >= ?")
            values.append(.integer(StoreDate.micros(from)))
        }
        if let through = filter.logicalThrough {
            conditions.append("logical_date <= ?")
            values.append(.integer(StoreDate.micros(through)))
        }
        if let before = filter.logicalBefore {
            conditions.append("logical_date < ?")
            values.append(.integer(StoreDate.micros(before)))
        }
        if let since = filter.endedSince {
            conditions.append("ended_at IS NOT NULL AND ended_at >= ?")
            values.append(.integer(StoreDate.micros(since)))
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), values)
    }

    public func runs(matching filter: RunFilter) async throws -> [DagRun] {
        let built = Self.whereClause(for: filter)
        let whereClause = built.0
        var values = built.1
        values.append(.integer(filter.limit.map { Int64(max(0, $0)) } ?? Int64.max))
        let sql = "SELECT \(Self.runColumns()) FROM dag_run\(whereClause) ORDER BY logical_date DESC, dag_id LIMIT ?"
        let bound = values
        return try await database.perform { db in
            try db.prepare(sql, operation: "preparing a filtered run listing")
                .query(bound, operation: "listing runs", row: Self.decodeRun)
        }
    }

    /// One page of runs for the API: `filter`'s runs whose run_after is within `runAfterFrom...runAfterThrough`,
    /// ordered by `orderBy` (then dag_id, run_id, so pages are stable), `offset` skipped, at most `limit`;
    /// and how many match in all. Sorting and paging happen in SQL.
    public func runsPage(matching filter: RunFilter, runAfterFrom: Date?, runAfterThrough: Date?, orderBy: RunOrder,
                         offset: Int, limit: Int) async throws -> (runs: [DagRun], total: Int) {
        var (whereClause, values) = Self.whereClause(for: filter)
        var extra: [String] = []
        if let runAfterFrom {
            extra.append("run_after >= ?")
            values.append(.integer(StoreDate.micros(runAfterFrom)))
        }
        if let runAfterThrough {
            extra.append("run_after <= ?")
            values.append(.integer(StoreDate.micros(runAfterThrough)))
        }
        if !extra.isEmpty {
            whereClause += (whereClause.isEmpty ? " WHERE " : " AND ") + extra.joined(separator: " AND ")
        }
        let direction = orderBy.descending ? "DESC" : "ASC"
        let sql = """
            SELECT \(Self.runColumns()) FROM dag_run\(whereClause)
            ORDER BY \(orderBy.column.rawValue) \(direction), dag_id \(direction), run_id \(direction) LIMIT ? OFFSET ?
            """
        let countSQL = "SELECT count(*) FROM dag_run\(whereClause)"
        let bound = values
        return try await database.perform { db in
            let runs = try db.prepare(sql, operation: "preparing a page of runs")
                .query(bound + [.integer(Int64(max(0, limit))), .integer(Int64(max(0, offset)))], operation: "listing a page of runs", row: Self.decodeRun)
            let total = try db.prepare(countSQL, operation: "preparing a run count")
                .query(bound, operation: "counting runs") { Int($0.int64(0)) }.first ?? 0
            return (runs, total)
        }
    }
}

/// How the API orders runs: a column and a direction.
public struct RunOrder: Sendable, Equatable {
    /// The columns runs can be ordered by.
    public enum Column: String, Sendable, CaseIterable {
        case logicalDate = "logical_date", runAfter = "run_after", startDate = "started_at", endDate = "ended_at",
             queuedAt = "queued_at", dataIntervalStart = "data_interval_start", dataIntervalEnd = "data_interval_end",
             runId = "run_id", dagId = "dag_id", state, runType = "run_type"
    }

    public var column: Column
    public var descending: Bool

    public init(column: Column, descending: Bool) {
        self.column = column
        self.descending = descending
    }
}
