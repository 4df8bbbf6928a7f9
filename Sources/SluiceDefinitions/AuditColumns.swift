import Foundation
import SluiceCore
import SluiceTemplates

/// The columns of a `not_null` or `unique` audit: what its entries, possibly templates, stand for.
///
/// An audit's columns are written as one string or a list of strings, and each string may be a
/// template (`not_null: "{{ item.not_null }}"` in a `for_each` group). An entry renders natively: when it
/// is one `{{ expression }}` whose value is a list, each element is a column; any other value is text
/// split at commas (`"id, amount"`). Every resulting name must be a plain column name (a letter or `_`,
/// then letters, digits, `_` or `$`, at most 63 bytes, as PostgreSQL names are without quotes) and there
/// must be at least one. Loading checks static entries and renders the templates of each group item
/// that read nothing but `item`; the export renders every entry with the run's context. Both go
/// through `resolve`, so validation and the run agree.
enum AuditColumns {
    /// The column names `entries` stand for, each entry a template rendered with `context`.
    /// Throws a `TemplateError` for a template that fails or a name that is not a column name.
    static func resolve(_ entries: [String], name: String, context: TemplateContext) throws -> [String] {
        var columns: [String] = []
        for entry in entries {
            let value = Template.containsTag(entry) ? try Template(source: entry, name: name).renderValue(context) : .string(entry)
            columns += try names(in: value)
        }
        guard !columns.isEmpty else { throw TemplateError(message: "it names no column; give at least one") }
        return columns
    }

    /// The names a rendered entry stands for: a list's strings, or a text's comma-separated parts.
    static func names(in value: TemplateValue) throws -> [String] {
        let parts: [String]
        switch value {
        case .list(let items), .tuple(let items):
            parts = try items.map { item in
                guard case .string(let text) = item else {
                    throw TemplateError(message: "its list holds a value of type \(item.typeName), not a column name")
                }
                return text
            }
        case .string(let text):
            parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        default:
            throw TemplateError(message: "it renders to a value of type \(value.typeName), not column names (write a list or a comma-separated string)")
        }
        var names: [String] = []
        for part in parts {
            let name = part.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty { continue }
            guard isColumnName(name) else {
                throw TemplateError(message: "'\(UserText.quote(name))' is not a column name: it must start with a letter or '_' and hold only letters, digits, '_' and '$' (at most 63 bytes); audit other columns with a sql audit")
            }
            names.append(name)
        }
        return names
    }

    /// A name PostgreSQL takes without quotes, case kept.
    static func isColumnName(_ name: String) -> Bool {
        guard let first = name.first, name.utf8.count <= 63, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
    }
}
