import SluiceCore
import SluiceTemplates

extension TemplateValue {
    /// The template value of DAG data (params, items, conf), keeping mapping order.
    init(json: JSONValue) {
        switch json {
        case .null: self = .none
        case let .bool(b): self = .bool(b)
        case let .int(i): self = .int(i)
        case let .double(d): self = .double(d)
        case let .string(s): self = .string(s)
        case let .array(items): self = .list(items.map(TemplateValue.init(json:)))
        case let .object(pairs):
            var dict = TemplateDictionary()
            for (k, v) in pairs { dict[k] = TemplateValue(json: v) }
            self = .dict(dict)
        }
    }
}
