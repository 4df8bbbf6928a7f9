import ArgumentParser
import Foundation

/// The `sluice` command: only lists its subcommands.
@main
struct Sluice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Scheduled exports of database tables into data lakes, with Airflow's semantics.",
        version: SluiceVersion.current,
        subcommands: [StatusCommand.self, DagsCommand.self, TasksCommand.self, RunsCommand.self, SchedulerCommand.self, LakeCommand.self]
    )

    /// Parses, runs, and maps every error to one line on stderr and an exit code (in one place).
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            var command = command
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: CLIError.report(error))
        }
    }
}

/// Sluice's version, shown by `--version` and written into file metadata.
enum SluiceVersion {
    static let current = "0.1.0"
}
