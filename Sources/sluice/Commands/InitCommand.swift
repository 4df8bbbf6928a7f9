import ArgumentParser
import Foundation
import SluiceDefinitions

/// `sluice init [DIR]`: scaffolds a project; never overwrites a file that exists.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project: sluice.yaml, dags/ with an example export DAG, include/, .env.example, .gitignore.",
        discussion: "Files that exist already are kept as they are."
    )

    @Argument(help: "The project folder (default: the working folder); created when missing.") var directory: String = "."

    func run() throws {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        let fm = FileManager.default
        var created = 0
        for (path, content) in ProjectScaffold.files {
            let url = root.appendingPathComponent(path)
            if fm.fileExists(atPath: url.path) {
                FileHandle.standardError.write(Data("kept \(path): it exists\n".utf8))
                continue
            }
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw InitError(path: url.path, reason: (error as NSError).localizedDescription)
            }
            print("created \(path)")
            created += 1
        }
        print(created == 0 ? "\(root.path) is already a project" : "project ready in \(root.path): copy .env.example to .env, then run `sluice dags validate`")
    }

    struct InitError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }
}
