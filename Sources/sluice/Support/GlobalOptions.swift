import ArgumentParser
import Foundation
import SluiceCore
import SluiceDefinitions

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of DAG files (default: $SLUICE_DAGS_FOLDER or ./dags).")
    var dagsFolder: String?

    /// The process environment over `.env` from the working folder.
    func environment() -> [String: String] {
        let dotEnv = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".env")
        return DotEnv.environment(process: ProcessInfo.processInfo.environment, dotEnvAt: dotEnv)
    }

    func loader(environment: [String: String]) -> DagFolderLoader {
        DagFolderLoader(folder: DagFolderLoader.folder(option: dagsFolder, environment: environment))
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
