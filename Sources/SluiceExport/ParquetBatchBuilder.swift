import SluiceFormats
import SluiceParquet

/// Copies the rows of a decoded `ColumnBatch` into a `ParquetBatch`, converting values to the types
/// `LakeType` chose: PostgreSQL's 2000-01-01 epoch becomes Parquet's 1970-01-01, numeric text becomes
/// unscaled decimals, arrays become list rows.
///
/// Values Parquet cannot express (docs/type-mapping.md has the whole table):
/// - `infinity`/`-infinity` dates and timestamps become the largest value and its negation (2^31-1 days,
///   2^63-1 microseconds), which DuckDB reads back as `infinity`/`-infinity`;
/// - a timestamp after 294247-01-10 04:00:54.775806 (PostgreSQL goes to year 294276) fails the export
///   with an error naming the column: it would overflow Parquet's microseconds since 1970;
/// - numeric `NaN`/`Infinity` in a DECIMAL column fails the export naming the column and the value
///   (columns and array elements typed STRING keep them as text);
/// - an array whose number of dimensions differs from the column's LIST nesting fails the export.
struct ParquetBatchBuilder {
    static let dateShift = PostgresText.epochDaysSince1970
    static let timestampShift = PostgresText.epochMicrosecondsSince1970

    let types: [ParquetColumnType]
    let schema: [ColumnSchema]

    init(schema: [ColumnSchema]) {
        self.schema = schema
        types = schema.map(LakeType.parquetType)
    }

    func fill(_ target: ParquetBatch, from batch: ColumnBatch) throws {
        target.removeAll()
        for (c, vector) in batch.columns.enumerated() {
            let buffer = target[c]
            buffer.reserveCapacity(rows: batch.rowCount, bytes: vector.data.count)
            try fill(buffer, type: types[c], column: schema[c], from: vector, rows: batch.rowCount)
        }
    }

    private func fill(_ out: ParquetColumnBuffer, type: ParquetColumnType, column: ColumnSchema, from v: ColumnVector, rows: Int) throws {
        let validity = v.validity
        switch v.type {
        case .int16:
            for r in 0..<rows { validity[r] ? out.appendInt32(Int32(v.int16Values[r])) : out.appendNull() }
        case .int32:
            for r in 0..<rows { validity[r] ? out.appendInt32(v.int32Values[r]) : out.appendNull() }
        case .int64, .oid:
            v.int64Values.withUnsafeBufferPointer { values in
                for r in 0..<rows { validity[r] ? out.appendInt64(values[r]) : out.appendNull() }
            }
        case .float32:
            for r in 0..<rows { validity[r] ? out.appendFloat(v.floatValues[r]) : out.appendNull() }
        case .float64:
            for r in 0..<rows { validity[r] ? out.appendDouble(v.doubleValues[r]) : out.appendNull() }
        case .bool:
            for r in 0..<rows { validity[r] ? out.appendBool(v.boolValues[r]) : out.appendNull() }
        case .date:
            for r in 0..<rows {
                if validity[r] { out.appendDate(daysSinceEpoch: try Self.date(v.int32Values[r], column)) } else { out.appendNull() }
            }
        case .timestamp, .timestampTZ:
            try v.int64Values.withUnsafeBufferPointer { values in
                for r in 0..<rows {
                    if validity[r] { out.appendTimestamp(microsecondsSinceEpoch: try Self.timestamp(values[r], column)) } else { out.appendNull() }
                }
            }
        case .interval:
            for r in 0..<rows { validity[r] ? out.appendString(PostgresText.interval(v.intervalValues[r])) : out.appendNull() }
        case .uuid:
            v.data.withUnsafeBytes { data in
                for r in 0..<rows {
                    if validity[r] { out.appendUUID(bytes: UnsafeRawBufferPointer(rebasing: data[v.range(at: r)])) } else { out.appendNull() }
                }
            }
        case .numeric:
            if case let .decimal(precision, scale) = type {
                for r in 0..<rows {
                    guard validity[r] else { out.appendNull(); continue }
                    guard let parts = v.decimal(at: r) else {
                        throw Self.unrepresentable(column, "\(v.string(at: r) ?? "a special value")", "a Parquet DECIMAL",
                                                   hint: "NULLIF(\(Self.shown(column.name)), 'NaN') or \(Self.shown(column.name))::text")
                    }
                    try Self.appendDecimal(parts, precision: precision, scale: scale, to: out)
                }
            } else {
                appendBytes(v, rows: rows, to: out)
            }
        case .text, .json, .jsonb, .bytea, .inet:
            appendBytes(v, rows: rows, to: out)
        case .array(let element):
            try v.data.withUnsafeBytes { data in
                for r in 0..<rows {
                    guard let array = v.array(at: r) else { out.appendNullList(); continue }
                    if !array.dimensions.isEmpty && array.dimensions.count != column.arrayDimensions {
                        throw Self.dimensionError(column, found: array.dimensions.count)
                    }
                    for range in array.elements {
                        guard let range else { out.appendNull(); continue }
                        try Self.appendElement(UnsafeRawBufferPointer(rebasing: data[range]), element: element, column: column, to: out)
                    }
                    out.endList(dimensions: array.dimensions)
                }
            }
        }
    }

    /// A value whose number of dimensions differs from its Parquet column's nesting: never flattened.
    static func dimensionError(_ column: ColumnSchema, found: Int) -> ExportError {
        let name = shown(column.name)
        let expected = column.arrayDimensions
        return .write("column '\(name)' holds a \(found)-dimensional array, but its Parquet column nests "
            + "\(expected == 1 ? "one list" : "\(expected) lists") (set by the first array value of the export's first "
            + "batch of rows); Sluice never flattens arrays: give every row the same number of dimensions, or select "
            + "the column as JSON (array_to_json(\(name))) or text (\(name)::text), or export it as csv or jsonl")
    }

    private func appendBytes(_ v: ColumnVector, rows: Int, to out: ParquetColumnBuffer) {
        let validity = v.validity
        v.data.withUnsafeBytes { data in
            v.offsets.withUnsafeBufferPointer { offsets in
                for r in 0..<rows {
                    if validity[r] {
                        out.appendBytes(UnsafeRawBufferPointer(rebasing: data[offsets[r]..<offsets[r + 1]]))
                    } else {
                        out.appendNull()
                    }
                }
            }
        }
    }

    /// Days since 1970 from PostgreSQL's days since 2000; ±infinity as ±(2^31-1), DuckDB's infinities.
    @inline(__always)
    static func date(_ days: Int32, _ column: ColumnSchema) throws -> Int32 {
        if days == .max { return .max }
        if days == .min { return -.max }
        let (shifted, overflow) = days.addingReportingOverflow(dateShift)
        guard !overflow, shifted != .max, shifted != -.max else {
            throw unrepresentable(column, "a date out of range", "a Parquet DATE", hint: "\(shown(column.name))::text")
        }
        return shifted
    }

    /// Microseconds since 1970 from PostgreSQL's since 2000; ±infinity as ±(2^63-1), DuckDB's infinities.
    @inline(__always)
    static func timestamp(_ micros: Int64, _ column: ColumnSchema) throws -> Int64 {
        if micros == .max { return .max }
        if micros == .min { return -.max }
        let (shifted, overflow) = micros.addingReportingOverflow(timestampShift)
        guard !overflow, shifted != .max, shifted != -.max else {
            throw unrepresentable(column, "a timestamp after 294247-01-10 04:00:54.775806",
                                  "a Parquet TIMESTAMP (microseconds since 1970 in 64 bits)", hint: "\(shown(column.name))::text")
        }
        return shifted
    }

    /// A column name as messages show it: at most 64 characters.
    static func shown(_ name: String) -> String {
        name.count > 64 ? String(name.prefix(64)) + "…" : name
    }

    /// A value the column's Parquet type cannot hold: the export fails rather than change it.
    static func unrepresentable(_ column: ColumnSchema, _ what: String, _ type: String, hint: String) -> ExportError {
        .write("column '\(shown(column.name))' holds \(what), which \(type) cannot represent; Sluice does not change "
            + "values silently: convert it in the query (for example \(hint)) or export as csv or jsonl")
    }

    /// Rescales `parts` to the column's scale (PostgreSQL already rounds to the declared scale, so this only
    /// pads) and appends it.
    static func appendDecimal(_ parts: DecimalParts, precision: Int, scale: Int, to out: ParquetColumnBuffer) throws {
        var digits = parts.unscaledDigits
        if parts.scale < scale {
            digits += [UInt8](repeating: 48, count: scale - parts.scale)
        } else if parts.scale > scale {
            // More fraction digits than declared cannot come from a numeric(p,s) column; keep the value exact.
            throw ExportError.write("a numeric value has more than \(scale) fraction digits")
        }
        if precision <= 18, digits.count <= 18 {
            var value: Int64 = 0
            for d in digits { value = value * 10 + Int64(d - 48) }
            out.appendDecimal(unscaled: parts.isNegative ? -value : value)
        } else {
            try out.appendDecimal(unscaledDigits: (parts.isNegative ? "-" : "") + String(decoding: digits, as: UTF8.self))
        }
    }

    /// One array element from its binary send form.
    static func appendElement(_ b: UnsafeRawBufferPointer, element: ColumnType, column: ColumnSchema, to out: ParquetColumnBuffer) throws {
        func be<T: FixedWidthInteger>(_: T.Type) -> T {
            var value: T = 0
            for byte in b.prefix(MemoryLayout<T>.size) { value = value << 8 | T(truncatingIfNeeded: byte) }
            return value
        }
        switch element {
        case .int16: out.appendInt32(Int32(be(Int16.self)))
        case .int32: out.appendInt32(be(Int32.self))
        case .int64, .oid: out.appendInt64(be(Int64.self))
        case .float32: out.appendFloat(Float(bitPattern: be(UInt32.self)))
        case .float64: out.appendDouble(Double(bitPattern: be(UInt64.self)))
        case .bool: out.appendBool(b.first == 1)
        case .date: out.appendDate(daysSinceEpoch: try date(be(Int32.self), column))
        case .timestamp, .timestampTZ: out.appendTimestamp(microsecondsSinceEpoch: try timestamp(be(Int64.self), column))
        case .uuid: out.appendUUID(bytes: b)
        case .jsonb: out.appendBytes(UnsafeRawBufferPointer(rebasing: b.dropFirst()))
        case .text, .json, .bytea, .array: out.appendBytes(b)
        case .inet, .numeric, .interval:
            // Stored as PostgreSQL's text (the decoder validated the element's bytes).
            var text: [UInt8] = []
            PostgresText.appendText(b, of: element, to: &text)
            out.appendBytes(text)
        }
    }
}
