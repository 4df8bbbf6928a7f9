import Foundation
import SluiceAuth
import SluiceStore

/// The `AuthService` of the project's metadata store, for `sluice users` and `sluice tokens`.
enum AuthStore {
    /// Over the store of the project (created if needed): for the commands that write.
    static func open(_ global: GlobalOptions) async throws -> AuthService {
        let env = try global.environment()
        return AuthService(store: try await MetadataStoreSetting.open(environment: env, location: try global.storeLocation(environment: env)))
    }

    /// Over the store when it exists, nil when nothing has run here yet: for the commands that list.
    static func existing(_ global: GlobalOptions) async throws -> AuthService? {
        try await ExistingStore.open(global).map { AuthService(store: $0) }
    }
}
