import SluiceCore

/// HTML built so that user content can only ever be text: element and attribute names are compile-time
/// constants (`StaticString`), every text and attribute value is escaped as it is written, and the only
/// way to insert markup verbatim is `Node.constant`, which takes a `StaticString` too. No page assembles
/// HTML by concatenating values.
public struct Node: Sendable {
    fileprivate let parts: [Part]

    fileprivate indirect enum Part: Sendable {
        case text(String)
        case constant(StaticString)
        case element(name: StaticString, attributes: [(StaticString, String)], children: [Node], void: Bool)
    }

    fileprivate init(_ parts: [Part]) { self.parts = parts }

    /// Text, escaped.
    public static func text(_ value: String) -> Node { Node([.text(value)]) }
    /// Markup written in the source code (never a value).
    public static func constant(_ markup: StaticString) -> Node { Node([.constant(markup)]) }
    /// Several nodes side by side.
    public static func group(_ nodes: [Node]) -> Node { Node(nodes.flatMap(\.parts)) }
    public static let empty = Node([])

    /// The document text.
    public func render() -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(to: &out)
        return out
    }

    fileprivate func write(to out: inout String) {
        for part in parts {
            switch part {
            case .text(let value): HTMLEscape.escape(value, into: &out)
            case .constant(let markup): out += markup.description
            case let .element(name, attributes, children, void):
                out += "<"
                out += name.description
                for (key, value) in attributes {
                    out += " "
                    out += key.description
                    out += "=\""
                    HTMLEscape.escape(value, into: &out)
                    out += "\""
                }
                out += ">"
                if void { continue }
                for child in children { child.write(to: &out) }
                out += "</"
                out += name.description
                out += ">"
            }
        }
    }
}

/// An element without attributes: `el("h1", .text(title))`.
public func el(_ name: StaticString, _ children: Node...) -> Node {
    Node([.element(name: name, attributes: [], children: children, void: false)])
}

/// An element: `el("td", ["data-state": state], .text(x))`.
public func el(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String>, _ children: Node...) -> Node {
    Node([.element(name: name, attributes: attributes.map { ($0.key, $0.value) }, children: children, void: false)])
}

/// An element with its children as a list.
public func el(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], children: [Node]) -> Node {
    Node([.element(name: name, attributes: attributes.map { ($0.key, $0.value) }, children: children, void: false)])
}

/// An element whose attributes are computed (optional ones left out when nil).
public func el(_ name: StaticString, attributes: [(StaticString, String?)], children: [Node] = []) -> Node {
    Node([.element(name: name, attributes: attributes.compactMap { pair in pair.1.map { (pair.0, $0) } }, children: children, void: false)])
}

/// A void element (`input`, `meta`, `link`, `br`): attributes, no children, no end tag.
public func void(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) -> Node {
    Node([.element(name: name, attributes: attributes.map { ($0.key, $0.value) }, children: [], void: true)])
}
