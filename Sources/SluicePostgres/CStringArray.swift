import Foundation

/// Owns C copies of Swift strings laid out as the `const char *const *` arrays libpq takes
/// (`PQconnectdbParams` keywords and values, `PQsendQueryParams` parameter values). A `nil` element stays a
/// NULL pointer (an SQL NULL parameter). `deinit` frees every copy.
final class CStringArray {
    private var pointers: [UnsafeMutablePointer<CChar>?]

    /// - Parameter nullTerminated: append a final NULL, as `PQconnectdbParams` requires.
    init(_ strings: [String?], nullTerminated: Bool = false) {
        pointers = strings.map { $0.flatMap { strdup($0) } }
        if nullTerminated { pointers.append(nil) }
    }

    convenience init(_ strings: [String], nullTerminated: Bool = false) {
        self.init(strings.map { Optional($0) }, nullTerminated: nullTerminated)
    }

    var count: Int { pointers.count }

    /// Calls `body` with the array as libpq expects it; valid only during the call.
    /// An empty array is passed as NULL, which libpq accepts when the count is zero.
    func withUnsafePointer<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> R) rethrows -> R {
        let constant = pointers.map { $0.map { UnsafePointer($0) } }
        return try constant.withUnsafeBufferPointer { buffer in try body(buffer.baseAddress) }
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
