import SluiceCore

/// Reads the arguments of a function, method or filter call the way Python binds them: each
/// parameter by position first, then by keyword; `finish()` rejects what is left over.
/// Errors are `TemplateError`s without a position; the renderer adds it.
struct TemplateArgumentReader {
    let function: String
    private var positional: [TemplateValue]
    private var keywords: [(String, TemplateValue)]
    private var next = 0

    init(function: String, positional: [TemplateValue], keywords: [(String, TemplateValue)]) {
        self.function = function
        self.positional = positional
        self.keywords = keywords
    }

    mutating func optionalValue(_ name: String) throws -> TemplateValue? {
        if let index = keywords.firstIndex(where: { $0.0 == name }) {
            if next < positional.count {
                throw TemplateError(message: "\(function)() got the argument '\(UserText.quote(name))' both by position and by name")
            }
            return keywords.remove(at: index).1
        }
        guard next < positional.count else { return nil }
        defer { next += 1 }
        return positional[next]
    }

    mutating func value(_ name: String) throws -> TemplateValue {
        guard let v = try optionalValue(name) else {
            throw TemplateError(message: "\(function)() is missing the argument '\(UserText.quote(name))'")
        }
        return v
    }

    mutating func string(_ name: String) throws -> String {
        let v = try value(name)
        guard case .string(let s) = v else {
            throw TemplateError(message: "\(function)() needs a string for '\(UserText.quote(name))', not a '\(v.typeName)'")
        }
        return s
    }

    mutating func optionalString(_ name: String) throws -> String? {
        guard let v = try optionalValue(name) else { return nil }
        switch v {
        case .none: return nil
        case .string(let s): return s
        default: throw TemplateError(message: "\(function)() needs a string for '\(UserText.quote(name))', not a '\(v.typeName)'")
        }
    }

    mutating func int(_ name: String) throws -> Int {
        guard let i = try optionalInt(name) else {
            throw TemplateError(message: "\(function)() is missing the argument '\(UserText.quote(name))'")
        }
        return i
    }

    mutating func optionalInt(_ name: String) throws -> Int? {
        guard let v = try optionalValue(name) else { return nil }
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .none: return nil
        default: throw TemplateError(message: "\(function)() needs an integer for '\(UserText.quote(name))', not a '\(v.typeName)'")
        }
    }

    mutating func optionalBool(_ name: String) throws -> Bool? {
        try optionalValue(name).map(\.isTruthy)
    }

    mutating func timeZone(_ name: String) throws -> TemplateTimeZone {
        let v = try value(name)
        switch v {
        case .timezone(let z): return z
        case .string(let s):
            guard let z = TemplateTimeZone(name: s) else { throw TemplateError(message: "unknown time zone '\(UserText.quote(s))'") }
            return z
        default: throw TemplateError(message: "\(function)() needs a time zone or its name for '\(UserText.quote(name))', not a '\(v.typeName)'")
        }
    }

    /// Takes every argument not read yet (Python's `*args, **kwargs`).
    mutating func remaining() -> ([TemplateValue], [(String, TemplateValue)]) {
        let rest = (Array(positional[Swift.min(next, positional.count)...]), keywords)
        next = positional.count
        keywords = []
        return rest
    }

    /// Fails when arguments are left over.
    func finish() throws {
        if let extra = keywords.first {
            throw TemplateError(message: "\(function)() got an unexpected argument '\(UserText.quote(extra.0))'")
        }
        if next < positional.count {
            throw TemplateError(message: "\(function)() takes \(next) positional argument\(next == 1 ? "" : "s") but \(positional.count) were given")
        }
    }
}
