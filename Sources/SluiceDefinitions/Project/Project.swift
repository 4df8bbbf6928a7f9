import Foundation
import SluiceCore

/// A Sluice project: the folder with `sluice.yaml` (or, for projects made before it existed, a folder
/// holding both `dags/` and `.sluice/`), found by walking up from the working folder, so every command
/// works from any subfolder.
public struct Project: Sendable, Equatable {
    /// The project's root folder.
    public let root: URL
    /// `sluice.yaml`'s settings (all defaults when the project has no such file).
    public let config: ProjectConfig

    public static let fileName = "sluice.yaml"

    public init(root: URL, config: ProjectConfig) {
        self.root = root
        self.config = config
    }

    /// The project enclosing `directory`, or nil outside any project. A broken `sluice.yaml` throws its
    /// located problem.
    public static func find(from directory: URL) throws -> Project? {
        var folder = directory.standardizedFileURL
        let fm = FileManager.default
        while true {
            let file = folder.appendingPathComponent(fileName)
            if fm.fileExists(atPath: file.path) {
                let text: String
                do {
                    text = try String(contentsOf: file, encoding: .utf8)
                } catch {
                    throw DagProblem(file: DisplayPath.of(file), line: 1, column: 1, message: "cannot read the file as UTF-8 text")
                }
                return Project(root: folder, config: try ProjectConfig.parse(text, file: DisplayPath.of(file)))
            }
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: folder.appendingPathComponent("dags").path, isDirectory: &isDir), isDir.boolValue,
               fm.fileExists(atPath: folder.appendingPathComponent(".sluice").path, isDirectory: &isDir), isDir.boolValue {
                return Project(root: folder, config: ProjectConfig())
            }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The environment commands see: the process environment over the project's `.env` over
    /// `sluice.yaml`'s settings. Outside a project, the process environment over `./.env`.
    public static func environment(process: [String: String], project: Project?, workingDirectory: URL) -> [String: String] {
        guard let project else {
            return DotEnv.environment(process: process, dotEnvAt: workingDirectory.appendingPathComponent(".env"))
        }
        let fromFile = DotEnv.environment(process: process, dotEnvAt: project.root.appendingPathComponent(".env"))
        var env = project.config.environment(root: project.root)
        // A relative SLUICE_HOME or SLUICE_DAGS_FOLDER from the environment is relative to the project root.
        for (key, value) in fromFile {
            if ["SLUICE_HOME", "SLUICE_DAGS_FOLDER"].contains(key), !value.isEmpty, !value.hasPrefix("/"), process[key] == nil {
                env[key] = project.root.appendingPathComponent(value).standardizedFileURL.path
            } else {
                env[key] = value
            }
        }
        return env
    }
}
