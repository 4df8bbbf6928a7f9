/// The logical type of a Parquet column as Sluice writes it.
///
/// Each case maps to one physical Parquet type plus the logical (and legacy converted) type
/// annotation, so readers recover the meaning of the bytes:
///
/// | case | physical | annotation |
/// |------|----------|------------|
/// | `boolean` | BOOLEAN | — |
/// | `int16` | INT32 | INTEGER(16, signed) / INT_16 |
/// | `int32` | INT32 | — |
/// | `int64` | INT64 | — |
/// | `float`, `double` | FLOAT, DOUBLE | — |
/// | `string` | BYTE_ARRAY | STRING / UTF8 |
/// | `json` | BYTE_ARRAY | JSON / JSON |
/// | `binary` | BYTE_ARRAY | — |
/// | `date` | INT32 (days since 1970-01-01) | DATE / DATE |
/// | `timestamp` | INT64 (microseconds since 1970-01-01) | TIMESTAMP(MICROS) (/ TIMESTAMP_MICROS when UTC) |
/// | `decimal` | INT32 (p ≤ 9), INT64 (p ≤ 18), FIXED_LEN_BYTE_ARRAY otherwise | DECIMAL / DECIMAL |
/// | `uuid` | FIXED_LEN_BYTE_ARRAY(16) | UUID |
/// | `list` | 3-level LIST group around an optional element | LIST / LIST |
///
/// A list's element may itself be a list (`.list(.list(.int32))`), up to six levels: each level is
/// an optional LIST group whose repeated `list` group holds the next level, so readers see nested
/// lists. Nested rows are rectangular (see `ParquetColumnBuffer.endList(dimensions:)`).
public indirect enum ParquetColumnType: Hashable, Sendable {
    case boolean
    case int16
    case int32
    case int64
    case float
    case double
    case string
    case json
    case binary
    case date
    case timestamp(isAdjustedToUTC: Bool)
    case decimal(precision: Int, scale: Int)
    case uuid
    case list(ParquetColumnType)

    /// How many lists are nested in this type (0 for a primitive type).
    public var listDepth: Int {
        if case .list(let element) = self { return 1 + element.listDepth }
        return 0
    }

    /// The primitive type inside all the lists.
    public var innermostElement: ParquetColumnType {
        if case .list(let element) = self { return element.innermostElement }
        return self
    }
}
