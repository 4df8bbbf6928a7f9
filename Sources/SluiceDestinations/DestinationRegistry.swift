import Foundation
import Synchronization

/// The named destinations of this process, read from an environment dictionary.
///
/// `SLUICE_DEST_<ID>` holds `file:///abs/path` or `s3://bucket/prefix` (ids are case-insensitive; `-` in an
/// id maps to `_`). S3 destinations also read `SLUICE_DEST_<ID>_REGION`, `_ENDPOINT_URL`, `_PATH_STYLE`,
/// then the standard AWS variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
/// `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL`). Destinations are built once
/// per id and shared, so their connections are reused. It does not read AWS profiles or instance roles.
public final class DestinationRegistry: Sendable {
    private let environment: [String: String]
    private let built = Mutex<[String: any Destination]>([:])

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The variable that configures destination `id`, e.g. `SLUICE_DEST_RAW_LAKE` for `raw-lake`.
    public static func variable(for id: String) -> String {
        "SLUICE_DEST_" + id.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Values to mask in logs: the secret access key and the session token, when set.
    public var secretValues: [String] {
        ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"].compactMap { value($0) }
    }

    /// The ids that have a `SLUICE_DEST_<ID>` variable, lowercased and sorted.
    public var configuredIDs: [String] {
        let suffixes = ["_REGION", "_ENDPOINT_URL", "_PATH_STYLE", "_CONNECT_TIMEOUT", "_STALL_TIMEOUT"]
        return environment.keys.map { $0.uppercased() }
            .filter { $0.hasPrefix("SLUICE_DEST_") && !suffixes.contains(where: $0.hasSuffix) }
            .map { String($0.dropFirst("SLUICE_DEST_".count)).lowercased() }
            .filter { !$0.isEmpty }
            .sorted()
    }

    /// A non-empty value, looked up exactly, then ignoring case.
    func value(_ name: String) -> String? {
        let found = environment[name] ?? environment.first { $0.key.uppercased() == name }?.value
        guard let found, !found.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return found.trimmingCharacters(in: .whitespaces)
    }

    /// The parsed URL of destination `id`.
    public func url(named id: String) throws -> DestinationURL {
        let variable = DestinationRegistry.variable(for: id)
        guard let text = value(variable) else {
            throw DestinationError.unknownDestination(id: id, variable: variable)
        }
        return try DestinationURL(parsing: text, variable: variable)
    }

    /// The destination called `id`, built on first use.
    public func destination(named id: String) throws -> any Destination {
        let variable = DestinationRegistry.variable(for: id)
        return try built.withLock { built in
            if let existing = built[variable] { return existing }
            let destination: any Destination
            switch try url(named: id) {
            case let .file(path):
                destination = try LocalDestination(root: path)
            case let .s3(bucket, prefix):
                destination = S3Destination(configuration: try s3Configuration(id: id, bucket: bucket, prefix: prefix))
            }
            built[variable] = destination
            return destination
        }
    }

    /// The S3 settings of destination `id`, from its own variables first, then the AWS ones.
    func s3Configuration(id: String, bucket: String, prefix: String) throws -> S3Configuration {
        let variable = DestinationRegistry.variable(for: id)
        guard let accessKey = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") else {
            throw DestinationError.missingCredentials(id: id, variables: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])
        }
        let region = value(variable + "_REGION") ?? value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1"
        var endpoint: S3Configuration.Endpoint?
        for name in [variable + "_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"] {
            if let text = value(name) {
                endpoint = try S3Configuration.Endpoint(parsing: text, variable: name)
                break
            }
        }
        var pathStyle: Bool?
        if let text = value(variable + "_PATH_STYLE") {
            switch text.lowercased() {
            case "true", "1", "yes": pathStyle = true
            case "false", "0", "no": pathStyle = false
            default:
                throw DestinationError.invalidSetting(variable: variable + "_PATH_STYLE", reason: "'\(text)' is not true or false")
            }
        }
        let credentials = S3Credentials(accessKeyID: accessKey, secretAccessKey: secret,
                                        sessionToken: value("AWS_SESSION_TOKEN"))
        var configuration = S3Configuration(bucket: bucket, prefix: prefix, region: region, endpoint: endpoint,
                                            pathStyle: pathStyle, credentials: credentials)
        if let seconds = try seconds(variable + "_CONNECT_TIMEOUT") { configuration.connectTimeout = seconds }
        if let seconds = try seconds(variable + "_STALL_TIMEOUT") { configuration.stallTimeout = seconds }
        return configuration
    }

    /// A whole number of seconds between 1 and 3600 from `name`, if set.
    private func seconds(_ name: String) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), (1...3600).contains(number) else {
            throw DestinationError.invalidSetting(variable: name, reason: "'\(text.prefix(40))' is not a whole number of seconds from 1 to 3600")
        }
        return number
    }
}
