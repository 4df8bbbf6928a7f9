import Foundation
import SluiceCore

/// Loads every `*.yaml`/`*.yml` file of a DAG folder into a `DagBag`.
///
/// The folder is `--dags-folder`, else `SLUICE_DAGS_FOLDER`, else `./dags`. `include/` paths in
/// DAG files resolve against the folder's parent (the project root), as in an Astro project.
public struct DagFolderLoader: Sendable {
    public let folder: URL
    public let projectRoot: URL
    /// The time zone of DAGs that name none (`default_timezone` in sluice.yaml; UTC unless set).
    public var defaultTimeZone: TimeZone = .gmt
    /// The notifier ids defined (`SLUICE_NOTIFY_<ID>`, lowercased): `notify:` naming another is a
    /// located problem. Nil: not checked.
    public var knownNotifiers: Set<String>?

    /// The notifier ids an environment defines: `SLUICE_NOTIFY_<ID>` without the `_FORMAT`, `_SECRET`
    /// and `_HEADERS` settings, lowercased.
    public static func notifierIDs(in environment: [String: String]) -> Set<String> {
        let prefix = "SLUICE_NOTIFY_"
        let settings = ["_FORMAT", "_SECRET", "_HEADERS"]
        return Set(environment.keys.map { $0.uppercased() }
            .filter { $0.hasPrefix(prefix) && $0.count > prefix.count && !settings.contains(where: $0.hasSuffix) }
            .map { String($0.dropFirst(prefix.count)).lowercased() })
    }

    public init(folder: URL, projectRoot: URL? = nil) {
        self.folder = folder.standardizedFileURL
        self.projectRoot = (projectRoot ?? folder.standardizedFileURL.deletingLastPathComponent()).standardizedFileURL
    }

    /// The DAG folder chosen by an explicit option, the environment, or the default `./dags`.
    public static func folder(option: String?, environment: [String: String]) -> URL {
        let path = option ?? environment["SLUICE_DAGS_FOLDER"] ?? "dags"
        return URL(fileURLWithPath: path)
    }

    /// The DAG files of the folder (recursively), in path order.
    public func dagFiles() throws -> [URL] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) else {
            throw LookupError(message: "DAG folder \(DisplayPath.of(folder)) does not exist; pass --dags-folder or set SLUICE_DAGS_FOLDER")
        }
        if !isDir.boolValue { return [folder] }
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
            files.append(url.standardizedFileURL)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Loads the folder; never throws for a broken file, only when the folder is missing.
    public func load() throws -> DagBag {
        var bag = DagBag()
        var origin: [String: String] = [:]
        for url in try dagFiles() {
            bag.files[url] = Self.modificationDate(url)
            let (result, used) = parseFile(url)
            for file in used { bag.includeFiles[file] = Self.modificationDate(file) }
            switch result {
            case let .success(dag):
                if let first = origin[dag.dagId] {
                    bag.problems.append(DagProblem(file: DisplayPath.of(url), line: 1, column: 1, message: "dag_id '\(UserText.quote(dag.dagId))' is already defined in \(first); dag ids must be unique"))
                } else {
                    origin[dag.dagId] = DisplayPath.of(url)
                    bag.dags[dag.dagId] = dag
                }
            case let .failure(error):
                bag.problems.append(contentsOf: error.problems)
            }
        }
        return bag
    }

    /// Whether a DAG file was added, removed or modified, or a file one of them reads was modified or
    /// removed, since `bag` was loaded.
    public func hasChanged(since bag: DagBag) throws -> Bool {
        let files = try dagFiles()
        guard files.count == bag.files.count else { return true }
        for url in files where bag.files[url] != Self.modificationDate(url) { return true }
        for (url, date) in bag.includeFiles where Self.modificationDate(url) != date { return true }
        return false
    }

    /// Loads one file.
    public func loadFile(_ url: URL) -> Result<Dag, DefinitionsError> {
        parseFile(url).result
    }

    /// Loads one file, with the other files it read.
    func parseFile(_ url: URL) -> (result: Result<Dag, DefinitionsError>, used: Set<URL>) {
        let display = DisplayPath.of(url)
        func failure(_ message: String) -> (Result<Dag, DefinitionsError>, Set<URL>) {
            (.failure(DefinitionsError(problems: [DagProblem(file: display, line: 1, column: 1, message: message)])), [])
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= DagLimits.fileBytes else {
            return failure("the file is larger than \(DagLimits.fileBytes / 1_048_576) MiB; DAG files must be smaller")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return failure("cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { return failure("the file is not UTF-8 text") }
        var parser = DagFileParser(fileURL: url, displayPath: display, projectRoot: projectRoot, text: text)
        parser.defaultTimeZone = defaultTimeZone
        parser.knownNotifiers = knownNotifiers
        if let dag = parser.parse() { return (.success(dag), parser.usedFiles) }
        return (.failure(DefinitionsError(problems: parser.problems)), parser.usedFiles)
    }

    /// A file's modification time; `distantPast` when it cannot be read (so a file that appears counts as a change).
    static func modificationDate(_ url: URL) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date.distantPast
    }
}
