extension ColumnVector {
    /// Appends a NULL, keeping the slot in whichever storage the kind uses.
    @inline(__always)
    mutating func appendNull() {
        validity.append(false)
        switch type {
        case .int16: int16Values.append(0)
        case .int32, .date: int32Values.append(0)
        case .int64, .oid, .timestamp, .timestampTZ: int64Values.append(0)
        case .float32: floatValues.append(0)
        case .float64: doubleValues.append(0)
        case .bool: boolValues.append(false)
        case .interval: intervalValues.append(IntervalValue(microseconds: 0, days: 0, months: 0))
        default: offsets.append(data.count)
        }
    }

    @inline(__always)
    mutating func appendBytes(_ src: UnsafeRawPointer, _ count: Int) {
        validity.append(true)
        data.append(contentsOf: UnsafeRawBufferPointer(start: src, count: count))
        offsets.append(data.count)
    }
}
