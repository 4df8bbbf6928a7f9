import Foundation

/// Reads a `.env` file: `KEY=value` lines, `#` comments, optional `export `, single or double quotes.
///
/// Sluice reads connections (`SLUICE_CONN_*`), destinations and secrets from the environment;
/// a `.env` beside the DAGs is the usual way to keep them out of the DAG files. Variables already
/// set in the process environment win over the file.
public enum DotEnv {
    /// Parses the text of a `.env` file.
    public static func parse(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
                if first == "\"" {
                    value = value.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\\"", with: "\"")
                }
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            guard !key.isEmpty else { continue }
            result[key] = value
        }
        return result
    }

    /// The process environment overlaid on the `.env` file at `url` (when it exists).
    public static func environment(process: [String: String], dotEnvAt url: URL?) -> [String: String] {
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else { return process }
        return parse(text).merging(process) { _, fromProcess in fromProcess }
    }
}
