import ArgumentParser

/// `sluice tasks ...`: one task at a time.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Render, clear and read the logs of tasks.",
        subcommands: [TasksRenderCommand.self, TasksClearCommand.self, TasksLogsCommand.self]
    )
}
