import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceDestinations
import SluiceExecution
import SluiceExport
import SluiceNotifications
import SluicePostgres
import SluiceStore
import SluiceTasks

/// Everything a command that runs tasks needs, built once from the options and environment.
struct Runtime {
    let environment: [String: String]
    let location: StoreLocation
    let store: SQLMetadataStore
    let registry: ConnectionRegistry
    let masker: SecretMasker
    let renderer: TaskRenderer

    /// The runtime over `$SLUICE_HOME` (or `home`, for a throwaway store).
    static func make(_ global: GlobalOptions, home: URL? = nil) async throws -> Runtime {
        let env = try global.environment()
        let location = try home.map(StoreLocation.init(home:)) ?? global.storeLocation(environment: env)
        let store = try await MetadataStoreSetting.open(environment: env, location: location)
        let registry = ConnectionRegistry(environment: env)
        var masker = SecretMasker(values: SecretMasker.secrets(inEnvironment: env))
        masker.add(registry.secretValues)
        masker.add(DestinationRegistry(environment: env).secretValues)
        masker.add(NotifierRegistry(environment: env).secretValues)
        return Runtime(environment: env, location: location, store: store, registry: registry, masker: masker, renderer: TaskRenderer(environment: env))
    }

    /// `SLUICE_PARALLELISM` (or sluice.yaml's `parallelism`), when set.
    static func parallelism(environment: [String: String]) throws -> Int? {
        guard let text = environment["SLUICE_PARALLELISM"], !text.isEmpty else { return nil }
        guard let n = Int(text), (1...10_000).contains(n) else {
            throw CommandError.invalidSetting("SLUICE_PARALLELISM", text, "a whole number from 1 to 10000")
        }
        return n
    }

    /// `SLUICE_SHUTDOWN_GRACE` (or sluice.yaml's `shutdown_grace`) in seconds; 30 when unset.
    static func shutdownGrace(environment: [String: String]) throws -> Double {
        guard let text = environment["SLUICE_SHUTDOWN_GRACE"], !text.isEmpty else { return 30 }
        guard let seconds = try? DurationParser.seconds(from: text), seconds <= 86_400 else {
            throw CommandError.invalidSetting("SLUICE_SHUTDOWN_GRACE", text, "a duration of at most 1d such as 30s or 2m")
        }
        return seconds
    }

    var logsFolder: URL { location.home.appendingPathComponent("logs") }

    /// An executor over pooled connections, reporting to `observer`.
    /// Throws when a `SLUICE_CONN_<ID>_POOL` is not a usable number (naming it and its value).
    func executor(parallelism: Int?, retries: Bool = true, grace: TimeInterval = 30, queues: Set<String> = [ExecutorSettings.defaultQueue],
                  shutdown: ShutdownSignal = ShutdownSignal(), observer: @escaping ExecutionObserver) throws -> (Executor, ConnectionPools) {
        let pools = ConnectionPools(registry: registry)
        var limits: [String: Int] = [:]
        for id in registry.ids {
            limits[ExecutorSettings.connectionKey(id)] = try registry.poolSize(for: id)
        }
        var settings = ExecutorSettings(logsFolder: logsFolder)
        if let parallelism = try parallelism ?? Self.parallelism(environment: environment) { settings.parallelism = parallelism }
        settings.connectionLimits = limits
        settings.retriesEnabled = retries
        settings.shutdownGrace = grace
        settings.queues = queues
        settings.sharedStore = store.isShared
        settings.joinAfter = store.lease
        let export = ExportTaskRunner(pools: pools, renderer: renderer, destinations: DestinationRegistry(environment: environment),
                                      sluiceVersion: SluiceVersion.current, observer: observer)
        let runner = CompositeTaskRunner(export: export, other: SQLTaskRunner(pools: pools, renderer: renderer))
        return (Executor(store: store, runner: runner, settings: settings, masker: masker, shutdown: shutdown, observer: observer), pools)
    }
}

/// Options of the commands that execute tasks.
struct ExecutionOptions: ParsableArguments {
    @Option(help: "Task attempts at once over all DAGs (default: 2 x cores).") var parallelism: Int?

    func validate() throws {
        if let parallelism, parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
    }
}

/// Parses a date option in a DAG's time zone.
enum DateOption {
    static func parse(_ text: String, option: String, dag: Dag) throws -> Date {
        guard let d = DateText.parse(text, in: dag.timeZone) else {
            throw ValidationError("\(option) '\(text)' is not a date: write YYYY-MM-DD or an ISO date-time")
        }
        return d
    }
}
