import Foundation
import SluiceCore
import SluiceTemplates

/// The one place that turns a name a DAG file or template includes (`include/copy.sql`, a
/// `for_each` YAML file, `{% include 'where.sql' %}`) into a file, and only a file inside the project.
///
/// A name is looked up as Airflow's template search path does, DAG file's folder first (Airflow
/// searches the DAG's folder, then `template_searchpath`), then the project root, then the project's
/// `include/` folder; the first existing file wins. A candidate counts only when its standardized, symlink-resolved
/// path lies inside the project root's, compared component by component, so `/proj-other/x.sql`,
/// `../x.sql` and a symlink pointing out of the project are all refused for the root `/proj`.
/// It is also the `TemplateLoader` rendering uses, so validation and rendering agree on every name.
public struct IncludeResolver: TemplateLoader, Sendable {
    /// The project root, standardized with symlinks resolved.
    public let projectRoot: URL
    /// The folder of the DAG file whose templates this resolves (searched first), when known.
    public let dagFolder: URL?

    public init(projectRoot: URL, dagFolder: URL? = nil) {
        self.projectRoot = projectRoot.standardizedFileURL.resolvingSymlinksInPath()
        self.dagFolder = dagFolder.map { $0.standardizedFileURL.resolvingSymlinksInPath() }
    }

    /// The existing file `name` refers to inside the project, or nil.
    public func resolve(_ name: String, dagFolder: URL? = nil) -> URL? {
        var isDirectory: ObjCBool = false
        for candidate in candidates(for: name, dagFolder: dagFolder ?? self.dagFolder) {
            let resolved = candidate.resolvingSymlinksInPath()
            guard Self.contains(projectRoot, resolved),
                  FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            return resolved
        }
        return nil
    }

    /// The places `name` is looked for, in order, inside the project (before symlinks are resolved).
    public func candidates(for name: String, dagFolder: URL? = nil) -> [URL] {
        guard !name.isEmpty, !name.contains("\u{0}") else { return [] }
        var candidates: [URL]
        if name.hasPrefix("/") {
            candidates = [URL(fileURLWithPath: name)]
        } else {
            candidates = [projectRoot.appendingPathComponent(name), projectRoot.appendingPathComponent("include").appendingPathComponent(name)]
            if let dagFolder = dagFolder ?? self.dagFolder { candidates.insert(dagFolder.appendingPathComponent(name), at: 0) }
        }
        return candidates.map(\.standardizedFileURL).filter { Self.contains(projectRoot, $0) }
    }

    /// Whether `path` is `root` or lies below it, comparing whole path components.
    public static func contains(_ root: URL, _ path: URL) -> Bool {
        let rootParts = root.standardizedFileURL.pathComponents.filter { $0 != "/" }
        let parts = path.standardizedFileURL.pathComponents.filter { $0 != "/" }
        return parts.count >= rootParts.count && Array(parts.prefix(rootParts.count)) == rootParts
    }

    /// `TemplateLoader`: the text of an included template.
    public func source(named name: String) throws -> String {
        guard let url = resolve(name) else {
            let places = (dagFolder == nil ? [] : ["the DAG file's folder"]) + ["the project root \(projectRoot.path)", "its include/ folder"]
            throw TemplateError(message: "included template '\(UserText.quote(name))' not found (looked in \(places.joined(separator: ", ")))")
        }
        return try Self.text(of: url, name: name)
    }

    /// A UTF-8 file of at most `DagLimits.fileBytes`.
    static func text(of url: URL, name: String) throws -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= DagLimits.fileBytes else {
            throw TemplateError(message: "included file '\(UserText.quote(name))' is larger than \(DagLimits.fileBytes / 1_048_576) MiB")
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(message: "cannot read included file '\(UserText.quote(name))' as UTF-8 text")
        }
        return text
    }
}
