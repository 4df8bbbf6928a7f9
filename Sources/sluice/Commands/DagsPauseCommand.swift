import ArgumentParser
import SluiceDefinitions

/// `sluice dags pause DAG`: the scheduler creates and starts no runs of a paused DAG.
struct DagsPauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a DAG: the scheduler starts no runs of it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String

    func run() async throws {
        try await PauseState.set(global: global, dagId: dagId, paused: true)
    }
}

/// `sluice dags unpause DAG`.
struct DagsUnpauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Unpause a DAG.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The dag_id.", completion: Completions.dagIds) var dagId: String

    func run() async throws {
        try await PauseState.set(global: global, dagId: dagId, paused: false)
    }
}

enum PauseState {
    static func set(global: GlobalOptions, dagId: String, paused: Bool) async throws {
        let env = try global.environment()
        _ = try global.loadDags(environment: env, quiet: true).dag(dagId)
        let runtime = try await Runtime.make(global)
        try await runtime.store.setPaused(dagId: dagId, paused: paused)
        print("\(dagId): \(paused ? "paused" : "unpaused")")
    }
}
