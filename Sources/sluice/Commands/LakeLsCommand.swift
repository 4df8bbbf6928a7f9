import ArgumentParser
import Foundation
import SluiceCore
import SluiceDestinations
import SluiceExport

/// `sluice lake ls DAG TASK`: the partitions an export task has published, from their manifests.
struct LakeLsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List an export task's published partitions with their manifests' rows, bytes and time."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Argument(help: "The task_id of an export task.", completion: Completions.taskIds) var taskId: String
    @Flag(help: "Print a JSON array.") var json = false

    func run() async throws {
        let env = try global.environment()
        let dag = try global.loadDags(environment: env, quiet: true).dag(dagId)
        guard let task = dag.task(taskId) else {
            throw ValidationError("DAG \(dagId) has no task '\(UserText.quote(taskId))'\(DidYouMean.hint(for: taskId, among: dag.tasks.map(\.taskId)))")
        }
        guard let spec = task.export else { throw ValidationError("task \(taskId) of \(dagId) is not an export task: it publishes no partitions") }
        let destination = try DestinationRegistry(environment: env).destination(named: spec.destination)
        let prefix = Self.fixedPrefix(of: spec.path)
        var partitions: [(partition: String, manifest: ExportManifest)] = []
        for object in try await destination.list(prefix: prefix) where object.key.hasSuffix("/_manifest.json") {
            guard let data = try? await destination.get(key: object.key), let manifest = try? ExportManifest.decode(data),
                  manifest.dagId == dagId, manifest.taskId == taskId else { continue }
            partitions.append((String(object.key.dropLast("/_manifest.json".count)), manifest))
        }
        partitions.sort { $0.partition < $1.partition }
        if json {
            let items: [JSONValue] = partitions.map { p in
                .object([
                    ("partition", .string(destination.describe(key: p.partition + "/"))), ("logical_date", .string(p.manifest.logicalDate)),
                    ("run_id", .string(p.manifest.runId)), ("try_number", .int(p.manifest.tryNumber)), ("files", .int(p.manifest.files.count)),
                    ("rows", .int(Int(p.manifest.totalRows))), ("bytes", .int(Int(p.manifest.totalBytes))), ("finished_at", .string(p.manifest.finishedAt)),
                ])
            }
            print(JSONValue.array(items).jsonText)
        } else if partitions.isEmpty {
            print("no published partitions of \(dagId).\(taskId) under \(destination.describe(key: prefix))")
        } else {
            let rows = partitions.map { p in
                [p.partition, p.manifest.logicalDate, String(p.manifest.files.count), String(p.manifest.totalRows), String(p.manifest.totalBytes), p.manifest.finishedAt]
            }
            print(TextTable.render(header: ["partition", "logical_date", "files", "rows", "bytes", "published"], rows: rows))
        }
    }

    /// The part of a path template before its first template tag, cut back to a folder: `orders/day={{ ds }}`
    /// lists under `orders/`.
    static func fixedPrefix(of template: String) -> String {
        let head = template.range(of: "{").map { String(template[..<$0.lowerBound]) } ?? template + "/"
        guard let slash = head.lastIndex(of: "/") else { return "" }
        return String(head[...slash])
    }
}
