// libFuzzer target: the decoder of PostgreSQL's binary COPY stream (SluiceFormats BinaryCopyDecoder).
// Input: byte 0 = number of columns (1...8), the next bytes pick each column's type, the next byte
// the chunk size the stream is fed in (to exercise the carry buffer), the rest is the COPY stream.
import SluiceFormats

/// Type OIDs the decoder knows (scalars and arrays), plus one it does not (read as text).
private let oids: [UInt32] = [21, 23, 20, 700, 701, 1700, 16, 25, 1043, 1082, 1114, 1184, 1186, 2950, 114, 3802, 17, 26,
                              1005, 1007, 1016, 1021, 1022, 1231, 1000, 1009, 1182, 1115, 1185, 1187, 2951, 3807, 199,
                              1001, 1028, 869]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let columns = Int(data[0] % 8) + 1
    guard size >= 2 + columns else { return 0 }
    let schema = (0..<columns).map { c in
        ColumnSchema(name: "c\(c)", typeOID: oids[Int(data[1 + c]) % oids.count], typeModifier: c == 0 ? -1 : 0x000C_0006)
    }
    let chunk = Int(data[1 + columns]) + 1
    let stream = UnsafeRawBufferPointer(start: data + 2 + columns, count: size - 2 - columns)
    var decoder = BinaryCopyDecoder(schema: schema, batchSize: 3)
    var rows = 0
    do {
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + chunk)
            try decoder.consume(UnsafeRawBufferPointer(rebasing: stream[offset..<end])) { rows += $0.rowCount }
            offset = end
        }
        try decoder.finish { rows += $0.rowCount }
    } catch {
        _ = "\(error)"
    }
    return 0
}
