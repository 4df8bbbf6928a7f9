import ArgumentParser

/// `sluice lake ...`: maintenance of the destinations exports write to.
struct LakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "Maintain the destinations exports write to.",
        subcommands: [LakeLsCommand.self, LakeGCCommand.self]
    )
}
