import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceStore

/// Turns what a user typed for a run (its run id or logical date) into the stored run, with the
/// time zones of the DAG folder's DAGs for dates without an offset (`RunReference` holds the rules).
enum RunLookup {
    static func resolve(_ text: String, dagId: String?, global: GlobalOptions, store: any MetadataStore) async throws -> DagRun {
        let zones = timeZones(global)
        return try await RunReference(text).resolve(in: store, dagId: dagId, timeZone: { zones[$0] })
    }

    /// The run id of the run `text` names for `dagId`, for commands that read files by run id (logs):
    /// without a metadata store, or when no stored run matches a text that is not a date, the text itself.
    static func runId(_ text: String, dagId: String, global: GlobalOptions) async throws -> String {
        guard let store = try await ExistingStore.open(global) else { return text }
        do {
            return try await resolve(text, dagId: dagId, global: global, store: store).runId
        } catch StoreError.runReferenceNotFound where RunReference(text).logicalDate(in: .current) == nil {
            return text
        }
    }

    /// Each DAG's time zone; a folder that does not load gives none (dates are then read in UTC).
    static func timeZones(_ global: GlobalOptions) -> [String: TimeZone] {
        guard let bag = try? global.loadDags(environment: global.environment(), quiet: true) else { return [:] }
        return bag.dags.mapValues(\.timeZone)
    }
}
