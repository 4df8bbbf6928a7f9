/// Every problem the template engine reports: syntax errors found while parsing and errors found
/// while rendering (an undefined name, a missing attribute, a bad call), with the template's name and
/// the 1-based line and column where it happened.
///
/// Its `description` is one line, `name:line:col: message`, and never contains rendered values
/// other than the names written in the template.
public struct TemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    public var templateName: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(templateName: String, line: Int, column: Int, message: String) {
        self.templateName = templateName
        self.line = line
        self.column = column
        self.message = message
    }

    /// An error without a position yet, thrown by functions; the renderer fills in where the call is.
    public init(message: String) {
        self.init(templateName: "", line: 0, column: 0, message: message)
    }

    public var description: String { "\(templateName):\(line):\(column): \(message)" }
}
