import ArgumentParser

/// `sluice dags ...`: inspect, validate and run DAGs.
struct DagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dags",
        abstract: "List, validate, show and schedule DAGs.",
        subcommands: [
            DagsListCommand.self, DagsValidateCommand.self, DagsShowCommand.self, DagsNextRunsCommand.self, DagsTriggerCommand.self,
            DagsBackfillCommand.self, DagsTestCommand.self, DagsPauseCommand.self, DagsUnpauseCommand.self,
        ]
    )
}
