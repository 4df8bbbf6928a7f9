import ArgumentParser
import Foundation

/// The `sluice` command: only lists its subcommands.
@main
struct Sluice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Scheduled exports of database tables into data lakes, with Airflow's semantics.",
        version: SluiceVersion.current,
        subcommands: [InitCommand.self, StatusCommand.self, DagsCommand.self, DbCommand.self, WorkersCommand.self, TasksCommand.self, RunsCommand.self, SchedulerCommand.self, WorkerCommand.self, APIServerCommand.self, StandaloneCommand.self,
                      LakeCommand.self, ConnectionsCommand.self, NotificationsCommand.self, NotifyCommand.self, UsersCommand.self, TokensCommand.self,
                      CompletionCommand.self]
    )

    /// Parses, runs, and reports every error in one place (`CLIError`): one `error:` line on stderr,
    /// exit 2 with the usage for a command line that does not parse, exit 1 for everything else.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let style = CLIError.Style(json: arguments.contains("--json"))
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            CLIError.exit(parsing: error, style: style)
        }
        do {
            var command = command
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            CLIError.exit(running: error, style: style)
        }
    }
}

/// Sluice's version, shown by `--version` and written into file metadata.
enum SluiceVersion {
    static let current = "0.1.0"
}
