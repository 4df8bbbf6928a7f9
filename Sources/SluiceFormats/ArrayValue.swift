/// The structure of one PostgreSQL array in binary form: dimensions, lower bounds and where each element's
/// bytes are. Elements are listed in row-major order, `nil` for a NULL element.
///
/// Binary layout (array_send): int32 ndim, int32 flags (1 = has NULLs), uint32 element OID, then ndim
/// pairs of int32 (size, lower bound), then each element as int32 length (-1 = NULL) and its bytes.
public struct ArrayValue: Sendable, Hashable {
    public let elementOID: UInt32
    public let dimensions: [Int]
    public let lowerBounds: [Int]
    /// Byte ranges of the elements, relative to the buffer the value was parsed from plus `baseOffset`.
    public let elements: [Range<Int>?]

    /// Parses an array payload; throws a one-line reason when the layout is inconsistent.
    static func parse(_ raw: UnsafeRawBufferPointer, baseOffset: Int = 0) throws -> ArrayValue {
        let n = raw.count
        guard n >= 12 else { throw ArrayLayoutError(reason: "array header is \(n) bytes, expected at least 12") }
        let ndim = Int(raw.readInt32(at: 0))
        let flags = raw.readInt32(at: 4)
        let elementOID = raw.readUInt32(at: 8)
        guard ndim >= 0 && ndim <= 6 else { throw ArrayLayoutError(reason: "array has \(ndim) dimensions") }
        guard flags == 0 || flags == 1 else { throw ArrayLayoutError(reason: "array flags are \(flags)") }
        var pos = 12
        guard n >= pos + ndim * 8 else { throw ArrayLayoutError(reason: "array dimensions are truncated") }
        var dims: [Int] = []
        var lbounds: [Int] = []
        dims.reserveCapacity(ndim)
        lbounds.reserveCapacity(ndim)
        var total = ndim == 0 ? 0 : 1
        for _ in 0..<ndim {
            let size = Int(raw.readInt32(at: pos))
            let lb = Int(raw.readInt32(at: pos + 4))
            guard size >= 0 else { throw ArrayLayoutError(reason: "array dimension size \(size)") }
            let (m, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow, m <= n else { throw ArrayLayoutError(reason: "array has more elements than bytes") }
            total = m
            dims.append(size)
            lbounds.append(lb)
            pos += 8
        }
        var elements: [Range<Int>?] = []
        elements.reserveCapacity(total)
        for _ in 0..<total {
            guard pos + 4 <= n else { throw ArrayLayoutError(reason: "array element is truncated") }
            let len = Int(raw.readInt32(at: pos))
            pos += 4
            if len == -1 {
                elements.append(nil)
                continue
            }
            guard len >= 0, pos + len <= n else { throw ArrayLayoutError(reason: "array element length \(len) is invalid") }
            elements.append((baseOffset + pos)..<(baseOffset + pos + len))
            pos += len
        }
        guard pos == n else { throw ArrayLayoutError(reason: "array has \(n - pos) bytes after its last element") }
        return ArrayValue(elementOID: elementOID, dimensions: dims, lowerBounds: lbounds, elements: elements)
    }
}

/// Why an array payload could not be parsed (wrapped into `FormatsError.badValue` by callers).
struct ArrayLayoutError: Error {
    let reason: String
}
