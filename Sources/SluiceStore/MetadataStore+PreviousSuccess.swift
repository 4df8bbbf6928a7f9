import Foundation
import SluiceCore

extension MetadataStore {
    /// Airflow's `prev_*_success`: the DAG's latest successful run with a logical date before `logicalDate`.
    /// What a try renders with, so every preview of a task (CLI, API, UI) asks the same.
    public func previousSuccess(dagId: String, before logicalDate: Date) async throws -> PreviousSuccessfulRun? {
        try await runs(matching: RunFilter(dagId: dagId, states: [.success], logicalBefore: logicalDate, limit: 1)).first.map(PreviousSuccessfulRun.init)
    }
}
