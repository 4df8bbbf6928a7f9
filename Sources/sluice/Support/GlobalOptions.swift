import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceStore

/// Options every command takes, and the project they run in.
///
/// The project is found by walking up from the working folder to the first `sluice.yaml` (or `dags/` beside
/// `.sluice/`); its settings are defaults under the environment, which is under the flags
/// (docs/projects.md has the whole order).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of DAG files (default: $SLUICE_DAGS_FOLDER, sluice.yaml's dags_folder, or <project>/dags).")
    var dagsFolder: String?

    @Option(name: .long, help: "The PostgreSQL metadata store (postgresql://...) that several schedulers and workers share (default: $SLUICE_METADATA_URL; without it, SQLite in $SLUICE_HOME).")
    var metadataURL: String?

    @Option(name: .long, help: "Seconds a task's claim holds without a heartbeat before another process may run it again (default: $SLUICE_LEASE_TIMEOUT, or 30).")
    var leaseTimeout: Double?

    @Option(name: .long, help: "Log level of the scheduler and the api-server: trace, debug, info, notice, warning, error or critical (default: $SLUICE_LOG_LEVEL, or info).")
    var logLevel: String?

    @Option(name: .long, help: "Log format of the scheduler and the api-server: text or json, one object per line for log shippers (default: $SLUICE_LOG_FORMAT, sluice.yaml's log_format, or text).")
    var logFormat: String?

    func validate() throws {
        if let logLevel, !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel.lowercased()) {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical, not '\(logLevel.prefix(40))'")
        }
        if let leaseTimeout, !(1...86_400).contains(leaseTimeout) {
            throw ValidationError("--lease-timeout must be from 1 to 86400 seconds, not \(leaseTimeout)")
        }
        if let logFormat, !["text", "json"].contains(logFormat.lowercased()) {
            throw ValidationError("--log-format must be text or json, not '\(logFormat.prefix(40))'")
        }
    }

    private var workingDirectory: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true) }

    /// The project enclosing the working folder, or nil.
    func project() throws -> Project? {
        try Project.find(from: workingDirectory)
    }

    /// The environment commands see: the process environment over the project's `.env` over `sluice.yaml`.
    func environment() throws -> [String: String] {
        var environment = Self.environment(project: try project())
        if let logLevel { environment["SLUICE_LOG_LEVEL"] = logLevel }
        if let logFormat { environment["SLUICE_LOG_FORMAT"] = logFormat }
        if let metadataURL { environment[MetadataStoreSetting.variable] = metadataURL }
        if let leaseTimeout { environment[MetadataStoreSetting.leaseVariable] = String(leaseTimeout) }
        return environment
    }

    static func environment(project: Project?) -> [String: String] {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return Project.environment(process: ProcessInfo.processInfo.environment, project: project, workingDirectory: cwd)
    }

    /// Where the metadata store and logs are. Outside any project, only an explicit `SLUICE_HOME` says
    /// where state goes: a command never creates a store in whatever folder it happens to run in.
    func storeLocation(environment: [String: String]) throws -> StoreLocation {
        guard let home = environment["SLUICE_HOME"], !home.isEmpty else {
            throw CommandError.notInProject(workingDirectory.path)
        }
        _ = home
        return StoreLocation.resolve(environment: environment)
    }

    func loader(environment: [String: String]) throws -> DagFolderLoader {
        try Self.loader(dagsFolder: dagsFolder, environment: environment, project: try project())
    }

    /// The DAG folder's loader: `dagsFolder` (the flag), else the environment's, else `<project>/dags`, with
    /// the default time zone; outside a project with no `./dags`, says so.
    static func loader(dagsFolder: String?, environment: [String: String], project: Project?) throws -> DagFolderLoader {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        if project == nil, dagsFolder == nil, environment["SLUICE_DAGS_FOLDER"] == nil,
           !FileManager.default.fileExists(atPath: cwd.appendingPathComponent("dags").path) {
            throw CommandError.notInProject(cwd.path)
        }
        var loader = DagFolderLoader(folder: DagFolderLoader.folder(option: dagsFolder, environment: environment),
                                     projectRoot: project?.root)
        loader.knownNotifiers = DagFolderLoader.notifierIDs(in: environment)
        if let name = environment["SLUICE_DEFAULT_TIMEZONE"], !name.isEmpty {
            guard let zone = TimeZone(identifier: name) else {
                throw CommandError.invalidSetting("SLUICE_DEFAULT_TIMEZONE", name, "an IANA time zone name such as UTC or Europe/Berlin")
            }
            loader.defaultTimeZone = zone
        }
        return loader
    }

    /// Loads the DAG folder; problems of broken files go to stderr as warnings, never stop the rest.
    func loadDags(environment: [String: String], quiet: Bool = false) throws -> DagBag {
        let bag = try loader(environment: environment).load()
        if !quiet {
            for problem in bag.problems {
                FileHandle.standardError.write(Data("warning: \(problem)\n".utf8))
            }
        }
        return bag
    }
}
