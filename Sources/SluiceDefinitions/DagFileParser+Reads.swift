import Foundation
import SluiceCore
import SluiceTemplates
import Yams

/// Checks of what templates read, made once a task's params and a group's items are known:
/// every `params.x` is declared, every `item.x` is a key of each item, and each item's audit column
/// lists render to column names (docs/dag-format.md, Validation).
extension DagFileParser {
    /// Every param `templates` cannot do without must be in `known`; a missing one is a problem at
    /// the place it is read, with the closest declared name when one is close.
    mutating func checkParamReads(_ templates: [ParsedTemplate], known: [String], scope: String) {
        var reported = Set<String>()
        for parsed in templates {
            for read in parsed.reads.requiredKeys(of: "params") where !known.contains(read.key) {
                let place = place(of: read, in: parsed)
                guard reported.insert("\(place) \(read.key)").inserted else { continue }
                let key = UserText.quote(read.key)
                var hint = DidYouMean.hint(for: read.key, among: known)
                if hint.isEmpty {
                    hint = ": declare it under params: (a value given at trigger time needs a default there), or read it as params.\(key) | default(...)"
                }
                problem(at: place, "the \(parsed.role) template reads params.\(key), which is not declared \(scope)\(hint)")
            }
        }
    }

    /// Whether `item` has every key `templates` cannot do without; each missing key is a problem at
    /// the item's own place that names where it is read.
    mutating func checkItemKeys(_ item: JSONValue, at itemPlace: SourcePlace, templates: [ParsedTemplate]) -> Bool {
        var keys: [String]?
        if case let .object(pairs) = item { keys = pairs.map(\.0) }
        var reported = Set<String>()
        for parsed in templates {
            for read in parsed.reads.requiredKeys(of: "item") where !(keys?.contains(read.key) ?? false) {
                guard reported.insert(read.key).inserted else { continue }
                let key = UserText.quote(read.key)
                let readPlace = place(of: read, in: parsed)
                guard let keys else {
                    problem(at: itemPlace, "this item is not a mapping, but the \(parsed.role) template reads item.\(key) at \(readPlace)")
                    continue
                }
                problem(at: itemPlace, "this item has no key '\(key)', which the \(parsed.role) template reads at \(readPlace)\(DidYouMean.hint(for: read.key, among: keys))")
            }
        }
        return reported.isEmpty
    }

    /// The `not_null` and `unique` audits of a group whose column templates can be rendered with an item
    /// alone (they read nothing else), as (audit name, entries).
    func itemAuditChecks(_ prototype: TaskSpec) -> [(String, [String])] {
        var checks: [(String, [String])] = []
        for audit in prototype.export?.audits ?? [] {
            let entries: [String], name: String
            switch audit {
            case .notNull(let e): (entries, name) = (e, "not_null")
            case .unique(let e): (entries, name) = (e, "unique")
            default: continue
            }
            let templated = entries.filter(Template.containsTag)
            guard !templated.isEmpty else { continue }
            let itemOnly = templated.allSatisfy { text in
                guard let template = try? Template(source: text, name: displayPath) else { return false }
                return template.reads.names.isSubset(of: ["item"])
            }
            if itemOnly { checks.append((name, entries)) }
        }
        return checks
    }

    /// Renders each audit's column list with `item`, as the export will (`AuditColumns`); a list that
    /// fails or holds something other than column names is a problem at the item's place.
    mutating func checkAuditColumns(_ checks: [(String, [String])], item: JSONValue, at itemPlace: SourcePlace, taskId: String) {
        guard !checks.isEmpty else { return }
        let context = TemplateContext(variables: ["item": TemplateValue(json: item)], loader: IncludeResolver(projectRoot: projectRoot, dagFolder: fileURL.deletingLastPathComponent()))
        for (name, entries) in checks {
            do {
                _ = try AuditColumns.resolve(entries, name: "\(name) columns", context: context)
            } catch {
                let reason = (error as? TemplateError)?.message ?? "\(error)"
                problem(at: itemPlace, "the \(name) columns of task '\(UserText.quote(taskId))' made from this item: \(reason)")
            }
        }
    }

    /// Where a read is in the files: inline templates are mapped through their node.
    mutating func place(of read: TemplateReads.KeyRead, in parsed: ParsedTemplate) -> SourcePlace {
        switch parsed.place {
        case .file(let file):
            return SourcePlace(file: file, line: read.line, column: read.column)
        case .inline(let node):
            let (line, column) = locate(templateLine: read.line, templateColumn: read.column, in: node)
            return SourcePlace(file: displayPath, line: line, column: column)
        }
    }
}
