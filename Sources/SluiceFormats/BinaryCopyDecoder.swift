/// Turns the byte stream of `COPY ... TO STDOUT (FORMAT binary)` into `ColumnBatch`es.
///
/// The stream is: an 11-byte signature `PGCOPY\n\377\r\n\0`, int32 flags (bit 16 = OIDs included; bits
/// 17-31 critical), int32 header-extension length and that many bytes; then one tuple per row (int16
/// field count, then per field an int32 length, -1 for NULL, and the value in the type's binary send
/// format); then the trailer, an int16 -1. All integers are big-endian.
///
/// Bytes may arrive in any chunking (libpq usually hands one row per CopyData message, but the header and
/// any row may be split anywhere): complete items are decoded in place from the caller's buffer, and only
/// an incomplete tail is copied into a small carry buffer, completed byte-exactly from the next chunk.
/// Every value is validated here, so writers never see malformed data.
public struct BinaryCopyDecoder {
    enum State { case header, rows, done }
    enum ItemSize { case complete(Int), need(Int) }
    /// `PGCOPY\n\377\r\n\0`.
    static let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]

    public let schema: [ColumnSchema]
    public let batchSize: Int
    /// Rows decoded so far (including those still in the unemitted batch).
    public internal(set) var rowsDecoded = 0
    /// Bytes consumed so far.
    public internal(set) var bytesConsumed = 0

    var state = State.header
    var carry: [UInt8] = []
    var batch: ColumnBatch
    var hasOIDs = false

    public init(schema: [ColumnSchema], batchSize: Int = 8192) {
        self.schema = schema
        self.batchSize = max(1, batchSize)
        self.batch = ColumnBatch(schema: schema, capacity: self.batchSize)
    }

    /// Decodes `bytes`, calling `emit` with each batch that fills up (`batchSize` rows).
    /// The batch passed to `emit` is only valid as a value; keep a copy if you need it later.
    public mutating func consume(_ bytes: UnsafeRawBufferPointer, emit: (ColumnBatch) throws -> Void) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        bytesConsumed += bytes.count
        var input = UnsafeRawBufferPointer(start: base, count: bytes.count)
        while input.count > 0 {
            if state == .done { throw FormatsError.dataAfterTrailer(input.count) }
            if carry.isEmpty {
                let used = try decodeAvailable(input, emit: emit)
                input = UnsafeRawBufferPointer(rebasing: input[used...])
                if input.count > 0 && state != .done {
                    carry.append(contentsOf: input)
                    input = UnsafeRawBufferPointer(start: base, count: 0)
                }
            } else {
                // Complete the pending item byte-exactly, so no later row is ever copied.
                let size = try carry.withUnsafeBytes { try itemSize($0) }
                switch size {
                case .need(let total):
                    let take = min(total - carry.count, input.count)
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[..<take]))
                    input = UnsafeRawBufferPointer(rebasing: input[take...])
                case .complete:
                    try decodeCarry(emit: emit)
                }
            }
        }
        // A carry that just became complete is decoded now rather than on the next call.
        if !carry.isEmpty, case .complete = try carry.withUnsafeBytes({ try itemSize($0) }) {
            try decodeCarry(emit: emit)
        }
    }

    /// Decodes the completed item in the carry buffer and empties it, keeping its storage for reuse.
    private mutating func decodeCarry(emit: (ColumnBatch) throws -> Void) throws {
        var item: [UInt8] = []
        swap(&item, &carry)
        defer {
            item.removeAll(keepingCapacity: true)
            swap(&item, &carry)
        }
        try item.withUnsafeBytes { try decodeItem($0, emit: emit) }
    }

    /// Ends the stream: checks that the trailer was seen and emits the last, partial batch.
    public mutating func finish(emit: (ColumnBatch) throws -> Void) throws {
        switch state {
        case .header:
            throw FormatsError.truncated(carry.isEmpty ? "no data at all" : "header is incomplete (\(carry.count) bytes)")
        case .rows:
            if !carry.isEmpty {
                throw FormatsError.truncated("row \(rowsDecoded + 1) is incomplete (\(carry.count) bytes received)")
            }
            throw FormatsError.truncated("stream ended after \(rowsDecoded) rows without the end-of-data trailer")
        case .done:
            if batch.rowCount > 0 {
                try emit(batch)
                batch.removeAll()
            }
        }
    }

    // MARK: framing

    /// Decodes every complete item at the start of `input`; returns the bytes used.
    mutating func decodeAvailable(_ input: UnsafeRawBufferPointer, emit: (ColumnBatch) throws -> Void) throws -> Int {
        var pos = 0
        while pos < input.count && state != .done {
            let rest = UnsafeRawBufferPointer(rebasing: input[pos...])
            guard case .complete(let n) = try itemSize(rest) else { break }
            try decodeItem(UnsafeRawBufferPointer(rebasing: rest[..<n]), emit: emit)
            pos += n
        }
        if state == .done && pos < input.count { throw FormatsError.dataAfterTrailer(input.count - pos) }
        return pos
    }

    /// How long the next item (header, row or trailer) is, or how many bytes are needed to know more.
    func itemSize(_ buf: UnsafeRawBufferPointer) throws -> ItemSize {
        let n = buf.count
        switch state {
        case .header:
            // Reject a wrong signature as soon as its first bytes are seen, even in a short stream.
            for i in 0..<min(n, 11) where buf[i] != BinaryCopyDecoder.signature[i] { throw FormatsError.badSignature }
            guard n >= 19 else { return .need(19) }
            let ext = Int(buf.readUInt32(at: 15))
            return n >= 19 + ext ? .complete(19 + ext) : .need(19 + ext)
        case .rows, .done:
            guard n >= 2 else { return .need(2) }
            let fields = Int(buf.readInt16(at: 0))
            if fields == -1 { return .complete(2) }
            var pos = 2
            if hasOIDs {
                guard n >= pos + 4 else { return .need(pos + 4) }
                let len = Int(buf.readInt32(at: pos))
                pos += 4 + max(0, len)
            }
            for _ in 0..<max(0, fields) {
                guard n >= pos + 4 else { return .need(pos + 4) }
                let len = Int(buf.readInt32(at: pos))
                if len < -1 {
                    throw FormatsError.badFieldLength(column: "#?", type: "?", length: len, row: rowsDecoded + 1)
                }
                pos += 4 + max(0, len)
            }
            return n >= pos ? .complete(pos) : .need(pos)
        }
    }

    mutating func decodeItem(_ item: UnsafeRawBufferPointer, emit: (ColumnBatch) throws -> Void) throws {
        switch state {
        case .header:
            let flags = item.readUInt32(at: 11)
            if flags & 0xFFFE_0000 != 0 { throw FormatsError.unsupportedHeaderFlags(flags) }
            hasOIDs = flags & 0x0001_0000 != 0
            state = .rows
        case .rows:
            let fields = Int(item.readInt16(at: 0))
            if fields == -1 {
                state = .done
                return
            }
            try decodeRow(item, fields: fields)
            if batch.rowCount >= batchSize {
                try emit(batch)
                batch.removeAll()
            }
        case .done:
            throw FormatsError.dataAfterTrailer(item.count)
        }
    }
}
