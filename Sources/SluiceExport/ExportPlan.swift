import Foundation
import SluiceCore
import SluiceDefinitions
import SluiceExecution

/// An export's settings rendered for one run: the query, the partition and staging keys, the part file
/// settings and the audits with their SQL rendered.
struct ExportPlan: Sendable {
    var query: ExportQuery
    var sourceDescription: String
    /// The partition key prefix, no leading or trailing slash.
    var partition: String
    /// This try's folder in the destination's staging area (`StagedTry.folder`), ending in `/`.
    var staging: String
    /// This try's staging record.
    var stagedTry: StagedTry
    var settings: PartWriter.Settings
    var maxFileSize: Int64?
    /// Audits with `sql` and column lists rendered.
    var audits: [AuditSpec]
    var masker: SecretMasker

    static func render(spec: ExportSpec, attempt: TaskAttempt, renderer: TaskRenderer) throws -> ExportPlan {
        let task = attempt.task
        let run = try attempt.renderRun()
        var templates: [TemplateSource] = []
        switch spec.source {
        case let .table(text): templates.append(TemplateSource(text: text, name: "\(task.taskId) table"))
        case let .query(source): templates.append(source)
        }
        templates.append(TemplateSource(text: spec.path, name: "\(task.taskId) path"))
        templates.append(TemplateSource(text: spec.timestampColumn ?? "", name: "\(task.taskId) timestamp_column"))
        let (texts, masker) = try renderer.render(templates: templates, task: task, dag: attempt.dag, run: run)
        // The same rendering `sluice dags validate` checks with each for_each item: sql and column lists.
        let audits = try renderer.render(audits: spec.audits, task: task, dag: attempt.dag, run: run)

        let source: ExportQuery.Source
        let description: String
        switch spec.source {
        case .table:
            source = .table(texts[0])
            description = "table \(texts[0].trimmingCharacters(in: .whitespacesAndNewlines))"
        case .query:
            source = .query(texts[0])
            description = "query"
        }
        let column = texts[2].trimmingCharacters(in: .whitespacesAndNewlines)
        let query = try ExportQuery(source: source, timestampColumn: column.isEmpty ? nil : column, mode: spec.mode,
                                    interval: (run.info.dataIntervalStart, run.info.dataIntervalEnd))

        var partition = texts[1].trimmingCharacters(in: .whitespacesAndNewlines)
        while partition.hasPrefix("/") { partition.removeFirst() }
        while partition.hasSuffix("/") { partition.removeLast() }
        guard !partition.isEmpty else { throw ExportError.invalidSetting(key: "path", reason: "it renders to an empty path") }
        let segments = partition.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            throw ExportError.invalidSetting(key: "path", reason: "'\(partition)' has an empty, '.' or '..' segment")
        }
        if segments.contains("_staging") {
            throw ExportError.invalidSetting(key: "path", reason: "'\(partition)' contains _staging, a folder name Sluice reserves: earlier versions staged files there and `sluice lake gc` removes such folders")
        }
        let instance = attempt.instance
        let stagedTry = StagedTry(dagId: instance.dagId, taskId: instance.taskId, runId: instance.runId,
                                  tryNumber: instance.tryNumber, partition: partition)

        let delimiterBytes = Array(spec.delimiter.utf8)
        guard delimiterBytes.count == 1, let delimiter = delimiterBytes.first, delimiter != UInt8(ascii: "\""),
              delimiter != 10, delimiter != 13 else {
            throw ExportError.invalidSetting(key: "delimiter", reason: "it must be one ASCII character other than a quote or a line break")
        }
        let compression = spec.compression
        if spec.format != .parquet && compression == .snappy {
            throw ExportError.invalidSetting(key: "compression", reason: "snappy is for parquet; use none, gzip or zstd for \(spec.format.rawValue)")
        }
        if spec.format == .parquet && compression == .gzip {
            throw ExportError.invalidSetting(key: "compression", reason: "parquet files are compressed with none, snappy or zstd")
        }
        let settings = PartWriter.Settings(
            format: spec.format, compression: compression, delimiter: delimiter, rowGroupSize: spec.rowGroupSize,
            dictionary: spec.dictionary, createdBy: "", keyValueMetadata: [], maxFileSize: spec.maxFileSize
        )
        return ExportPlan(query: query, sourceDescription: description, partition: partition, staging: stagedTry.folder, stagedTry: stagedTry,
                          settings: settings, maxFileSize: spec.maxFileSize, audits: audits, masker: masker)
    }
}
