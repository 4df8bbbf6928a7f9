import Foundation

/// Where Sluice keeps its state on disk: `$SLUICE_HOME` when set and not empty,
/// otherwise `.sluice` in the current folder. Holds the database and the scheduler lock.
public struct StoreLocation: Sendable, Hashable {
    /// The Sluice home folder, absolute.
    public let home: URL

    public init(home: URL) {
        self.home = home.standardizedFileURL
    }

    /// The location from `environment` (e.g. `ProcessInfo.processInfo.environment`),
    /// relative paths resolved against `currentDirectory`.
    public static func resolve(environment: [String: String], currentDirectory: String = FileManager.default.currentDirectoryPath) -> StoreLocation {
        let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        if let value = environment["SLUICE_HOME"], !value.isEmpty {
            return StoreLocation(home: URL(fileURLWithPath: value, isDirectory: true, relativeTo: base).absoluteURL)
        }
        return StoreLocation(home: base.appendingPathComponent(".sluice", isDirectory: true))
    }

    /// `sluice.db` in the home folder.
    public var databasePath: String {
        home.appendingPathComponent("sluice.db").path
    }

    /// `scheduler.lock` in the home folder.
    public var lockPath: String {
        home.appendingPathComponent("scheduler.lock").path
    }
}
