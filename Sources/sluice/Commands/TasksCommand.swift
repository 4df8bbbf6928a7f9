import ArgumentParser

/// `sluice tasks ...`: one task at a time.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Render tasks.",
        subcommands: [TasksRenderCommand.self]
    )
}
