import SluiceCore

/// What the template engine adds to `TemplateSource`: Jinja's newline handling, and the conversion
/// from UTF-8 offsets to the 1-based line and column (in characters) that error messages show.
extension TemplateSource {
    /// The source with `\r\n` and `\r` turned into `\n` and one trailing newline dropped, as Jinja
    /// does by default (`keep_trailing_newline=False`, which Airflow keeps).
    func normalizingNewlines() -> TemplateSource {
        var copy = self
        copy.text = Self.normalizedNewlines(text)
        return copy
    }

    private static func normalizedNewlines(_ raw: String) -> String {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        guard raw.utf8.contains(cr) || raw.utf8.last == lf else { return raw }
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
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 1-based line and column of a UTF-8 offset, in the template's own text.
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

    /// An error at a UTF-8 offset, its line moved by `lineOffset` so it points into the file
    /// that holds the text (a DAG file for inline SQL).
    func error(at offset: Int, _ message: String) -> TemplateError {
        let (line, column) = position(ofOffset: offset)
        return TemplateError(templateName: name, line: line + lineOffset, column: column, message: message)
    }
}
