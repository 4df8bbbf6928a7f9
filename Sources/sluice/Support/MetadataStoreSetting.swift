import Foundation
import SluiceCore
import SluiceStore

/// Which metadata store a command uses: the PostgreSQL store of `SLUICE_METADATA_URL` (or `--metadata-url`),
/// shared by several schedulers and workers; otherwise SQLite in the Sluice home.
enum MetadataStoreSetting {
    static let variable = "SLUICE_METADATA_URL"
    static let leaseVariable = "SLUICE_LEASE_TIMEOUT"

    /// `SLUICE_LEASE_TIMEOUT` in seconds (a number, or a duration such as 45s or 2m); 30 when unset.
    static func lease(_ environment: [String: String]) throws -> TimeInterval {
        guard let text = environment[leaseVariable], !text.isEmpty else { return SQLMetadataStore.defaultLease }
        guard let seconds = Double(text) ?? (try? DurationParser.seconds(from: text)), (1...86_400).contains(seconds) else {
            throw CommandError.invalidSetting(leaseVariable, text, "seconds from 1 to 86400, such as 30 or 2m")
        }
        return seconds
    }

    /// The URL when one is set (not empty).
    static func url(_ environment: [String: String]) -> String? {
        guard let url = environment[variable], !url.isEmpty else { return nil }
        return url
    }

    /// Opens (creating and migrating when needed) the store `environment` names.
    static func open(environment: [String: String], location: StoreLocation) async throws -> SQLMetadataStore {
        let lease = try lease(environment)
        if let url = url(environment) { return try await SQLMetadataStore.open(url: url, lease: lease) }
        return try await SQLMetadataStore.open(location: location, lease: lease)
    }

    /// What `sluice db check` reports of that store, changing nothing.
    static func inspect(environment: [String: String], location: () throws -> StoreLocation) async throws -> StoreCheck {
        if let url = url(environment) { return try await StoreCheck.inspect(url: url) }
        return try await StoreCheck.inspect(path: try location().databasePath)
    }
}
