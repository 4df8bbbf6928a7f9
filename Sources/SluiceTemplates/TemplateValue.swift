/// A value a template works with: what a name, a literal, an attribute or a filter evaluates to.
///
/// It mirrors the Python values Airflow hands to Jinja (None, bool, int, float, str, list, dict,
/// pendulum datetimes, timedeltas, time zones and the `macros` functions), so that rendering gives
/// the same text Airflow gives. It deliberately has no "undefined" case: a missing name is an error
/// (Jinja's `StrictUndefined`, as in Airflow 3), handled by the renderer.
public enum TemplateValue: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    /// A Python tuple (`(1, 2)`, `d.items()` pairs): a sequence like a list that prints with
    /// parentheses, as `str()` of a tuple does, and never equals a list.
    case tuple([TemplateValue])
    // The larger payloads are boxed (`indirect`) so that copying a value, which rendering does
    // for every lookup, is one retain rather than a copy of several references.
    /// A dictionary with string keys that keeps insertion order, like a Python dict.
    indirect case dict(TemplateDictionary)
    indirect case datetime(TemplateDateTime)
    case date(TemplateDate)
    case timedelta(TemplateTimeDelta)
    indirect case timezone(TemplateTimeZone)
    /// What `namespace(...)` gives: attributes changed in place by `{% set ns.name = value %}`.
    case namespace(TemplateNamespace)
    /// A callable, such as `macros.ds_add`.
    indirect case function(TemplateFunction)
    /// Any other Python object (`relativedelta`, an Airflow connection): see `TemplateObject`.
    indirect case object(any TemplateObject)

    /// Builds a `.dict` from pairs, keeping their order.
    public static func dict(_ pairs: KeyValuePairs<String, TemplateValue>) -> TemplateValue {
        var d = TemplateDictionary()
        for (k, v) in pairs { d[k] = v }
        return .dict(d)
    }

    /// Builds a `.dict` from a Swift dictionary, with keys in sorted order (Swift dictionaries have none).
    public static func dict(_ dictionary: [String: TemplateValue]) -> TemplateValue {
        .dict(TemplateDictionary(dictionary))
    }

    /// The items of a list, a tuple or a dict view (`d.items()`); nil for any other value.
    var sequenceItems: [TemplateValue]? {
        switch self {
        case .list(let items), .tuple(let items): return items
        case .object(let o as TemplateDictView): return o.items
        default: return nil
        }
    }

    var isDict: Bool {
        if case .dict = self { return true }
        return false
    }

    var isNamespace: Bool {
        if case .namespace = self { return true }
        return false
    }

    /// Whether a namespace is this value or inside it (lists, tuples, dicts).
    var containsNamespace: Bool {
        switch self {
        case .namespace: return true
        case .list(let items), .tuple(let items): return items.contains { $0.containsNamespace }
        case .dict(let d): return d.values.contains { $0.containsNamespace }
        default: return false
        }
    }

    /// Python's truth value: `None`, `False`, zero, empty strings and empty containers are false.
    public var isTruthy: Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l), .tuple(let l): return !l.isEmpty
        case .dict(let d): return !d.isEmpty
        case .timedelta(let t): return t.microseconds != 0
        case .datetime, .date, .timezone, .function, .namespace: return true
        case .object(let o as TemplateDictView): return !o.items.isEmpty
        case .object(let o as TemplateBigInteger): return o.value != 0
        case .object(let o): return (o as? TemplateRelativeDelta)?.isTruthy ?? true
        }
    }

    /// The Python type name, used in error messages (`'int' object has no attribute 'x'`).
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .datetime: return "datetime"
        case .date: return "date"
        case .timedelta: return "timedelta"
        case .timezone: return "Timezone"
        case .function: return "function"
        case .namespace: return "Namespace"
        case .object(let o): return o.typeName
        }
    }
}

extension TemplateValue: Equatable {
    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Double(a) == b
        case let (.bool(a), .int(b)), let (.int(b), .bool(a)): return (a ? 1 : 0) == b
        case let (.string(a), .string(b)): return a == b
        case let (.list(a), .list(b)), let (.tuple(a), .tuple(b)): return a == b
        case let (.dict(a), .dict(b)): return a == b
        case let (.datetime(a), .datetime(b)): return a == b
        case let (.date(a), .date(b)): return a == b
        case let (.timedelta(a), .timedelta(b)): return a == b
        case let (.timezone(a), .timezone(b)): return a == b
        case let (.function(a), .function(b)): return a.name == b.name
        case let (.namespace(a), .namespace(b)): return a === b
        case let (.object(a), .object(b)): return a.isEqual(to: b)
        default: return false
        }
    }
}
