/// What `d.items()`, `d.keys()` and `d.values()` give: Python's dict views. They iterate, have a
/// length, support `in` and the filters like a sequence, but print as Python prints them
/// (`dict_items([('a', 1)])`) and equal no list.
struct TemplateDictView: TemplateObject {
    enum Kind: String, Sendable {
        case items = "dict_items", keys = "dict_keys", values = "dict_values"
    }

    let kind: Kind
    let items: [TemplateValue]

    var typeName: String { kind.rawValue }

    func appendText(to out: inout String) {
        out += kind.rawValue
        out += "("
        TemplateValue.list(items).appendRepr(to: &out)
        out += ")"
    }

    /// Python: keys and items views equal views with the same elements as sets; values views only
    /// themselves. Sluice compares keys and items views by their elements in order-free fashion.
    func isEqual(to other: any TemplateObject) -> Bool {
        guard let other = other as? TemplateDictView, other.kind == kind, kind != .values, other.items.count == items.count else { return false }
        return items.allSatisfy { other.items.contains($0) }
    }
}

extension TemplateValue {
    /// The view's items when this is a dict view (`d.items()`), for code that takes any sequence.
    var dictViewItems: [TemplateValue]? {
        if case .object(let o as TemplateDictView) = self { return o.items }
        return nil
    }
}
