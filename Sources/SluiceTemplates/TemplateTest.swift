/// The tests a template may use (`x is name`, `x is not name`), resolved at parse time.
enum TemplateTest: String, Sendable, CaseIterable {
    case defined, undefined, none, string, number, integer, float, mapping, sequence, iterable
    case even, odd, `true`, `false`, divisibleby, eq, lower, upper

    init?(name: String) {
        switch name {
        case "equalto", "sameas", "==": self = .eq
        default:
            guard let test = TemplateTest(rawValue: name) else { return nil }
            self = test
        }
    }

    static var knownNames: String {
        allCases.map(\.rawValue).sorted().joined(separator: ", ")
    }
}
