/// An expression of the template language, parsed once. `at` is the UTF-8 offset in the source used
/// for error positions.
indirect enum TemplateExpression: Sendable {
    case literal(TemplateValue)
    case name(TemplateIdentifier, at: Int)
    case attribute(TemplateExpression, TemplateIdentifier, at: Int)
    case item(TemplateExpression, TemplateExpression, at: Int)
    /// `base[start:stop:step]`, each part optional, as Python slices.
    case slice(TemplateExpression, start: TemplateExpression?, stop: TemplateExpression?, step: TemplateExpression?, at: Int)
    case call(TemplateExpression, TemplateArguments, at: Int)
    /// `receiver.name(...)`: a function stored in a dict (`macros.ds_add`) or a method of the value.
    case method(TemplateExpression, TemplateIdentifier, TemplateArguments, at: Int)
    case filter(TemplateExpression, TemplateFilter, TemplateArguments, at: Int)
    case test(TemplateExpression, TemplateTest, negated: Bool, TemplateArguments, at: Int)
    case negate(TemplateExpression, at: Int)
    case plus(TemplateExpression, at: Int)
    case not(TemplateExpression)
    case binary(TemplateBinaryOperator, TemplateExpression, TemplateExpression, at: Int)
    /// `a < b <= c`: Python's chained comparison.
    case compare(TemplateExpression, [TemplateComparison])
    case and(TemplateExpression, TemplateExpression)
    case or(TemplateExpression, TemplateExpression)
    case conditional(then: TemplateExpression, condition: TemplateExpression, otherwise: TemplateExpression?, at: Int)
    case list([TemplateExpression])
    /// `(a, b)`, `()`, `(a,)`, and `a, b` where Jinja allows a bare tuple.
    case tuple([TemplateExpression])
    case dict([(TemplateExpression, TemplateExpression)], at: Int)

    /// How the expression reads in a message (`params`, `dag_run.conf`); nil for anything but a path.
    var path: String? {
        switch self {
        case .name(let n, _): return n.text
        case .attribute(let base, let n, _): return base.path.map { "\($0).\(n.text)" }
        case .item(let base, let key, _):
            guard let b = base.path else { return nil }
            if case .literal(let v) = key {
                var out = b + "["
                v.appendRepr(to: &out)
                return out + "]"
            }
            return b + "[...]"
        default: return nil
        }
    }
}

/// A name as written in the template, with its hash computed once by the parser.
struct TemplateIdentifier: Sendable {
    let text: String
    let hash: Int

    init(_ text: String) {
        self.text = text
        self.hash = TemplateNameTable.hash(text)
    }
}

/// Positional and keyword arguments of a call, filter or test.
struct TemplateArguments: Sendable {
    var positional: [TemplateExpression] = []
    var keywords: [(String, TemplateExpression)] = []
    /// `*items`: more positional arguments from a list or tuple.
    var spread: TemplateExpression?
    /// `**mapping`: more keyword arguments from a dict.
    var spreadKeywords: TemplateExpression?
    /// Where the last `*` or `**` is, for errors.
    var spreadAt = 0
    static let empty = TemplateArguments()
}

struct TemplateComparison: Sendable {
    var op: TemplateCompareOperator
    var right: TemplateExpression
    var at: Int
}

enum TemplateCompareOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in` = "in", notIn = "not in"
}

enum TemplateBinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
    case concat = "~"
}
