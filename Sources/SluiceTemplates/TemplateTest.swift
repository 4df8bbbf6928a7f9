/// The tests a template may use (`x is name`, `x is not name`), resolved at parse time; tests named
/// by a string (`select('odd')`, `'odd' is test`) are resolved from the same table at render time.
enum TemplateTest: String, Sendable, CaseIterable {
    case boolean, callable, defined, divisibleby, eq, escaped, even, `false`, filter, float, ge, gt, `in`
    case integer, iterable, le, lower, lt, mapping, ne, none, number, odd, sameas, sequence, string, test
    case `true`, undefined, upper

    init?(name: String) {
        switch name {
        case "equalto", "==": self = .eq
        case "!=": self = .ne
        case ">": self = .gt
        case ">=": self = .ge
        case "<": self = .lt
        case "<=": self = .le
        case "greaterthan": self = .gt
        case "lessthan": self = .lt
        default:
            guard let test = TemplateTest(rawValue: name) else { return nil }
            self = test
        }
    }

    static var knownNames: String {
        (allCases.map(\.rawValue) + ["!=", "<", "<=", "==", ">", ">=", "equalto", "greaterthan", "lessthan"]).sorted().joined(separator: ", ")
    }
}
