/// A template's text after Jinja's newline handling, with the conversion from UTF-8 offsets to the
/// 1-based line and column (in characters) that error messages show.
struct TemplateSource: Sendable {
    let name: String
    let text: String

    /// Normalises `\r\n` and `\r` to `\n` and drops one trailing newline, as Jinja does by default
    /// (`keep_trailing_newline=False`, which Airflow keeps).
    init(name: String, raw: String) {
        self.name = name
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        guard raw.utf8.contains(cr) || raw.utf8.last == lf else {
            self.text = raw
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var afterCR = false
        for b in raw.utf8 {
            if b == cr {
                bytes.append(lf)
                afterCR = true
            } else {
                if !(b == lf && afterCR) { bytes.append(b) }
                afterCR = false
            }
        }
        if bytes.last == lf { bytes.removeLast() }
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    /// The 1-based line and column of a UTF-8 offset.
    func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        for scalar in text.unicodeScalars {
            if index >= offset { break }
            index += UTF8.width(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    func error(at offset: Int, _ message: String) -> TemplateError {
        let (line, column) = position(ofOffset: offset)
        return TemplateError(templateName: name, line: line, column: column, message: message)
    }
}
