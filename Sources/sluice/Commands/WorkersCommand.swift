import ArgumentParser
import Foundation
import SluiceCore
import SluiceStore

/// `sluice workers ...`: the schedulers and workers sharing the metadata store.
struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers", abstract: "List the schedulers and workers that share the metadata store.",
        subcommands: [WorkersListCommand.self]
    )
}

/// `sluice workers list [--json]`: each process with its host, pid, version, heartbeat and running tasks.
struct WorkersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show each scheduler and worker: host, pid, version, heartbeat, state and running tasks.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array.") var json = false
    @Flag(help: "Also those that stopped.") var all = false

    func run() async throws {
        let env = try global.environment()
        guard let store = try await ExistingStore.open(global) else {
            print(json ? "[]" : "no schedulers or workers have run here")
            return
        }
        let lease = try MetadataStoreSetting.lease(env)
        let (found, now) = try await store.processes()
        await store.close()
        let shown = all ? found : found.filter { $0.stoppedAt == nil }
        if json {
            print(JSONValue.array(shown.map { $0.json(now: now, lease: lease) }).jsonText)
        } else if shown.isEmpty {
            print(all ? "no schedulers or workers have run on this store" : "no scheduler or worker is running (see --all)")
        } else {
            print(TextTable.render(header: ["kind", "state", "host", "pid", "version", "queues", "heartbeat", "running tasks"], rows: shown.map { p in
                [p.kind, p.state(now: now, lease: lease), p.host, String(p.pid), p.version, p.queues.isEmpty ? "all" : p.queues.joined(separator: ","),
                 "\(Int(now.timeIntervalSince(p.heartbeatAt).rounded()))s ago",
                 p.running.isEmpty ? "-" : "\(p.running.count): " + p.running.prefix(3).joined(separator: ", ") + (p.running.count > 3 ? ", …" : "")]
            }))
        }
    }
}
