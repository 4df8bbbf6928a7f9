import Foundation
import SluiceCore
import SluiceTemplates
import Yams

/// `type: export` tasks: every key checked where it is written.
extension DagFileParser {
    mutating func exportSpec(_ keys: [String: Node], idNode: Node, taskName: String) -> ExportSpec? {
        let before = problems.count
        var source: ExportSpec.Source?
        switch (keys["table"], keys["query"]) {
        case let (table?, nil):
            if let text = string(table, what: "table"), checkTemplate(text, node: table, role: "table") { source = .table(text) }
        case let (nil, query?):
            if let q = sqlSource(query) { source = .query(q) }
        case let (_?, query?):
            problem(query, "export task '\(UserText.quote(taskName))' has both table and query; give one of them")
        case (nil, nil):
            problem(idNode, "export task '\(UserText.quote(taskName))' needs `table:` (a table name) or `query:` (SQL or a file under include/)")
        }

        var timestampColumn: String?
        if let node = keys["timestamp_column"], let text = string(node, what: "timestamp_column"), checkTemplate(text, node: node, role: "timestamp_column") {
            timestampColumn = text
        }
        var mode: ExportSpec.Mode = timestampColumn == nil ? .full : .delta
        if let node = keys["mode"] {
            mode = choice(node, what: "mode", default: mode)
            if mode == .delta, timestampColumn == nil {
                problem(node, "mode delta needs timestamp_column: the column that places a row in the data interval")
            }
        }
        var format = ExportSpec.Format.parquet
        if let node = keys["format"] { format = choice(node, what: "format", default: format) }
        var compression: ExportSpec.Compression = format == .parquet ? .zstd : .none
        if let node = keys["compression"] {
            compression = choice(node, what: "compression", default: compression)
            if format == .parquet, compression == .gzip {
                problem(node, "parquet files are compressed with none, snappy or zstd, not gzip")
            } else if format != .parquet, compression == .snappy {
                problem(node, "\(format.rawValue) files are compressed with none, gzip or zstd, not snappy")
            }
        }
        var destination = ""
        if let node = keys["destination"], let d = string(node, what: "destination") { destination = d } else if keys["destination"] == nil {
            problem(idNode, "export task '\(UserText.quote(taskName))' needs `destination:`, a name whose location is in SLUICE_DEST_<NAME> (file:///... or s3://bucket/prefix)")
        }
        var path = ""
        if let node = keys["path"], let p = string(node, what: "path"), checkTemplate(p, node: node, role: "path") {
            if p.hasPrefix("/") || p.split(separator: "/").contains("..") {
                problem(node, "path '\(UserText.quote(p))' must be relative to the destination, without '..'")
            }
            path = p
        } else if keys["path"] == nil {
            problem(idNode, "export task '\(UserText.quote(taskName))' needs `path:`, the partition folder under the destination (a template)")
        }
        var maxFileSize: Int64?
        if let node = keys["max_file_size"] {
            var bytes: Int64?
            if case let .int(n) = node.jsonValue { bytes = Int64(n) } else if let text = string(node, what: "max_file_size") {
                bytes = ByteSizeText.bytes(from: text)
                if bytes == nil { problem(node, "max_file_size '\(UserText.quote(text))' is not a size: write it like 256MB, 1GB or 64MiB") }
            }
            if let bytes {
                if DagLimits.maxFileSize.contains(bytes) {
                    maxFileSize = bytes
                } else {
                    problem(node, "max_file_size '\(UserText.quote(node.string ?? ""))' is out of range: it must be from 1KB (1000 bytes) to 1TiB")
                }
            }
        }
        var delimiter = ","
        if let node = keys["delimiter"], let d = string(node, what: "delimiter") {
            if format != .csv { problem(node, "delimiter applies to csv exports only") }
            if d.utf8.count != 1 || d == "\"" || d == "\n" || d == "\r" {
                problem(node, "delimiter must be one character other than a quote or a newline, like ',' or '|' or '\\t'")
            } else {
                delimiter = d
            }
        }
        var rowGroupSize: Int?
        if let node = keys["row_group_size"] {
            rowGroupSize = int(node, what: "row_group_size", range: DagLimits.rowGroupSize)
            if format != .parquet { problem(node, "row_group_size applies to parquet exports only") }
        }
        var dictionary = true
        if let node = keys["dictionary"] {
            dictionary = bool(node, what: "dictionary") ?? true
            if format != .parquet { problem(node, "dictionary applies to parquet exports only") }
        }
        var audits: [AuditSpec] = []
        if let node = keys["audits"] { audits = auditList(node) }
        guard problems.count == before, let source else { return nil }
        return ExportSpec(
            source: source, timestampColumn: timestampColumn, mode: mode, format: format, compression: compression,
            destination: destination, path: path, maxFileSize: maxFileSize, audits: audits, delimiter: delimiter,
            rowGroupSize: rowGroupSize, dictionary: dictionary
        )
    }

    /// One of an enum's raw values, with a suggestion when misspelt.
    private mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, what: String, default value: T) -> T where T.RawValue == String {
        guard let text = string(node, what: what) else { return value }
        if let v = T(rawValue: text.lowercased()) { return v }
        let names = T.allCases.map(\.rawValue)
        problem(node, "unknown \(what) '\(UserText.quote(text))': use \(names.joined(separator: ", "))\(DidYouMean.hint(for: text, among: names))")
        return value
    }

    private mutating func auditList(_ node: Node) -> [AuditSpec] {
        guard case let .sequence(items) = node else {
            problem(node, "audits must be a list, like [row_count_matches_source, {not_null: [id]}, {min_rows: 1}]")
            return []
        }
        var result: [AuditSpec] = []
        for item in items {
            var name: String?
            var argument: Node?
            switch item {
            case let .scalar(s): name = s.string
            case let .mapping(m) where m.count == 1:
                name = m.first?.key.string
                argument = m.first?.value
            default:
                problem(item, "an audit is a name or a one-key mapping, like row_count_matches_source or {unique: [id]}")
                continue
            }
            guard let name else { continue }
            switch (name, argument) {
            case ("row_count_matches_source", nil):
                result.append(.rowCountMatchesSource)
            case ("not_null", let arg?), ("unique", let arg?):
                let nodes: [Node]
                if case let .sequence(seq) = arg { nodes = Array(seq) } else { nodes = [arg] }
                let before = problems.count
                var columns: [String] = []
                for node in nodes {
                    guard let text = string(node, what: "a column name") else { continue }
                    // A template stays one entry, rendered per run (and per item by validation); a plain
                    // entry is resolved now: `AuditColumns` for both.
                    if Template.containsTag(text) {
                        if parseTemplate(text, node: node, role: "\(name) columns") != nil { columns.append(text) }
                        continue
                    }
                    do {
                        columns += try AuditColumns.names(in: .string(text))
                    } catch {
                        problem(node, "\(name): \((error as? TemplateError)?.message ?? "\(error)")")
                    }
                }
                if columns.isEmpty, problems.count == before { problem(arg, "\(name) needs at least one column") }
                result.append(name == "not_null" ? .notNull(columns) : .unique(columns))
            case ("min_rows", let arg?):
                if let n = int(arg, what: "min_rows", range: DagLimits.minRows) { result.append(.minRows(n)) }
            case ("sql", let arg?):
                if let text = string(arg, what: "the audit's sql"), checkTemplate(text, node: arg, role: "audit sql") { result.append(.sql(text)) }
            default:
                if DagSchema.auditNames.contains(name) {
                    problem(item, name == "row_count_matches_source" ? "row_count_matches_source takes no argument" : "audit \(name) needs an argument, like {\(name): ...}")
                } else {
                    problem(item, "unknown audit '\(UserText.quote(name))': use \(DagSchema.auditNames.joined(separator: ", "))\(DidYouMean.hint(for: name, among: DagSchema.auditNames))")
                }
            }
        }
        return result
    }
}
