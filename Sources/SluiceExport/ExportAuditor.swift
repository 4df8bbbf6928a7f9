import Foundation
import SluiceCore
import SluiceFormats
import SluicePostgres

/// Evaluates an export's audits after its rows are staged, in the export's snapshot.
///
/// `row_count_matches_source` and `unique` query the database in the same REPEATABLE READ transaction as
/// the COPY, so a live table cannot make them disagree with the files. `not_null` and `min_rows` are
/// counted from the rows written. A `sql` audit must return one value that is true. When a query fails
/// the transaction cannot run more queries, so later query audits are reported as not run.
struct ExportAuditor {
    let plan: ExportPlan
    let query: ExportQuery
    let conn: PostgresConnection
    let timeout: TimeInterval?

    func run(schema: [ColumnSchema], rows: Int64, nullCounts: [Int64]) async throws -> [AuditResult] {
        var results: [AuditResult] = []
        var broken: String?
        func scalar(_ sql: String) async throws -> String? {
            try await conn.execute(sql, timeout: timeout).scalar
        }
        for audit in plan.audits {
            let name = audit.name
            switch audit {
            case .minRows(let n):
                results.append(AuditResult(name: name, passed: rows >= Int64(n), detail: "\(rows) rows written, at least \(n) required"))
            case .notNull(let columns):
                var problems: [String] = []
                for column in columns {
                    guard let index = schema.firstIndex(where: { $0.name == column }) else {
                        problems.append("no column named '\(column)'")
                        continue
                    }
                    if nullCounts[index] > 0 { problems.append("\(nullCounts[index]) NULLs in \(column)") }
                }
                results.append(AuditResult(name: name, passed: problems.isEmpty, detail: problems.isEmpty ? "no NULLs" : problems.joined(separator: "; ")))
            case .rowCountMatchesSource, .unique, .sql:
                if let broken {
                    results.append(AuditResult(name: name, passed: false, detail: "not run: \(broken)"))
                    continue
                }
                do {
                    results.append(try await queryAudit(audit, rows: rows, schema: schema, scalar: scalar))
                } catch let error as PostgresError {
                    results.append(AuditResult(name: name, passed: false, detail: "the audit query failed: \(plan.masker.mask(error.description))"))
                    broken = "an earlier audit query failed"
                }
            }
        }
        return results
    }

    private func queryAudit(_ audit: AuditSpec, rows: Int64, schema: [ColumnSchema],
                            scalar: (String) async throws -> String?) async throws -> AuditResult {
        let name = audit.name
        switch audit {
        case .rowCountMatchesSource:
            let text = try await scalar(query.countSQL)
            let source = text.flatMap { Int64($0) }
            return AuditResult(name: name, passed: source == rows, detail: "source has \(text ?? "no") rows, \(rows) written")
        case .unique(let columns):
            let missing = columns.filter { c in !schema.contains { $0.name == c } }
            if !missing.isEmpty {
                return AuditResult(name: name, passed: false, detail: "no column named " + missing.map { "'\($0)'" }.joined(separator: ", "))
            }
            let text = try await scalar(try query.duplicateCountSQL(columns: columns))
            return AuditResult(name: name, passed: text == "0", detail: "\(text ?? "?") duplicate rows")
        case .sql(let sql):
            let result = try await conn.execute(sql, timeout: timeout)
            let value = result.scalar?.lowercased()
            let passed = result.rows.count == 1 && result.columns.count == 1 && (value == "t" || value == "true")
            let shown = result.rows.count == 1 && result.columns.count == 1 ? (result.scalar ?? "NULL") : "\(result.rows.count) rows of \(result.columns.count) columns"
            return AuditResult(name: name, passed: passed, detail: "returned \(shown), true required")
        case .minRows, .notNull:
            return AuditResult(name: name, passed: false, detail: "not a query audit")
        }
    }
}
