import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions

/// `sluice completion bash|zsh|fish`: the shell completion script, which completes commands, flags,
/// DAG ids and task ids (read from the project's DAG folder as you type).
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            bash: sluice completion bash > /etc/bash_completion.d/sluice   (or source <(sluice completion bash) in ~/.bashrc)
            zsh:  sluice completion zsh > "${fpath[1]}/_sluice"
            fish: sluice completion fish > ~/.config/fish/completions/sluice.fish
            """
    )

    @Argument(help: "bash, zsh or fish.") var shell: String

    func run() throws {
        guard let kind = CompletionShell(rawValue: shell) else {
            throw ValidationError("unknown shell '\(shell)': sluice completes bash, zsh and fish")
        }
        print(Sluice.completionScript(for: kind), terminator: "")
    }
}

/// Completions of DAG and task ids, from the DAG folder of the project the shell is in.
enum Completions {
    static let dagIds = CompletionKind.custom { _, _, prefix in
        loadDags().map(\.dagId).filter { $0.hasPrefix(prefix) }
    }

    /// Tasks of the DAG named earlier on the command line.
    static let taskIds = CompletionKind.custom { words, _, prefix in
        let dags = loadDags()
        guard let dag = dags.first(where: { words.contains($0.dagId) }) else { return [] }
        return dag.tasks.map(\.taskId).filter { $0.hasPrefix(prefix) }
    }

    /// The project's DAGs, quietly (a broken file only has no completions). Built without `GlobalOptions`,
    /// whose options are not parsed when the shell asks for completions.
    private static func loadDags() -> [Dag] {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        guard let project = try? Project.find(from: cwd),
              let loader = try? GlobalOptions.loader(dagsFolder: nil, environment: GlobalOptions.environment(project: project), project: project),
              let bag = try? loader.load() else { return [] }
        return bag.dags.values.sorted { $0.dagId < $1.dagId }
    }
}
