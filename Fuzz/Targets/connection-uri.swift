// libFuzzer target: connection URIs and libpq key=value strings (SluicePostgres ConnectionConfig).
// Parsing only: nothing connects.
import SluicePostgres

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let config = try? ConnectionConfig(parsing: text) {
        // What the error messages and logs print, and what would be handed to libpq.
        _ = config.redacted
        _ = try? ConnectionConfig(parsing: config.redacted)
    }
    return 0
}
