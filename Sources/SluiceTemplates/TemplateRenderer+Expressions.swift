import BigInt
import SluiceCore

extension TemplateRenderer {
    /// Evaluates an expression; an undefined name, attribute or key is an error (StrictUndefined).
    func evaluate(_ expr: TemplateExpression) throws -> TemplateValue {
        switch expr {
        case .literal(let v):
            return v
        case .name(let name, let at):
            guard let v = lookup(name) else { throw RenderFailure(offset: at, message: undefinedMessage(name)) }
            return v
        case .attribute(let base, let name, let at):
            let object = try evaluate(base)
            guard let v = try attribute(name, of: object, at: at) else {
                var message = "\(describe(base, object)) has no attribute '\(UserText.quote(name.text))'"
                if case let .name(baseName, _) = base {
                    if baseName.text == "env" {
                        message = "environment variable '\(UserText.quote(name.text))' is not set; set it in the environment or in .env"
                    } else if baseName.text == "params" {
                        message += "; define it under params: in the DAG or task, or pass --param \(name.text)=..."
                    }
                }
                throw RenderFailure(offset: at, message: message)
            }
            return v
        case .item(let base, let keyExpr, let at):
            let object = try evaluate(base)
            let key = try evaluate(keyExpr)
            guard let v = try item(key, of: object, at: at) else {
                var keyText = ""
                key.appendRepr(to: &keyText)
                throw RenderFailure(offset: at, message: "\(describe(base, object)) has no key \(keyText)")
            }
            return v
        case .slice(let base, let start, let stop, let step, let at):
            let value = try evaluate(base)
            return try slice(value, try start.map { try evaluate($0) }, try stop.map { try evaluate($0) }, try step.map { try evaluate($0) }, at: at)
        case .call(let callee, let args, let at):
            if case .name(let name, _) = callee, lookup(name) == nil, let value = try callGlobal(name.text, args, at: at) {
                return value
            }
            var f = try evaluate(callee)
            if case .dict(let d) = f, let recursion = d["__call__"] { f = recursion }
            guard case .function(let function) = f else {
                throw RenderFailure(offset: at, message: "\(describe(callee, f)) cannot be called")
            }
            return try call(function, args, at: at)
        case .method(let base, let name, let args, let at):
            let receiver = try evaluate(base)
            switch receiver {
            case .dict(let d):
                if let member = d.value(forKey: name.text, hash: name.hash) {
                    guard case .function(let function) = member else {
                        throw RenderFailure(offset: at, message: "'\(base.path.map { "\($0)." } ?? "")\(name.text)' is a \(member.typeName), not a function")
                    }
                    return try call(function, args, at: at)
                }
            case .namespace(let namespace):
                if case .function(let function)? = namespace.attributes.value(forKey: name.text, hash: name.hash) {
                    return try call(function, args, at: at)
                }
            default: break
            }
            if receiver.sequenceItems != nil || receiver.isDict, Self.inPlaceMethods.contains(name.text) {
                throw RenderFailure(offset: at, message: "'\(UserText.quote(name.text))' changes the \(receiver.typeName) in place: Sluice runs it only as the whole expression of a '{% do %}', '{% set %}' or '{{ }}' (write '{% do \(base.path ?? "xs").\(name.text)(...) %}')")
            }
            let (positional, keywords) = try evaluateArguments(args)
            return try callMethod(name.text, on: receiver, positional, keywords, at: at, describing: base)
        case .filter(let base, let filter, let args, let at):
            let value: TemplateValue?
            if filter == .default {
                value = try evaluateIfDefined(base)
            } else {
                value = try evaluate(base)
            }
            let (positional, keywords) = try evaluateArguments(args)
            return try apply(filter, to: value, positional, keywords, at: at)
        case .test(let base, let test, let negated, let args, let at):
            let value: TemplateValue?
            if test == .defined || test == .undefined {
                value = try evaluateIfDefined(base)
            } else {
                value = try evaluate(base)
            }
            let (positional, _) = try evaluateArguments(args)
            return .bool(try check(test, value, positional, at: at) != negated)
        case .negate(let operand, let at):
            switch try evaluate(operand) {
            case .int(let i):
                let (r, overflow) = Int(0).subtractingReportingOverflow(i)
                guard !overflow else { return .object(TemplateBigInteger(value: -BigInt(i))) }  // -(-2**63)
                return .int(r)
            case .object(let o as TemplateBigInteger):
                do {
                    return try TemplateBigInteger.normalized(-o.value)
                } catch let error as TemplateError {
                    throw RenderFailure(offset: at, message: error.message)
                }
            case .bool(let b): return .int(b ? -1 : 0)
            case .double(let d): return .double(-d)
            case .timedelta(let t): return .timedelta(TemplateTimeDelta(microseconds: -t.microseconds))
            case .object(let o as TemplateRelativeDelta): return .object(o.negated)
            case let other: throw RenderFailure(offset: at, message: "a '\(other.typeName)' value cannot be negated")
            }
        case .plus(let operand, let at):
            let v = try evaluate(operand)
            switch v {
            case .int, .double, .timedelta: return v
            case .bool(let b): return .int(b ? 1 : 0)
            default: throw RenderFailure(offset: at, message: "unary '+' does not apply to a '\(v.typeName)' value")
            }
        case .not(let operand):
            return .bool(!(try evaluate(operand).isTruthy))
        case .and(let l, let r):
            let left = try evaluate(l)
            return left.isTruthy ? try evaluate(r) : left
        case .or(let l, let r):
            let left = try evaluate(l)
            return left.isTruthy ? left : try evaluate(r)
        case .conditional(let then, let condition, let otherwise, let at):
            if try evaluate(condition).isTruthy { return try evaluate(then) }
            // Without `else`, Jinja gives a plain (not strict) undefined value: it prints as ''.
            guard let otherwise else { _ = at; return .string("") }
            return try evaluate(otherwise)
        case .binary(let op, let l, let r, let at):
            return try binary(op, try evaluate(l), try evaluate(r), at: at)
        case .compare(let first, let comparisons):
            var left = try evaluate(first)
            for comparison in comparisons {
                let right = try evaluate(comparison.right)
                guard try compare(comparison.op, left, right, at: comparison.at) else { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .list(let items):
            let values = try items.map { try evaluate($0) }
            try TemplateArithmetic.checkNesting(values)
            return .list(values)
        case .tuple(let items):
            let values = try items.map { try evaluate($0) }
            try TemplateArithmetic.checkNesting(values)
            return .tuple(values)
        case .dict(let pairs, let at):
            var d = TemplateDictionary()
            for (k, v) in pairs {
                let key = try evaluate(k)
                switch key {
                case .string(let s): d[s] = try evaluate(v)
                case .int, .bool, .double: d[key.text] = try evaluate(v)
                default: throw RenderFailure(offset: at, message: "a dictionary key must be a string or a number, not a '\(key.typeName)'")
                }
            }
            do {
                try TemplateArithmetic.checkNesting(d.values)
            } catch let error as TemplateError {
                throw RenderFailure(offset: at, message: error.message)
            }
            return .dict(d)
        }
    }

    /// Why `name` is undefined: the reason a scope gives (a macro parameter not given), else that it does not exist.
    func undefinedMessage(_ name: TemplateIdentifier) -> String {
        for scope in scopes.reversed() {
            if case .function(let f)? = scope[name.text], case .undefined(let reason)? = f.callable { return reason }
        }
        return "undefined name '\(UserText.quote(name.text))'"
    }

    /// Evaluates, but gives nil instead of failing when the final name, attribute or key does not
    /// exist: what `is defined` and `default` need. Everything before the final step must exist.
    func evaluateIfDefined(_ expr: TemplateExpression) throws -> TemplateValue? {
        switch expr {
        case .name(let name, _):
            return lookup(name)
        case .attribute(let base, let name, let at):
            return try attribute(name, of: try evaluate(base), at: at)
        case .item(let base, let key, let at):
            return try item(try evaluate(key), of: try evaluate(base), at: at)
        case .conditional(let then, let condition, nil, _):
            return try evaluate(condition).isTruthy ? try evaluate(then) : nil
        case .filter(let base, let filter, let args, let at) where filter != .default:
            // `[] | first`, `x | attr('missing')` are undefined, not errors.
            let value = try evaluate(base)
            let (positional, keywords) = try evaluateArguments(args)
            return try applyIfDefined(filter, to: value, positional, keywords, at: at)
        default:
            return try evaluate(expr)
        }
    }

    func evaluateArguments(_ args: TemplateArguments) throws -> ([TemplateValue], [(String, TemplateValue)]) {
        if args.positional.isEmpty && args.keywords.isEmpty && args.spread == nil && args.spreadKeywords == nil { return ([], []) }
        var positional = try args.positional.map { try evaluate($0) }
        var keywords = try args.keywords.map { ($0.0, try evaluate($0.1)) }
        if let spread = args.spread {
            let value = try evaluate(spread)
            guard let items = value.sequenceItems else {
                throw RenderFailure(offset: args.spreadAt, message: "'*' needs a list or a tuple of arguments, not a '\(value.typeName)'")
            }
            positional += items
        }
        if let spreadKeywords = args.spreadKeywords {
            guard case .dict(let d) = try evaluate(spreadKeywords) else {
                throw RenderFailure(offset: args.spreadAt, message: "'**' needs a dict of arguments")
            }
            for key in d.keys where keywords.contains(where: { $0.0 == key }) {
                throw RenderFailure(offset: args.spreadAt, message: "got multiple values for the keyword argument '\(UserText.quote(key))'")
            }
            keywords += d.keys.map { ($0, d[$0] ?? .none) }
        }
        return (positional, keywords)
    }

    func call(_ function: TemplateFunction, _ args: TemplateArguments, at: Int) throws -> TemplateValue {
        let (positional, keywords) = try evaluateArguments(args)
        if let callable = function.callable { return try invoke(callable, positional, keywords, at: at) }
        do {
            return try function.body(positional, keywords)
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: "\(function.name): \(error.message)")
        } catch let failure as RenderFailure {
            throw failure
        } catch {
            throw RenderFailure(offset: at, message: "\(function.name): \(error)")
        }
    }

    /// `'params'` for a path the user wrote, else `'dict' object`.
    func describe(_ expr: TemplateExpression, _ value: TemplateValue) -> String {
        if let path = expr.path { return "'\(UserText.quote(path))'" }
        return "'\(value.typeName)' object"
    }

    /// A dictionary key or list/string index; nil when absent.
    func item(_ key: TemplateValue, of object: TemplateValue, at: Int) throws -> TemplateValue? {
        switch (object, key) {
        case let (.dict(d), .string(k)):
            return d[k]
        case let (.dict(d), .int(i)):
            return d[String(i)]
        case let (.list(items), .int(i)), let (.tuple(items), .int(i)):
            let index = i < 0 ? items.count + i : i
            return items.indices.contains(index) ? items[index] : nil
        case let (.string(s), .int(i)):
            let chars = Array(s)
            let index = i < 0 ? chars.count + i : i
            return chars.indices.contains(index) ? .string(String(chars[index])) : nil
        case let (_, .string(k)):
            return try attribute(TemplateIdentifier(k), of: object, at: at)
        default:
            throw RenderFailure(offset: at, message: "a '\(object.typeName)' value cannot be indexed with a '\(key.typeName)'")
        }
    }
}
