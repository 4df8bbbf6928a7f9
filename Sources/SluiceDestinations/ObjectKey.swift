/// Validation and joining of object keys, shared by both destinations.
///
/// A key is relative and `/`-separated: not empty, no leading `/`, no empty, `.` or `..` segment, no NUL.
/// Rejecting these keeps a local destination inside its folder and S3 keys free of surprises.
enum ObjectKey {
    static func validate(_ key: String) throws {
        func fail(_ reason: String) -> DestinationError { .invalidKey(key: key, reason: reason) }
        if key.isEmpty { throw fail("it is empty") }
        if key.hasPrefix("/") { throw fail("it starts with '/'; keys are relative to the destination") }
        if key.utf8.contains(0) { throw fail("it contains a NUL character") }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { throw fail("it has an empty path segment") }
            if segment == "." || segment == ".." { throw fail("it has a '.' or '..' segment") }
        }
    }

    /// `prefix/key`, or `key` when the prefix is empty.
    static func join(_ prefix: String, _ key: String) -> String {
        prefix.isEmpty ? key : prefix + "/" + key
    }
}
