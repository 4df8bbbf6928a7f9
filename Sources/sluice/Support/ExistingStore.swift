import Foundation
import SluiceStore

/// The metadata store for commands that only read it: opened when it exists, nil when nothing has
/// run here yet (so listing DAGs creates no `.sluice` folder).
enum ExistingStore {
    static func open(_ global: GlobalOptions) async throws -> SQLMetadataStore? {
        let env = try global.environment()
        // A shared store is always there to read (a server; nothing is created on this machine).
        if let url = MetadataStoreSetting.url(env) { return try await SQLMetadataStore.open(url: url) }
        // Outside any project (and without SLUICE_HOME) there is no store to read.
        guard let home = env["SLUICE_HOME"], !home.isEmpty else { return nil }
        let location = StoreLocation.resolve(environment: env)
        guard FileManager.default.fileExists(atPath: location.databasePath) else { return nil }
        return try await SQLMetadataStore.open(location: location)
    }
}
