import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SluiceAPI
import SluiceUI
import SluiceAuth
import SluiceCore
import SluiceDefinitions
import SluiceMetrics

/// Where the api-server listens: 127.0.0.1 unless told otherwise.
struct ListenOptions: ParsableArguments {
    @Option(help: "The address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every interface).") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed at start).") var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty, host.count <= 255 else { throw ValidationError("--host must be an address such as 127.0.0.1") }
    }
}

/// `sluice api-server`: Airflow's REST API (`/api/v2/...`) over the project's metadata store, in its own
/// process beside a scheduler.
struct APIServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-server", abstract: "Serve the REST API (Airflow's /api/v2 paths) over the metadata store.",
        discussion: "Runs until SIGTERM or SIGINT. Pair it with `sluice scheduler`, or run both in one process with `sluice standalone`."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var listen: ListenOptions

    func run() async throws {
        let runtime = try await Runtime.make(global)
        let console = try SchedulerConsole(environment: runtime.environment, label: "sluice.api")
        let application = runtime.apiApplication(listen: listen, loader: try global.loader(environment: runtime.environment), logger: console.logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: console.logger))
        do {
            try await group.run()
        } catch {
            console.logger.error("api-server stopped: \(runtime.masker.mask(String(describing: error)))")
            throw ExitCode(1)
        }
        console.logger.info("api-server stopped")
    }
}

/// `sluice standalone`: the scheduler and the api-server in one process (one service group).
struct StandaloneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standalone", abstract: "Run the scheduler and the api-server in one process.",
        discussion: "One scheduler per $SLUICE_HOME: a second one refuses to start. Ctrl-C (SIGINT) or SIGTERM drains the scheduler, then stops the server."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var execution: ExecutionOptions
    @OptionGroup var listen: ListenOptions
    @Option(help: "Seconds after a shutdown request before running statements are cancelled (default 30).") var grace: Double?
    @Flag(help: "Print only problems and run results, not every task.") var quiet = false

    func run() async throws {
        let daemon = try await SchedulerDaemon.make(global: global, execution: execution, grace: grace, quiet: quiet)
        if let login = try await StandaloneLogin.ensure(runtime: daemon.sharedRuntime) {
            daemon.logger.info("\(login)")
        }
        let application = daemon.sharedRuntime.apiApplication(listen: listen, loader: try global.loader(environment: daemon.sharedRuntime.environment),
                                                              logger: daemon.logger)
        try await daemon.run(front: [application])
    }
}

extension Runtime {
    /// The api-server on `listen`, logging to `logger`; prints its URL once it listens.
    func apiApplication(listen: ListenOptions, loader: DagFolderLoader, logger: Logger) -> some Service {
        let masker = self.masker
        SluiceMetrics.process.recordBuildInfo(version: SluiceVersion.current)
        var environment = APIEnvironment(store: store, location: location, catalog: DagCatalog(loader: loader),
                                         version: SluiceVersion.current, processEnvironment: self.environment, mask: { masker.mask($0) })
        environment.limits = APIServerLimits(environment: self.environment)
        return APIServer.application(environment, host: listen.host, port: listen.port, logger: logger,
                                     more: { [environment] in UIRoutes(environment: environment).add(to: $0) }) { url in
            logger.info("api-server listening on \(url) (web UI: open \(url)/ in a browser; REST API under \(url)/api/v2)")
        }
    }
}

/// The first login of `sluice standalone`, as Airflow's standalone makes one: when the store has no user
/// yet, an admin `admin` with a random password, written to `$SLUICE_HOME/standalone_admin_password`
/// (mode 600) — never printed or logged. Returns the line that says where to find it.
enum StandaloneLogin {
    static func ensure(runtime: Runtime) async throws -> String? {
        let auth = AuthService(store: runtime.store)
        let file = runtime.location.home.appendingPathComponent("standalone_admin_password")
        guard try await auth.users().isEmpty else {
            return FileManager.default.fileExists(atPath: file.path) ? "login: admin, password in \(file.path)" : nil
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let password = String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
        guard FileManager.default.createFile(atPath: file.path, contents: Data((password + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("could not write \(file.path) for the first login; check that the folder is writable, or create a user with `sluice users create`")
        }
        do {
            _ = try await auth.createUser(name: "admin", role: .admin, password: password, now: Date())
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return "login: admin, password in \(file.path) (created now; `sluice users create` adds more users)"
    }
}
