import ServiceLifecycle
import SluiceStore

/// Hears the changes other processes announce on a shared store (PostgreSQL's `LISTEN`), so the scheduler
/// loop and the executor wake at once instead of at their next poll; a service of the daemon's group, only on
/// a shared store.
public struct StoreChangeListener: Service {
    let store: SQLMetadataStore

    public init(store: SQLMetadataStore) {
        self.store = store
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await store.listenForChanges() }
    }
}
