import Foundation
import SluiceCore
import SluiceDestinations

extension ExportStaging {
    /// For the recovery of task instances a dead process left `running`: removes the staging their tries
    /// left, at once rather than when each instance next runs. Instances of tasks that are not exports, of
    /// DAGs not in `dags`, or of destinations that cannot be built are skipped; so are failures (the next
    /// try or `sluice lake gc` removes what stays). Returns what was removed.
    @discardableResult
    public static func removeOrphans(of instances: [TaskInstance], dags: [Dag], destinations: DestinationRegistry) async -> [StagedTry] {
        var removed: [StagedTry] = []
        for instance in instances {
            guard let dag = dags.first(where: { $0.dagId == instance.dagId }),
                  let spec = dag.tasks.first(where: { $0.taskId == instance.taskId })?.export,
                  let destination = try? destinations.destination(named: spec.destination),
                  let staging = try? ExportStaging(destination: destination),
                  let orphans = try? await staging.removeOrphans(dagId: instance.dagId, taskId: instance.taskId, runId: instance.runId)
            else { continue }
            removed += orphans
        }
        return removed
    }
}
