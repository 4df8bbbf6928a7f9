import ArgumentParser
import Foundation
import SluiceCore
import SluiceDelivery
import SluiceNotifications

/// `sluice notify ...`: talking to a notifier directly (issue 12).
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Check a notifier by sending it a test message.",
        subcommands: [NotifyTestCommand.self]
    )
}

/// `sluice notify test ID`: sends one test message (event `test`) now, outside the outbox, and prints
/// what the receiver answered. Exit 1 when it did not take it.
struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Send a test message through a notifier and print the receiver's answer.",
        discussion: "The notifier is SLUICE_NOTIFY_<ID> from the environment or .env. Nothing is written to the metadata store."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notifier id, as in a DAG file's `notify: [{to: ID}]`.") var id: String
    @Flag(help: "Print a JSON object.") var json = false

    func run() async throws {
        let env = try global.environment()
        let registry = NotifierRegistry(environment: env)
        var masker = SecretMasker(values: SecretMasker.secrets(inEnvironment: env))
        masker.add(registry.secretValues)
        let notifier = try registry.notifier(named: id)
        let payload = NotificationPayload.test(notifier: notifier.id, now: Date()).linked(to: try Runtime.publicURL(environment: env))
        let report = await Runtime.notificationSender(masker: masker).send(notifier.delivery(for: payload, now: Date()))
        if json {
            print(JSONValue.object([("notifier", .string(notifier.id)), ("event_id", .string(payload.eventID)),
                                    ("delivered", .bool(report.isDelivered)), ("answer", .string(report.answer))]).jsonText)
        } else if report.isDelivered {
            print("\(notifier.id): delivered the test message: \(report.answer)")
        }
        guard report.isDelivered else {
            if json { throw ExitCode(1) }
            throw CommandError.notDelivered(notifier: notifier.id, answer: report.answer)
        }
    }
}
