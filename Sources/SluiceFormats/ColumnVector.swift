/// The values of one column of a `ColumnBatch`, stored contiguously by kind.
///
/// Exactly one storage array is used, chosen by `type`:
/// - `int16Values`: int2. `int32Values`: int4, and date as days since 2000-01-01
///   (`Int32.min`/`Int32.max` are -infinity/infinity).
/// - `int64Values`: int8, oid, and timestamp/timestamptz as microseconds since 2000-01-01 00:00 UTC
///   (`Int64.min`/`Int64.max` are -infinity/infinity).
/// - `floatValues`: float4. `doubleValues`: float8. `boolValues`: bool. `intervalValues`: interval.
/// - `data` + `offsets` (value `i` is `data[offsets[i]..<offsets[i+1]]`): text, json, jsonb (its text, the
///   version byte removed), bytea (raw bytes), uuid (16 raw bytes), numeric (its exact decimal text such as
///   `-12.50`, `NaN`, `Infinity`; see `decimal(at:)`), and arrays (the array's binary COPY payload as
///   received, validated by the decoder; see `array(at:)`). Arrays are kept in wire form so each writer
///   renders them its own way (PostgreSQL literal, JSON array, Parquet list) without a second copy.
///
/// A NULL keeps its slot: fixed-width arrays hold a zero and variable-length values are empty, and
/// `validity[i]` is false. There is no per-value enum or String.
public struct ColumnVector: Sendable {
    public let type: ColumnType
    /// True where the row has a value, false where it is NULL.
    public internal(set) var validity: [Bool] = []
    public internal(set) var int16Values: [Int16] = []
    public internal(set) var int32Values: [Int32] = []
    public internal(set) var int64Values: [Int64] = []
    public internal(set) var floatValues: [Float] = []
    public internal(set) var doubleValues: [Double] = []
    public internal(set) var boolValues: [Bool] = []
    public internal(set) var intervalValues: [IntervalValue] = []
    /// Bytes of all variable-length values of the batch, back to back.
    public internal(set) var data: [UInt8] = []
    /// `count + 1` offsets into `data` for variable-length kinds (empty otherwise).
    public internal(set) var offsets: [Int] = []

    public init(type: ColumnType, capacity: Int = 0) {
        self.type = type
        validity.reserveCapacity(capacity)
        switch type {
        case .int16: int16Values.reserveCapacity(capacity)
        case .int32, .date: int32Values.reserveCapacity(capacity)
        case .int64, .oid, .timestamp, .timestampTZ: int64Values.reserveCapacity(capacity)
        case .float32: floatValues.reserveCapacity(capacity)
        case .float64: doubleValues.reserveCapacity(capacity)
        case .bool: boolValues.reserveCapacity(capacity)
        case .interval: intervalValues.reserveCapacity(capacity)
        default:
            offsets.reserveCapacity(capacity + 1)
            offsets.append(0)
        }
    }

    /// The number of rows held.
    public var count: Int { validity.count }

    /// True when row `row` is NULL.
    @inline(__always)
    public func isNull(_ row: Int) -> Bool { !validity[row] }

    /// The byte range of a variable-length value inside `data`.
    @inline(__always)
    public func range(at row: Int) -> Range<Int> { offsets[row]..<offsets[row + 1] }

    /// A variable-length value as a String (text, json, jsonb, numeric), or nil when NULL.
    /// Convenient for tests and small tools; writers read `data` directly.
    public func string(at row: Int) -> String? {
        guard validity[row], type.isVariableLength else { return nil }
        return String(decoding: data[range(at: row)], as: UTF8.self)
    }

    /// A numeric value as sign, unscaled decimal digits and scale (e.g. `-12.50` -> negative, "1250", 2),
    /// the shape a Parquet DECIMAL needs; nil when NULL, not numeric, or NaN/Infinity.
    public func decimal(at row: Int) -> DecimalParts? {
        guard type == .numeric, validity[row] else { return nil }
        return DecimalParts(text: data[range(at: row)])
    }

    /// An array value's structure (dimensions and the byte ranges of its elements inside `data`),
    /// or nil when NULL or the column is not an array.
    public func array(at row: Int) -> ArrayValue? {
        guard case .array = type, validity[row] else { return nil }
        return data.withUnsafeBytes { raw in
            let r = range(at: row)
            return try? ArrayValue.parse(UnsafeRawBufferPointer(rebasing: raw[r]), baseOffset: r.lowerBound)
        }
    }

    mutating func removeAll() {
        validity.removeAll(keepingCapacity: true)
        int16Values.removeAll(keepingCapacity: true)
        int32Values.removeAll(keepingCapacity: true)
        int64Values.removeAll(keepingCapacity: true)
        floatValues.removeAll(keepingCapacity: true)
        doubleValues.removeAll(keepingCapacity: true)
        boolValues.removeAll(keepingCapacity: true)
        intervalValues.removeAll(keepingCapacity: true)
        data.removeAll(keepingCapacity: true)
        if !offsets.isEmpty {
            offsets.removeAll(keepingCapacity: true)
            offsets.append(0)
        }
    }
}
