import CLibPQ

/// Owns one `PGresult`; `deinit` calls `PQclear`. libpq: "every command result should be freed via PQclear
/// when it is no longer needed, to avoid memory leaks". Used only on the connection's queue.
final class LibPQResult {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { PQclear(pointer) }

    var status: ExecStatusType { PQresultStatus(pointer) }

    /// One diagnostic field (`PG_DIAG_*` letter), `nil` when absent or empty.
    func field(_ code: Character) -> String? {
        guard let ascii = code.asciiValue, let value = PQresultErrorField(pointer, Int32(ascii)) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The server error this result carries, or `nil` when it has no SQLSTATE (a client-side failure such as
    /// a lost connection).
    var serverError: ServerError? {
        guard let sqlstate = field("C") else { return nil }
        return ServerError(
            sqlstate: sqlstate,
            severity: field("V") ?? field("S") ?? "ERROR",
            message: field("M") ?? "no message",
            detail: field("D"),
            hint: field("H"),
            position: field("P").flatMap { Int($0) }
        )
    }

    /// The result's error message as libpq formats it.
    var errorMessage: String {
        guard let message = PQresultErrorMessage(pointer) else { return "" }
        return String(cString: message)
    }

    /// The column descriptions (for a query result or a described statement).
    var columns: [ColumnDescription] {
        (0..<PQnfields(pointer)).map { index in
            ColumnDescription(
                name: PQfname(pointer, index).map { String(cString: $0) } ?? "",
                typeOID: UInt32(PQftype(pointer, index)),
                typeModifier: PQfmod(pointer, index)
            )
        }
    }

    /// Every row as text values (`nil` for SQL NULL), assuming UTF-8 (the client encoding we set).
    var rows: [[String?]] {
        let rowCount = PQntuples(pointer)
        let columnCount = PQnfields(pointer)
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(pointer, row, column) == 1 {
                    values.append(nil)
                } else if let value = PQgetvalue(pointer, row, column) {
                    let length = Int(PQgetlength(pointer, row, column))
                    let bytes = UnsafeRawBufferPointer(start: value, count: length)
                    values.append(String(decoding: bytes, as: UTF8.self))
                } else {
                    values.append("")
                }
            }
            rows.append(values)
        }
        return rows
    }

    /// The command tag, e.g. `INSERT 0 5`, `SELECT 3`, `COPY 1234`.
    var commandTag: String {
        PQcmdStatus(pointer).map { String(cString: $0) } ?? ""
    }

    /// The row count of the command tag (`PQcmdTuples`), `nil` when the command has none.
    var affectedRows: Int? {
        guard let text = PQcmdTuples(pointer) else { return nil }
        return Int(String(cString: text))
    }

    var queryResult: QueryResult {
        QueryResult(columns: columns, rows: rows, commandTag: commandTag, affectedRows: affectedRows)
    }
}
