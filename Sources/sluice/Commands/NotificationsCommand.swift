import ArgumentParser
import Foundation
import SluiceCore
import SluiceStore

/// `sluice notifications ...`: the notification outbox (issue 12).
struct NotificationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifications", abstract: "List the notifications the outbox holds and retry failed ones.",
        subcommands: [NotificationsListCommand.self, NotificationsRetryCommand.self]
    )
}

/// `sluice notifications list [--failed]`: newest first, with attempts and the last error.
struct NotificationsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List notifications, newest first, with their attempts and last error.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only those that failed for good.") var failed = false
    @Flag(help: "Only those not delivered yet.") var pending = false
    @Option(help: "At most this many.") var limit: Int = 100
    @Flag(help: "Print a JSON array.") var json = false

    func run() async throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard !(failed && pending) else { throw ValidationError("--failed and --pending exclude each other; pass one") }
        let state: OutboxState? = failed ? .failed : (pending ? .pending : nil)
        let rows = try await ExistingStore.open(global)?.notifications(state: state, limit: limit) ?? []
        if json {
            print(JSONValue.array(rows.map(Self.json)).jsonText)
        } else if rows.isEmpty {
            print(state == nil ? "no notifications" : "no \(state?.rawValue ?? "") notifications")
        } else {
            print(TextTable.render(header: ["id", "state", "notifier", "event", "dag_id", "task_id", "attempts", "created", "last error"], rows: rows.map {
                [String($0.id), $0.state.rawValue, $0.draft.notifier, $0.draft.event.rawValue, $0.draft.dagId, $0.draft.taskId ?? "-",
                 String($0.attempts), DateText.iso($0.createdAt), $0.lastError.map { UserText.quote($0) } ?? ""]
            }))
        }
    }

    static func json(_ n: OutboxNotification) -> JSONValue {
        func date(_ d: Date?) -> JSONValue { d.map { .string(DateText.iso($0)) } ?? .null }
        return .object([
            ("id", .int(Int(n.id))), ("event_id", .string(n.draft.eventId)), ("state", .string(n.state.rawValue)),
            ("notifier", .string(n.draft.notifier)), ("event", .string(n.draft.event.rawValue)), ("dag_id", .string(n.draft.dagId)),
            ("run_id", .string(n.draft.runId)), ("task_id", n.draft.taskId.map(JSONValue.string) ?? .null),
            ("attempts", .int(n.attempts)), ("created_at", date(n.createdAt)), ("next_attempt_at", n.state == .pending ? date(n.nextAttemptAt) : .null),
            ("last_attempt_at", date(n.lastAttemptAt)), ("delivered_at", date(n.deliveredAt)),
            ("last_error", n.lastError.map(JSONValue.string) ?? .null),
        ])
    }
}

/// `sluice notifications retry ID`: a failed notification is due again now.
struct NotificationsRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retry", abstract: "Make a failed notification due again now.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The notification id (see `sluice notifications list --failed`).") var id: Int64

    func run() async throws {
        guard let store = try await ExistingStore.open(global), try await store.retryNotification(id: id, now: Date()) else {
            throw ValidationError("no failed notification has id \(id); see `sluice notifications list --failed`")
        }
        print("notification \(id) is due again")
    }
}
