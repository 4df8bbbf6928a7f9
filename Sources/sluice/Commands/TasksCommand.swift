import ArgumentParser

/// `sluice tasks ...`: one task at a time.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Render, test, clear and inspect tasks and their logs.",
        subcommands: [TasksRenderCommand.self, TasksTestCommand.self, TasksClearCommand.self, TasksStatesCommand.self, TasksLogsCommand.self]
    )
}
