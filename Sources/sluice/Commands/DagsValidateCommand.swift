import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions

/// `sluice dags validate [PATH]`: load every DAG file, print every problem, exit 1 if any.
struct DagsValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check DAG files; print each problem as file:line:col: message.",
        discussion: "Exits 0 when every file loads, 1 otherwise. Touches no database."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A DAG file or folder (default: the DAG folder).") var path: String?
    @Flag(help: "Print a JSON object: dags, files, problems (file, line, column, message).") var json = false

    func run() async throws {
        let env = try global.environment()
        var loader: DagFolderLoader
        if let path {
            let folder = URL(fileURLWithPath: path)
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir)
            // A single file resolves include/ against the parent of its folder, like the folder would.
            let root = exists && !isDir.boolValue ? folder.deletingLastPathComponent().deletingLastPathComponent() : nil
            let project = try global.project()
            let zone = try GlobalOptions.loader(dagsFolder: path, environment: env, project: project).defaultTimeZone
            loader = DagFolderLoader(folder: folder, projectRoot: root ?? project?.root)
            loader.defaultTimeZone = zone
        } else {
            loader = try global.loader(environment: env)
        }
        let bag = try loader.load()
        let files = bag.files.count
        if json {
            let problems: [JSONValue] = bag.problems.map {
                .object([("file", .string($0.file)), ("line", .int($0.line)), ("column", .int($0.column)), ("message", .string($0.message))])
            }
            print(JSONValue.object([("dags", .int(bag.dags.count)), ("files", .int(files)), ("problems", .array(problems))]).jsonText)
            if !bag.problems.isEmpty { throw ExitCode(1) }
            return
        }
        for problem in bag.problems { print(problem) }
        if bag.problems.isEmpty {
            print("\(bag.dags.count) DAG\(bag.dags.count == 1 ? "" : "s") from \(files) file\(files == 1 ? "" : "s"): all valid")
        } else {
            throw ValidationProblems(summary: "\(bag.problems.count) problem\(bag.problems.count == 1 ? "" : "s") in \(Set(bag.problems.map(\.file)).count) of \(files) files; \(bag.dags.count) DAGs loaded")
        }
    }
}

/// The closing line of a validation that found problems (they are listed on stdout before it).
struct ValidationProblems: Error, CustomStringConvertible {
    var summary: String
    var description: String { summary }
}
