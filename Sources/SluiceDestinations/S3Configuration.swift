import Foundation

/// Everything an `S3Destination` needs: where the bucket is, how to address it, how to sign, how to retry.
///
/// Built by `DestinationRegistry` from the environment, or directly in code and tests.
public struct S3Configuration: Sendable {
    /// A parsed endpoint URL such as `http://127.0.0.1:9000`.
    public struct Endpoint: Equatable, Sendable {
        public var scheme: String
        /// The host name or IP address, without brackets.
        public var host: String
        public var port: Int?
        /// A path the endpoint is mounted under, without trailing `/` (usually empty).
        public var basePath: String

        public init(scheme: String, host: String, port: Int? = nil, basePath: String = "") {
            self.scheme = scheme.lowercased()
            self.host = host
            self.port = port
            self.basePath = basePath
        }

        /// Parses `scheme://host[:port][/path]`; `variable` only names the setting in errors.
        public init(parsing text: String, variable: String = "endpoint URL") throws {
            guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
                  let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  var host = components.host, !host.isEmpty else {
                throw DestinationError.invalidSetting(variable: variable,
                                                      reason: "'\(text)' is not an http:// or https:// URL with a host")
            }
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            var path = components.path
            while path.hasSuffix("/") { path.removeLast() }
            self.init(scheme: scheme, host: host, port: components.port, basePath: path)
        }
    }

    public var bucket: String
    /// The base prefix every key is under, without leading or trailing `/` (empty for the bucket root).
    public var prefix: String
    public var region: String
    /// nil means AWS: `https://s3.<region>.amazonaws.com`.
    public var endpoint: Endpoint?
    /// nil means automatic: path-style when the endpoint host is an IP address or `localhost`, or when the
    /// bucket name has a dot (it would not match the TLS certificate); virtual-hosted otherwise.
    public var pathStyle: Bool?
    public var credentials: S3Credentials
    /// Size of multipart upload parts; at least 5 MiB. Parts grow past part 2000 to stay under 10000 parts.
    public var partSize: Int
    /// Parts of one writer uploaded at the same time (1...8): while they are in flight the writer keeps
    /// accepting bytes into the next part buffer, so a writer holds at most `partsInFlight + 1` part buffers.
    public var partsInFlight: Int
    /// `max-keys` of each ListObjectsV2 page (S3's own limit is 1000).
    public var listPageSize: Int
    public var retry: RequestRetryPolicy
    /// Idle connections kept for reuse.
    public var maxIdleConnections: Int
    /// Seconds a request may wait for its TCP (and TLS) connection (`CURLOPT_CONNECTTIMEOUT`).
    public var connectTimeout: Int
    /// Seconds a transfer may move less than one byte per second before it fails (a frozen server):
    /// `CURLOPT_LOW_SPEED_TIME`.
    public var stallTimeout: Int

    public static let minimumPartSize = 5 * 1024 * 1024
    public static let defaultPartSize = 8 * 1024 * 1024

    public init(bucket: String, prefix: String = "", region: String = "us-east-1", endpoint: Endpoint? = nil,
                pathStyle: Bool? = nil, credentials: S3Credentials, partSize: Int = S3Configuration.defaultPartSize,
                partsInFlight: Int = 2, listPageSize: Int = 1000, retry: RequestRetryPolicy = RequestRetryPolicy(), maxIdleConnections: Int = 8,
                connectTimeout: Int = 10, stallTimeout: Int = 30) {
        self.bucket = bucket
        self.prefix = prefix.split(separator: "/").joined(separator: "/")
        self.region = region
        self.endpoint = endpoint
        self.pathStyle = pathStyle
        self.credentials = credentials
        self.partSize = max(partSize, S3Configuration.minimumPartSize)
        self.partsInFlight = min(max(partsInFlight, 1), 8)
        self.listPageSize = min(max(listPageSize, 1), 1000)
        self.retry = retry
        self.maxIdleConnections = max(1, maxIdleConnections)
        self.connectTimeout = min(max(connectTimeout, 1), 3600)
        self.stallTimeout = min(max(stallTimeout, 1), 3600)
    }

    /// The endpoint as a URL, for messages (`https://s3.<region>.amazonaws.com` when none is set).
    public var endpointDescription: String {
        guard let endpoint else { return "https://s3.\(region).amazonaws.com" }
        let host = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
        return "\(endpoint.scheme)://\(host)" + (endpoint.port.map { ":\($0)" } ?? "") + endpoint.basePath
    }
}
