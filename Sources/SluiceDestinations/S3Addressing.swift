import Foundation

/// Turns a bucket, a full object key and a query into the URL, `Host` header and canonical path of a
/// request, in path-style (`host/bucket/key`) or virtual-hosted style (`bucket.host/key`).
///
/// Pure, so URL building is unit-tested for both styles without a server.
struct S3Addressing: Equatable, Sendable {
    let scheme: String
    /// The `Host` header value, with `:port` when it is not the scheme's default.
    let hostHeader: String
    /// Encoded path up to the key, e.g. `/bucket` (path-style) or empty (virtual-hosted).
    let bucketPath: String
    let usesPathStyle: Bool

    init(configuration: S3Configuration) {
        let endpoint = configuration.endpoint
            ?? .init(scheme: "https", host: "s3.\(configuration.region).amazonaws.com")
        let pathStyle = configuration.pathStyle
            ?? (S3Addressing.isIPAddress(endpoint.host) || endpoint.host.lowercased() == "localhost"
                || configuration.bucket.contains("."))
        var host = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
        if !pathStyle { host = configuration.bucket + "." + host }
        if let port = endpoint.port, !(endpoint.scheme == "http" && port == 80), !(endpoint.scheme == "https" && port == 443) {
            host += ":\(port)"
        }
        self.scheme = endpoint.scheme
        self.hostHeader = host
        let base = S3URIEncoding.encode(endpoint.basePath, keepSlash: true)
        self.bucketPath = pathStyle ? base + "/" + S3URIEncoding.encode(configuration.bucket, keepSlash: false) : base
        self.usesPathStyle = pathStyle
    }

    /// The encoded path of `key` (a full key, base prefix included), or of the bucket when `key` is nil.
    func path(key: String?) -> String {
        guard let key else { return bucketPath.isEmpty ? "/" : bucketPath }
        return bucketPath + "/" + S3URIEncoding.encode(key, keepSlash: true)
    }

    func url(key: String?, query: [(String, String)]) -> String {
        let queryText = S3URIEncoding.requestQuery(query)
        return "\(scheme)://\(hostHeader)\(path(key: key))" + (queryText.isEmpty ? "" : "?" + queryText)
    }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
