import Foundation
import SluiceStore

/// The metadata store for commands that only read it: opened when it exists, nil when nothing has
/// run here yet (so listing DAGs creates no `.sluice` folder).
enum ExistingStore {
    static func open(_ global: GlobalOptions) async throws -> SQLiteMetadataStore? {
        let location = StoreLocation.resolve(environment: global.environment())
        guard FileManager.default.fileExists(atPath: location.databasePath) else { return nil }
        return try await SQLiteMetadataStore.open(location: location)
    }
}
