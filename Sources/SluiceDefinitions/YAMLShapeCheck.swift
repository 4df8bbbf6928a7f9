import CYaml
import SluiceCore

/// Checks a YAML document's shape on libyaml's event stream before Yams composes it.
///
/// Yams shares an anchored node wherever an alias names it, so composing a "billion laughs"
/// document is cheap, but everything that walks the tree afterwards (reading params, hashing keys)
/// expands every alias: nine levels of nine aliases are 387 million nodes, gigabytes of memory. This
/// check counts the nodes the document has once aliases are expanded, and how deep collections nest,
/// in one pass over the events and constant memory per anchor, and stops at the first event past
/// `DagLimits.yamlExpandedNodes` or `DagLimits.yamlDepth`. Syntax errors are left to Yams,
/// which reports them with their own message.
enum YAMLShapeCheck {
    /// The first limit the document breaks, with its 1-based line and column; nil when within limits.
    static func violation(in text: String) -> (line: Int, column: Int, message: String)? {
        var bytes = Array(text.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> (Int, Int, String)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var walker = Walker()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let message = walker.take(event) {
                    return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1, message)
                }
            }
        }
    }

    /// The running counts: open collections and the expanded size of each anchor.
    private struct Walker {
        /// Open collections: their anchor and how many nodes they hold so far (themselves included).
        var open: [(anchor: String?, nodes: Int)] = []
        var anchorSizes: [String: Int] = [:]
        var total = 0

        mutating func take(_ event: yaml_event_t) -> String? {
            switch event.type {
            case YAML_SCALAR_EVENT:
                let anchor = Self.name(event.data.scalar.anchor)
                if let anchor { anchorSizes[anchor] = 1 }
                return add(1)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let pointer = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                open.append((Self.name(pointer), 0))
                guard open.count <= DagLimits.yamlDepth else {
                    return "the YAML nests more than \(DagLimits.yamlDepth) levels deep; flatten it"
                }
                return add(1)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return nil }
                if let anchor = closed.anchor { anchorSizes[anchor] = closed.nodes }
                if !open.isEmpty { open[open.count - 1].nodes += closed.nodes }
                return nil
            case YAML_ALIAS_EVENT:
                let size = Self.name(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                return add(size)
            default:
                return nil
            }
        }

        /// Counts `nodes` more in the document and in the innermost open collection.
        private mutating func add(_ nodes: Int) -> String? {
            total += nodes
            if !open.isEmpty { open[open.count - 1].nodes += nodes }
            guard total <= DagLimits.yamlExpandedNodes else {
                return "the YAML expands to more than \(DagLimits.yamlExpandedNodes) nodes through aliases (an alias bomb?); repeat less through anchors"
            }
            return nil
        }

        private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let pointer else { return nil }
            return String(cString: pointer)
        }
    }
}
