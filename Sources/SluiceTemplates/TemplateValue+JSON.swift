import Foundation

extension TemplateValue {
    /// Parses JSON text (for `var.json.NAME`); nil when it is not JSON. Object keys come out sorted.
    public init?(json text: String) {
        guard let parsed = try? JSONDecoder().decode(JSONTemplateValue.self, from: Data(text.utf8)) else { return nil }
        self = parsed.value
    }
}

/// Decodes any JSON value into a `TemplateValue`.
private struct JSONTemplateValue: Decodable {
    var value: TemplateValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .none
        } else if let b = try? container.decode(Bool.self) {
            value = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            value = .int(i)
        } else if let d = try? container.decode(Double.self) {
            value = .double(d)
        } else if let s = try? container.decode(String.self) {
            value = .string(s)
        } else if let list = try? container.decode([JSONTemplateValue].self) {
            value = .list(list.map(\.value))
        } else {
            let object = try container.decode([String: JSONTemplateValue].self)
            value = .dict(TemplateDictionary(object.mapValues(\.value)))
        }
    }
}
