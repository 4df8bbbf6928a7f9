/// A string-keyed dictionary that keeps insertion order, as Python dicts do, so that iterating
/// `params` or `d.items()` in a template gives the order the user wrote.
public struct TemplateDictionary: Sendable, Equatable {
    private var storage: [String: TemplateValue] = [:]
    /// The keys in insertion order.
    public private(set) var keys: [String] = []

    public init() {}

    /// Builds a dictionary from a Swift one; keys are sorted since Swift dictionaries have no order.
    public init(_ dictionary: [String: TemplateValue]) {
        storage = dictionary
        keys = dictionary.keys.sorted()
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> TemplateValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The values in key order.
    public var values: [TemplateValue] { keys.map { storage[$0] ?? .none } }

    public static func == (lhs: TemplateDictionary, rhs: TemplateDictionary) -> Bool {
        lhs.storage == rhs.storage
    }
}
