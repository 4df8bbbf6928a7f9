/// A string-keyed dictionary that keeps insertion order, as Python dicts do, so that iterating
/// `params` or `d.items()` in a template gives the order the user wrote.
public struct TemplateDictionary: Sendable, Equatable {
    private var table = TemplateNameTable()
    /// The keys in insertion order.
    public private(set) var keys: [String] = []

    public init() {}

    /// Builds a dictionary from a Swift one; keys are sorted since Swift dictionaries have no order.
    public init(_ dictionary: [String: TemplateValue]) {
        table = TemplateNameTable(minimumCapacity: dictionary.count)
        keys = dictionary.keys.sorted()
        for key in keys { table.set(dictionary[key] ?? .none, forKey: key) }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> TemplateValue? {
        get { table[key] }
        set {
            if let newValue {
                if table.set(newValue, forKey: key) { keys.append(key) }
            } else if table.remove(key) {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// A lookup with the key's hash computed ahead (by the parser).
    func value(forKey key: String, hash: Int) -> TemplateValue? {
        table.value(forKey: key, hash: hash)
    }

    /// The values in key order.
    public var values: [TemplateValue] { keys.map { table[$0] ?? .none } }

    /// Equal when they hold the same keys and values, whatever the order (as Python's `==`).
    public static func == (lhs: TemplateDictionary, rhs: TemplateDictionary) -> Bool {
        lhs.count == rhs.count && lhs.keys.allSatisfy { lhs.table[$0] == rhs.table[$0] }
    }
}
