import ArgumentParser
import Foundation
import SluiceCore
import SluiceExecution
import SluiceStore

/// `sluice tasks logs DAG RUN_ID TASK [--try N]`: print a try's log (the latest by default).
struct TasksLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print the log of a task's try.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String
    @Argument(help: ArgumentHelp("The run: its run_id or its logical date (YYYY-MM-DD or ISO; naive: in the DAG's time zone).", valueName: "run"))
    var reference: String
    @Argument(help: "The task_id.", completion: Completions.taskIds) var taskId: String
    @Option(name: .customLong("try"), help: "The try number (default: the latest).") var tryNumber: Int?

    func run() async throws {
        let env = try global.environment()
        // A misspelt DAG or task gets "did you mean", not "no logs" (when the DAG still loads).
        if let bag = try? global.loadDags(environment: env, quiet: true) {
            _ = try ArgumentLookup.task(taskId, of: try bag.dag(dagId))
        }
        let runId = try await RunLookup.runId(reference, dagId: dagId, global: global)
        let logs = try global.storeLocation(environment: env).home.appendingPathComponent("logs")
        let key = TaskInstanceKey(dagId: dagId, runId: runId, taskId: taskId)
        let folder = TaskLog.url(logsFolder: logs, key: key, tryNumber: 1).deletingLastPathComponent()
        let tries = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .compactMap { $0.hasSuffix(".log") ? Int($0.dropLast(4)) : nil }.sorted()
        guard let chosen = tryNumber ?? tries.last else {
            throw ValidationError("no logs for \(dagId) \(runId) \(taskId) in \(folder.path)")
        }
        let url = TaskLog.url(logsFolder: logs, key: key, tryNumber: chosen)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ValidationError("no log for try \(chosen) (tries with logs: \(tries.map(String.init).joined(separator: ", ")))")
        }
        print("# \(url.path)")
        print(text, terminator: text.hasSuffix("\n") || text.isEmpty ? "" : "\n")
    }
}

