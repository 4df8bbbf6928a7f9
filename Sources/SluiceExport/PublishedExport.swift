import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceDestinations
import SluiceExecution

/// The partition an export task published for a run, read back from the destination: where it is and
/// its manifest (files, rows, bytes, checksums, audit results). What the API's export endpoint shows.
public struct PublishedExport: Sendable {
    /// Where a user finds the partition: its folder, or `s3://bucket/prefix/.../`.
    public var location: String
    public var manifest: ExportManifest

    /// The partition `task` (an export) publishes for `run`, if its manifest is there and is this run's;
    /// nil while nothing is published. The partition's path is rendered as the runner renders it.
    public static func read(task: TaskSpec, dag: Dag, run: DagRun, paramOverrides: [(String, JSONValue)] = [],
                            previousSuccess: PreviousSuccessfulRun? = nil, environment: [String: String]) async throws -> PublishedExport? {
        guard let spec = task.export else { throw ExportError.missingSpec(task: task.taskId) }
        let instance = TaskInstance(dagId: dag.dagId, runId: run.runId, taskId: task.taskId, tryNumber: 1)
        var attempt = TaskAttempt(dag: dag, task: task, run: run, instance: instance, paramOverrides: paramOverrides)
        attempt.previousSuccess = previousSuccess
        let plan = try ExportPlan.render(spec: spec, attempt: attempt, renderer: TaskRenderer(environment: environment))
        let destination = try DestinationRegistry(environment: environment).destination(named: spec.destination)
        let data: Data
        do {
            data = try await destination.get(key: plan.partition + "/_manifest.json")
        } catch DestinationError.notFound {
            return nil
        }
        let manifest = try ExportManifest.decode(data)
        guard manifest.dagId == dag.dagId, manifest.taskId == task.taskId, manifest.runId == run.runId else { return nil }
        return PublishedExport(location: ExportTaskRunner.location(of: plan.partition, in: destination), manifest: manifest)
    }
}
