import ArgumentParser
import Foundation
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

    func run() async throws {
        let env = try global.environment()
        let folder = path.map { URL(fileURLWithPath: $0) } ?? DagFolderLoader.folder(option: global.dagsFolder, environment: env)
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir)
        // A single file resolves include/ against the parent of its folder, like the folder would.
        let root = exists && !isDir.boolValue ? folder.deletingLastPathComponent().deletingLastPathComponent() : nil
        let bag = try DagFolderLoader(folder: folder, projectRoot: root).load()
        for problem in bag.problems { print(problem) }
        let files = bag.files.count
        if bag.problems.isEmpty {
            print("\(bag.dags.count) DAG\(bag.dags.count == 1 ? "" : "s") from \(files) file\(files == 1 ? "" : "s"): all valid")
        } else {
            print("\(bag.problems.count) problem\(bag.problems.count == 1 ? "" : "s") in \(Set(bag.problems.map(\.file)).count) of \(files) files; \(bag.dags.count) DAGs loaded")
            throw ExitCode(1)
        }
    }
}
