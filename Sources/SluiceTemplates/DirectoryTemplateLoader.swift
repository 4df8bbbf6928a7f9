import Foundation

/// A `TemplateLoader` that reads included templates as UTF-8 files below one directory (Sluice's
/// `include/` folder), refusing names that would leave it (absolute paths, `..`).
public struct DirectoryTemplateLoader: TemplateLoader {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func source(named name: String) throws -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0.isEmpty }) else {
            throw TemplateError(message: "the template name '\(name)' must be a relative path inside \(directory.path)")
        }
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TemplateError(message: "there is no template file '\(name)' in \(directory.path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(message: "the template file '\(name)' is not valid UTF-8")
        }
        return text
    }
}
