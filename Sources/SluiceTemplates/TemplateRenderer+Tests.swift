import SluiceCore

/// Jinja 3.1's built-in tests (`x is odd`, `x is not in y`), also called by name from `select`,
/// `reject`, `selectattr` and `rejectattr`.
extension TemplateRenderer {
    /// Evaluates a test. `value` is nil when undefined (only for `defined` and `undefined`).
    func check(_ test: TemplateTest, _ value: TemplateValue?, _ args: [TemplateValue], at: Int) throws -> Bool {
        do {
            var a = TemplateArgumentReader(function: test.rawValue, positional: args, keywords: [])
            let result = try evaluateTest(test, value, &a)
            try a.finish()
            return result
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: "the '\(test.rawValue)' test: \(error.message)")
        }
    }

    /// The test named by a string (`select('odd')`), as Jinja's `call_test` does.
    func check(testNamed name: TemplateValue, _ value: TemplateValue, _ args: [TemplateValue], _ keywords: [(String, TemplateValue)]) throws -> Bool {
        guard case .string(let text) = name, let test = TemplateTest(name: text) else {
            throw TemplateError(message: "no test named '\(UserText.quote(name.text))'")
        }
        var a = TemplateArgumentReader(function: test.rawValue, positional: args, keywords: keywords)
        let result = try evaluateTest(test, value, &a)
        try a.finish()
        return result
    }

    private func evaluateTest(_ test: TemplateTest, _ value: TemplateValue?, _ a: inout TemplateArgumentReader) throws -> Bool {
        guard let value else {
            if test == .undefined { return true }
            if test == .defined { return false }
            throw TemplateError(message: "the value is undefined")
        }
        switch test {
        case .defined: return true
        case .undefined: return false
        case .none: if case .none = value { return true }; return false
        case .boolean: if case .bool = value { return true }; return false
        case .true: if case .bool(true) = value { return true }; return false
        case .false: if case .bool(false) = value { return true }; return false
        case .string: if case .string = value { return true }; return false
        case .number:
            switch value { case .int, .double, .bool, .object(is TemplateBigInteger): return true; default: return false }
        case .integer:
            switch value { case .int, .object(is TemplateBigInteger): return true; default: return false }
        case .float: if case .double = value { return true }; return false
        case .mapping: if case .dict = value { return true }; return false
        case .sequence:
            switch value { case .list, .tuple, .dict, .string: return true; default: return false }
        case .iterable:
            switch value { case .list, .tuple, .dict, .string, .object(is TemplateDictView): return true; default: return false }
        case .callable: if case .function = value { return true }; return false
        case .escaped: return false
        case .lower: return PythonText.classify("islower", value.text)
        case .upper: return PythonText.classify("isupper", value.text)
        case .filter:
            guard case .string(let name) = value else { return false }
            return TemplateFilter(name: name) != nil
        case .test:
            guard case .string(let name) = value else { return false }
            return TemplateTest(name: name) != nil
        case .sameas:
            let other = try a.value("other")
            switch (value, other) {
            case (.none, .none): return true
            case let (.bool(x), .bool(y)): return x == y
            case let (.int(x), .int(y)): return x == y
            case let (.string(x), .string(y)): return x == y
            case let (.namespace(x), .namespace(y)): return x === y
            default: return false
            }
        case .eq, .ne, .lt, .le, .gt, .ge, .in:
            let other = try a.value(test == .in ? "seq" : "b")
            let op: TemplateCompareOperator
            switch test {
            case .eq: op = .equal
            case .ne: op = .notEqual
            case .lt: op = .less
            case .le: op = .lessOrEqual
            case .gt: op = .greater
            case .ge: op = .greaterOrEqual
            default: op = .in
            }
            do {
                return try compare(op, value, other, at: 0)
            } catch let failure as RenderFailure {
                throw TemplateError(message: failure.message)
            }
        case .even, .odd, .divisibleby:
            let divisor: TemplateValue = test == .divisibleby ? try a.value("num") : .int(2)
            let remainder: Double
            switch (value, divisor) {
            case let (.int(i), .int(n)):
                guard n != 0 else { throw TemplateError(message: "integer division or modulo by zero") }
                let r = n == -1 ? 0 : i % n
                if test == .odd { return r != 0 }
                return r == 0
            default:
                guard let x = PythonOrder.number(value), let n = PythonOrder.number(divisor) else {
                    throw TemplateError(message: "needs numbers, not a '\(value.typeName)' and a '\(divisor.typeName)'")
                }
                guard n != 0 else { throw TemplateError(message: "float modulo") }
                remainder = x.truncatingRemainder(dividingBy: n)
            }
            if test == .odd { return remainder == 1 || remainder == -1 }
            return remainder == 0
        }
    }

    /// Jinja's `urlize(trim_url_limit, nofollow, target, rel, extra_schemes)` with Jinja's default
    /// policies (`rel="noopener"`).
    func urlize(_ value: TemplateValue, _ a: inout TemplateArgumentReader) throws -> String {
        var options = TemplateText.UrlizeOptions()
        options.trimLimit = try a.optionalInt("trim_url_limit")
        let nofollow = try a.optionalBool("nofollow") ?? false
        options.target = try a.optionalString("target")
        var rel = Set((try a.optionalString("rel") ?? "").split(separator: " ").map(String.init))
        if nofollow { rel.insert("nofollow") }
        rel.insert("noopener")
        options.rel = rel.sorted().joined(separator: " ")
        if let schemes = try a.optionalValue("extra_schemes"), schemes != .none {
            guard let list = schemes.sequenceItems else { throw TemplateError(message: "extra_schemes needs a list of scheme prefixes") }
            for scheme in list {
                guard case .string(let s) = scheme, TemplateText.isSchemePrefix(s) else {
                    throw TemplateError(message: "\(scheme.reprText) is not a valid URI scheme prefix.")
                }
                options.extraSchemes.append(s)
            }
        }
        return TemplateText.urlize(value.text, options)
    }
}
