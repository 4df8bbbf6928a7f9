/// The rendered text as it grows: UTF-8 bytes, turned into one `String` at the end.
///
/// Appending many short pieces to a Swift `String` costs a few hundred instructions each (it
/// re-checks capacity, ASCII-ness and storage class every time); appending bytes to an array is
/// a plain copy. Every piece appended is already valid UTF-8, so the final conversion is cheap.
/// It keeps at most `TemplateLimits.outputBytes` of text, so a hostile template fails instead of
/// filling memory (`TemplateBudget` counts the loop iterations of the whole render).
struct TemplateOutput {
    private var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(min(capacity, TemplateLimits.outputBytes))
    }

    mutating func append(_ text: String) throws {
        guard bytes.count + text.utf8.count <= TemplateLimits.outputBytes else {
            throw TemplateError(message: "the rendered text would be longer than \(TemplateLimits.outputMegabytes) MiB; is a loop or a repeated string running away?")
        }
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if done == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// Appends `str(value)`.
    mutating func append(_ value: TemplateValue) throws {
        if case .string(let s) = value {
            try append(s)
        } else {
            var text = ""
            value.appendText(to: &text)
            try append(text)
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
