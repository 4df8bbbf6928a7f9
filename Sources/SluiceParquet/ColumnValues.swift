/// The typed storage behind a `ParquetColumnBuffer`: one vector per physical representation
/// (only the one matching the column's type is used), validity bytes and list boundaries.
///
/// A struct of `PodVector`s so an append is plain memory writes; the owning buffer frees the
/// memory in its `deinit`.
struct ColumnValues {
    var bools = PodVector<UInt8>()
    var int32s = PodVector<Int32>()
    var int64s = PodVector<Int64>()
    var floats = PodVector<Float>()
    var doubles = PodVector<Double>()
    /// Byte array and fixed-length values, back to back.
    var data = PodVector<UInt8>(capacity: 4096)
    /// For byte arrays: `offsets[i] ..< offsets[i + 1]` are the bytes of value `i`.
    var offsets: PodVector<Int>
    /// Per value slot: 1 present, 0 null. Only kept when values may be null.
    var validity = PodVector<UInt8>()
    /// For lists: per row, the end (exclusive) of its elements in the value slots.
    var listEnds = PodVector<Int>()
    /// For nullable lists: per row, 1 present, 0 null.
    var listValidity = PodVector<UInt8>()
    /// For nested lists: per row, its dimensions (outermost first), as many as the column nests lists.
    var listDimensions = PodVector<Int>()
    /// Number of value slots (rows for a flat column, elements for a list).
    var valueCount = 0
    /// Bytes the values take before encoding, an estimate used to size row groups.
    var rawByteCount = 0

    init() {
        offsets = PodVector<Int>()
        offsets.append(0)
    }

    func deallocate() {
        bools.deallocate()
        int32s.deallocate()
        int64s.deallocate()
        floats.deallocate()
        doubles.deallocate()
        data.deallocate()
        offsets.deallocate()
        validity.deallocate()
        listEnds.deallocate()
        listValidity.deallocate()
        listDimensions.deallocate()
    }

    mutating func removeAll() {
        bools.removeAll()
        int32s.removeAll()
        int64s.removeAll()
        floats.removeAll()
        doubles.removeAll()
        data.removeAll()
        offsets.removeAll()
        offsets.append(0)
        validity.removeAll()
        listEnds.removeAll()
        listValidity.removeAll()
        listDimensions.removeAll()
        valueCount = 0
        rawByteCount = 0
    }

    @inline(__always)
    mutating func appendBytes(_ bytes: UnsafeRawBufferPointer, nullable: Bool) {
        if let address = bytes.baseAddress { data.append(raw: address, count: bytes.count) }
        offsets.append(data.count)
        present(nullable: nullable, bytes: bytes.count + 4)
    }

    @inline(__always)
    mutating func present(nullable: Bool, bytes: Int) {
        if nullable { validity.append(1) }
        valueCount += 1
        rawByteCount += bytes
    }
}
