import Foundation

/// A parsed destination URL: `file:///absolute/path` or `s3://bucket/base/prefix`.
///
/// Exists so the one place that reads `SLUICE_DEST_<ID>` values rejects malformed URLs with a reason,
/// and so the base prefix is normalised once (no leading or trailing `/`).
public enum DestinationURL: Equatable, Sendable, CustomStringConvertible {
    /// A local folder, as an absolute path without a trailing `/` (except for `/` itself).
    case file(path: String)
    /// An S3 bucket and a base prefix (empty for the bucket root), without leading or trailing `/`.
    case s3(bucket: String, prefix: String)

    /// Parses a URL; `variable` only names the setting in errors.
    public init(parsing text: String, variable: String = "destination URL") throws {
        func fail(_ reason: String) -> DestinationError {
            .invalidURL(variable: variable, value: text, reason: reason)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("file://") {
            let rest = String(trimmed.dropFirst("file://".count))
            guard rest.hasPrefix("/") else {
                throw fail("a file URL needs an absolute path, as in file:///data/exports")
            }
            guard let decoded = rest.removingPercentEncoding else {
                throw fail("the path has invalid percent-encoding")
            }
            var path = decoded
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            guard !path.split(separator: "/").contains("..") else {
                throw fail("the path may not contain '..'")
            }
            self = .file(path: path)
        } else if trimmed.lowercased().hasPrefix("s3://") {
            let rest = trimmed.dropFirst("s3://".count)
            let bucket = String(rest.prefix { $0 != "/" })
            guard !bucket.isEmpty else { throw fail("the bucket name is missing, as in s3://bucket/prefix") }
            guard bucket.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) else {
                throw fail("'\(bucket)' is not a valid bucket name")
            }
            let prefix = rest.dropFirst(bucket.count).split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
            self = .s3(bucket: bucket, prefix: prefix)
        } else {
            throw fail("it must start with file:// or s3://")
        }
    }

    public var description: String {
        switch self {
        case let .file(path): return "file://" + path
        case let .s3(bucket, prefix): return prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)"
        }
    }
}
