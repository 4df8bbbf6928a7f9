/// The export task the staging tests run: a query exported in full to destination `lake`, by default in
/// small Parquet parts (16 KB, 250-row groups) so one partition has several files.
enum StagingTaskYAML {
    static func export(query: String, path: String, format: String = "parquet", compression: String = "snappy",
                       smallParts: Bool = true, extra: String = "", indent: Int = 0) -> String {
        var lines = [
            "query: \"\(query)\"", "mode: full", "format: \(format)", "compression: \(compression)",
            "destination: lake", "path: \"\(path)\"",
        ]
        if smallParts { lines += ["max_file_size: 16KB", "row_group_size: 250"] }
        lines += extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        let pad = String(repeating: " ", count: indent)
        return lines.map { pad + $0 }.joined(separator: "\n")
    }
}
