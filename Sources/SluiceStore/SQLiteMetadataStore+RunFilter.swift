import Foundation
import SluiceCore

/// Run listings by `RunFilter`, built as one parameterised SQL query.
extension SQLiteMetadataStore {
    public func runs(matching filter: RunFilter) async throws -> [DagRun] {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
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
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        values.append(.integer(Int64(filter.limit.map { max(0, $0) } ?? -1)))
        let sql = "SELECT \(Self.runColumns()) FROM dag_run\(whereClause) ORDER BY logical_date DESC, dag_id LIMIT ?"
        let bound = values
        return try await database.perform { db in
            try db.prepare(sql, operation: "preparing a filtered run listing")
                .query(bound, operation: "listing runs", row: Self.decodeRun)
        }
    }
}
