import Foundation
import SluiceAuth
import SluiceStore

/// A temporary metadata store with an `AuthService` over it (bcrypt at cost 4 to keep tests fast),
/// removed afterwards.
struct AuthFixture {
    let folder: URL
    let store: SQLMetadataStore
    let auth: AuthService

    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    static func make() async throws -> AuthFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-auth-tests-\(UUID().uuidString)", isDirectory: true)
        let store = try await SQLMetadataStore.open(path: folder.appendingPathComponent("sluice.db").path)
        return AuthFixture(folder: folder, store: store, auth: AuthService(store: store, hasher: PasswordHasher(cost: 4)))
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every byte of every file in the store's folder (database, WAL, shared memory).
    func storedBytes() throws -> Data {
        var all = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            all.append(try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        return all
    }
}
