import Yams
import SluiceCore

/// Reading typed values out of Yams nodes, the way a DAG author expects YAML to mean them.
extension Node {
    /// 1-based line and column of the node, or (1, 1) when Yams has none.
    var position: (line: Int, column: Int) {
        if let mark { return (mark.line, mark.column) }
        return (1, 1)
    }

    /// Whether the node is an explicit or implicit YAML null (`null`, `~`, empty).
    var isNull: Bool {
        guard case let .scalar(scalar) = self else { return false }
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { return false }
        return tagName == .null
    }

    /// The resolved tag's name (`tag.name` is internal to Yams).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }

    /// Whether the scalar was written in quotes or as a block (so it is text whatever it looks like).
    var isQuotedOrBlock: Bool {
        guard case let .scalar(scalar) = self else { return false }
        return scalar.style != .plain && scalar.style != .any
    }

    var isBlockScalar: Bool {
        guard case let .scalar(scalar) = self else { return false }
        return scalar.style == .literal || scalar.style == .folded
    }

    /// The value as JSON: YAML's core schema (bool, int, float, null) for plain scalars, strings otherwise.
    var jsonValue: JSONValue {
        switch self {
        case let .scalar(scalar):
            if isQuotedOrBlock { return .string(scalar.string) }
            switch tagName {
            case .null: return .null
            case .bool: return bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return int.map(JSONValue.int) ?? .string(scalar.string)
            case .float: return float.map { .double(Double($0)) } ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case let .sequence(seq):
            return .array(seq.map(\.jsonValue))
        case let .mapping(map):
            return .object(map.map { ($0.key.string ?? "\($0.key)", $0.value.jsonValue) })
        case let .alias(alias):
            return .string(alias.anchor.rawValue)
        }
    }

    /// A short name of the node's kind for messages.
    var kindName: String {
        switch self {
        case .scalar: return isNull ? "null" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }
}
