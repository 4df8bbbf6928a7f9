/// Raw read access to one column of a batch while a writer walks it row by row.
///
/// The pointers are taken from the vector's arrays and stay valid while the writer keeps the batch
/// alive (`withExtendedLifetime`) and does not mutate it, which writers never do.
struct ColumnAccess {
    let type: ColumnType
    let validity: UnsafePointer<Bool>?
    let int16s: UnsafePointer<Int16>?
    let int32s: UnsafePointer<Int32>?
    let int64s: UnsafePointer<Int64>?
    let floats: UnsafePointer<Float>?
    let doubles: UnsafePointer<Double>?
    let bools: UnsafePointer<Bool>?
    let intervals: UnsafePointer<IntervalValue>?
    let data: UnsafePointer<UInt8>?
    let offsets: UnsafePointer<Int>?

    init(_ v: ColumnVector) {
        type = v.type
        validity = v.validity.withUnsafeBufferPointer { $0.baseAddress }
        int16s = v.int16Values.withUnsafeBufferPointer { $0.baseAddress }
        int32s = v.int32Values.withUnsafeBufferPointer { $0.baseAddress }
        int64s = v.int64Values.withUnsafeBufferPointer { $0.baseAddress }
        floats = v.floatValues.withUnsafeBufferPointer { $0.baseAddress }
        doubles = v.doubleValues.withUnsafeBufferPointer { $0.baseAddress }
        bools = v.boolValues.withUnsafeBufferPointer { $0.baseAddress }
        intervals = v.intervalValues.withUnsafeBufferPointer { $0.baseAddress }
        data = v.data.withUnsafeBufferPointer { $0.baseAddress }
        offsets = v.offsets.withUnsafeBufferPointer { $0.baseAddress }
    }

    @inline(__always)
    func isValid(_ row: Int) -> Bool {
        guard let validity else { return false }
        return validity[row]
    }

    /// Start and length of a variable-length value.
    @inline(__always)
    func bytes(_ row: Int) -> (UnsafePointer<UInt8>?, Int) {
        guard let offsets else { return (nil, 0) }
        let start = offsets[row]
        let length = offsets[row + 1] - start
        guard let data, length > 0 else { return (nil, 0) }
        return (data + start, length)
    }
}
