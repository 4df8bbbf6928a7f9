import Foundation
import SluiceCore
import SluiceTemplates

/// The SQL an export sends, built from its rendered settings: the SELECT, the COPY around it, and the
/// audit queries over it.
///
/// Every name goes through `SQLIdentifier`; the only values are the data interval's bounds, which Sluice
/// formats itself as `'...'::timestamptz` literals because `COPY (query)` takes no parameters.
public struct ExportQuery: Sendable, Equatable {
    /// Where the rows come from, rendered.
    public enum Source: Sendable, Equatable {
        /// A table name, possibly schema-qualified.
        case table(String)
        /// A query's text.
        case query(String)
    }

    /// The SELECT whose rows are exported.
    public let select: String

    /// Builds the SELECT. `delta` needs a timestamp column and filters `start <= ts < end`; a query source
    /// is wrapped as `SELECT * FROM (query) AS q` and filtered the same way in delta mode; `full` exports everything.
    public init(source: Source, timestampColumn: String?, mode: ExportSpec.Mode, interval: (start: Date, end: Date)) throws {
        var sql: String
        switch source {
        case let .table(name):
            sql = "SELECT * FROM " + (try SQLIdentifier.quoteQualified(name.trimmingCharacters(in: .whitespacesAndNewlines)))
        case let .query(text):
            var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
            while body.hasSuffix(";") { body = String(body.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
            guard !body.isEmpty else { throw ExportError.invalidSetting(key: "query", reason: "it renders to nothing") }
            // A line comment at the end of the query must not swallow the closing parenthesis.
            sql = "SELECT * FROM (\n" + body + "\n) AS q"
        }
        let column = timestampColumn?.trimmingCharacters(in: .whitespacesAndNewlines)
        if mode == .delta {
            guard let column, !column.isEmpty else {
                throw ExportError.invalidSetting(key: "timestamp_column", reason: "a delta export needs the column that places rows in the data interval")
            }
        }
        if mode == .delta, let column {
            let ts = try SQLIdentifier.quote(column)
            sql += " WHERE \(ts) >= \(Self.timestampLiteral(interval.start)) AND \(ts) < \(Self.timestampLiteral(interval.end))"
        }
        select = sql
    }

    /// `'2026-01-01T00:00:00+00:00'::timestamptz`.
    static func timestampLiteral(_ date: Date) -> String {
        "'" + DateText.iso(date) + "'::timestamptz"
    }

    /// `COPY (select) TO STDOUT (FORMAT binary)`.
    public var copySQL: String { "COPY (\(select)) TO STDOUT (FORMAT binary)" }

    /// `count(*)` of the exported rows.
    public var countSQL: String { "SELECT count(*) FROM (\(select)) AS sluice_export" }

    /// The number of rows whose key (these columns together, NULLs equal) appears more than once, minus one
    /// per key: 0 when the columns are unique.
    public func duplicateCountSQL(columns: [String]) throws -> String {
        guard !columns.isEmpty else { throw ExportError.invalidSetting(key: "audits.unique", reason: "it lists no columns") }
        let key = try columns.map(SQLIdentifier.quote).joined(separator: ", ")
        return "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM (\(select)) AS sluice_export GROUP BY \(key) HAVING count(*) > 1) AS sluice_duplicates"
    }

    /// A server-side cursor over the SELECT, for servers without `COPY ... TO STDOUT`.
    public func declareCursorSQL(name: String) throws -> String {
        "DECLARE \(try SQLIdentifier.quote(name)) NO SCROLL CURSOR FOR \(select)"
    }
}

extension ExportQuery {
    private init(select: String) { self.select = select }

    /// The same rows with the flagged columns cast to text: `SELECT q."a", q."b"::text FROM (...) AS q`.
    func castingToText(columns: [String], where flags: [Bool]) throws -> ExportQuery {
        let list = try zip(columns, flags).map { name, cast in
            "q." + (try SQLIdentifier.quote(name)) + (cast ? "::text AS " + (try SQLIdentifier.quote(name)) : "")
        }
        return ExportQuery(select: "SELECT \(list.joined(separator: ", ")) FROM (\(select)) AS q")
    }
}
