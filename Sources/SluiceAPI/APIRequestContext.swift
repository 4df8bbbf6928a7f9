import Foundation
import Hummingbird

/// The request context of Sluice's API: Hummingbird's core storage plus limits and JSON coding as the
/// API needs them (request bodies up to 1 MiB; dates as ISO 8601 strings, as Airflow's API writes them).
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Larger bodies are refused with 413 before a handler sees them.
    public var maxUploadSize: Int { 1 << 20 }
}
