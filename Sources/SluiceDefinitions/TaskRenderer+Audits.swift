import SluiceCore
import SluiceTemplates

extension TaskRenderer {
    /// An export's audits as they run: each `sql` audit's query rendered, and each `not_null`/`unique`
    /// column entry rendered and resolved to column names (`AuditColumns`, the rules loading checks
    /// with each group item), with the same context as the task's other templates.
    public func render(audits: [AuditSpec], task: TaskSpec, dag: Dag, run: Run) throws -> [AuditSpec] {
        guard audits.contains(where: \.isTemplated) else { return audits }
        let prepared = try prepare(task, of: dag, run: run)
        let context = TemplateContext(variables: prepared.context, loader: prepared.loader)
        func name(_ audit: String) -> String { "\(task.taskId) audit \(audit)" }
        func columns(_ entries: [String], _ audit: String) throws -> [String] {
            do {
                return try AuditColumns.resolve(entries, name: name(audit), context: context)
            } catch let error as TemplateError where error.line == 0 {
                throw TemplateError(templateName: name(audit), line: 1, column: 1, message: "the \(audit) columns: \(error.message)")
            }
        }
        return try audits.map { audit in
            switch audit {
            case .sql(let text):
                return .sql(try render(source: TemplateSource(text: text, name: name("sql")), context: prepared.context, loader: prepared.loader))
            case .notNull(let entries): return .notNull(try columns(entries, "not_null"))
            case .unique(let entries): return .unique(try columns(entries, "unique"))
            case .rowCountMatchesSource, .minRows: return audit
            }
        }
    }
}

extension AuditSpec {
    /// Whether rendering can change the audit: a `sql` audit, or columns written as templates.
    var isTemplated: Bool {
        switch self {
        case .sql: return true
        case .notNull(let entries), .unique(let entries): return entries.contains(where: Template.containsTag)
        case .rowCountMatchesSource, .minRows: return false
        }
    }
}
