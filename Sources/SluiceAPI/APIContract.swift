import Foundation
import SluiceCore

/// The OpenAPI document read as the contract the server keeps: which paths exist with which methods, and
/// what each operation's parameters and body must look like. The server checks every request against it
/// before a handler runs, so the document and the server cannot disagree on what is valid.
struct APIContract: Sendable {
    /// One operation: a method on a path template.
    struct Operation: Sendable {
        var method: String
        /// The template's segments: a literal, or `{name}` for a parameter.
        var segments: [String]
        var parameters: [Parameter]
        /// The JSON body's schema, when the operation takes one.
        var body: JSONValue?
        var bodyRequired: Bool
        /// Whether the operation needs a bearer token.
        var secured: Bool

        /// How many literal segments: `/backfills/dry_run` wins over `/backfills/{backfill_id}`.
        var literals: Int { segments.count { !Self.isParameter($0) } }

        static func isParameter(_ segment: String) -> Bool { segment.hasPrefix("{") && segment.hasSuffix("}") }
    }

    struct Parameter: Sendable {
        enum Location: String, Sendable { case path, query }
        var name: String
        var location: Location
        var required: Bool
        var schema: JSONValue
    }

    /// What a request's method and path came to.
    enum Match {
        /// The operation, with the path parameters' raw (still percent-encoded) values.
        case operation(Operation, path: [String: String])
        /// The path exists, not with this method: 405 with these methods in `Allow`.
        case methodNotAllowed(allowed: [String])
        /// No such path: the router's 404.
        case none
    }

    let operations: [Operation]
    let validator: SchemaValidator

    /// The contract of the embedded document (empty if it did not parse: a test guards that it does).
    static let current: APIContract = (try? APIContract(document: JSONValue.parse(OpenAPIDocument.json))) ?? APIContract(operations: [], validator: SchemaValidator(components: [:]))

    init(operations: [Operation], validator: SchemaValidator) {
        self.operations = operations
        self.validator = validator
    }

    init(document: JSONValue) {
        var components: [String: JSONValue] = [:]
        if case .object(let pairs)? = document["components"]?["schemas"] {
            for (name, schema) in pairs { components[name] = schema }
        }
        let validator = SchemaValidator(components: components)
        var operations: [Operation] = []
        if case .object(let paths)? = document["paths"] {
            for (path, item) in paths {
                guard case .object(let methods) = item else { continue }
                let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
                for (method, operation) in methods {
                    var parameters: [Parameter] = []
                    if case .array(let list)? = operation["parameters"] {
                        for item in list {
                            let parameter = validator.resolve(item)
                            guard case .string(let name)? = parameter["name"], case .string(let place)? = parameter["in"],
                                  let location = Parameter.Location(rawValue: place) else { continue }
                            parameters.append(Parameter(name: name, location: location, required: parameter["required"] == .bool(true),
                                                        schema: parameter["schema"] ?? .object([])))
                        }
                    }
                    let body = operation["requestBody"]?["content"]?["application/json"]?["schema"]
                    let secured: Bool = if case .array(let list)? = operation["security"] { !list.isEmpty } else { false }
                    operations.append(Operation(method: method.uppercased(), segments: segments, parameters: parameters, body: body,
                                                bodyRequired: operation["requestBody"]?["required"] == .bool(true), secured: secured))
                }
            }
        }
        self.operations = operations
        self.validator = validator
    }

    /// The operation for `method` on `path` (the request's raw path, without the query). Of the templates
    /// that fit, the one with the most literal segments is the path's (`/backfills/dry_run`, not
    /// `/backfills/{backfill_id}`); its methods are the ones allowed.
    func match(method: String, path: String) -> Match {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        var fitting: [(operation: Operation, path: [String: String])] = []
        for operation in operations where operation.segments.count == parts.count {
            var values: [String: String] = [:]
            var fits = true
            for (segment, part) in zip(operation.segments, parts) {
                if Operation.isParameter(segment) {
                    if part.isEmpty { fits = false; break }
                    values[String(segment.dropFirst().dropLast())] = part
                } else if segment != part {
                    fits = false; break
                }
            }
            if fits { fitting.append((operation, values)) }
        }
        guard let most = fitting.map(\.operation.literals).max() else { return .none }
        let template = fitting.filter { $0.operation.literals == most }
        if let found = template.first(where: { $0.operation.method == method }) { return .operation(found.operation, path: found.path) }
        return .methodNotAllowed(allowed: template.map(\.operation.method).sorted())
    }

    /// The first problem with the request's parameters, as a sentence, or nil.
    func parameterProblem(_ operation: Operation, path: [String: String], query: [(String, String)]) -> String? {
        for parameter in operation.parameters {
            switch parameter.location {
            case .path:
                let raw = path[parameter.name] ?? ""
                let text = raw.removingPercentEncoding ?? raw
                if let problem = problem(texts: [text], parameter: parameter) { return problem }
            case .query:
                let texts = query.filter { $0.0 == parameter.name }.map(\.1)
                if texts.isEmpty {
                    if parameter.required { return "query parameter \(parameter.name) is required" }
                    continue
                }
                if let problem = problem(texts: texts, parameter: parameter) { return problem }
            }
        }
        return nil
    }

    /// Query and path values are text: each is read as the type its schema says, then checked.
    private func problem(texts: [String], parameter: Parameter) -> String? {
        let place = "\(parameter.location.rawValue) parameter \(parameter.name)"
        let schema = scalar(parameter.schema)
        if schema["type"] == .string("array") {
            let items = scalar(schema["items"] ?? .object([]))
            var values: [JSONValue] = []
            for text in texts {
                guard let value = Self.read(text, as: items) else { return "\(place): '\(text.prefix(40))' is not \(Self.typeName(items))" }
                values.append(value)
            }
            return validator.problem(.array(values), against: schema, at: place)
        }
        guard texts.count == 1 else { return "\(place): give it once" }
        guard let value = Self.read(texts[0], as: schema) else {
            return "\(place): '\(texts[0].prefix(40))' is not \(Self.typeName(schema))"
        }
        return validator.problem(value, against: schema, at: place)
    }

    /// A parameter's schema without its `null` alternative (an absent parameter is the null).
    private func scalar(_ schema: JSONValue) -> JSONValue {
        let resolved = validator.resolve(schema)
        guard case .array(let choices)? = resolved["anyOf"] else { return resolved }
        return choices.map(validator.resolve).first { $0["type"] != .string("null") } ?? resolved
    }

    static func read(_ text: String, as schema: JSONValue) -> JSONValue? {
        switch schema["type"]?.stringValue {
        case "integer": return Int(text).map(JSONValue.int)
        case "number": return Double(text).map(JSONValue.double)
        case "boolean":
            switch text.lowercased() {
            case "true", "1", "yes", "on": return .bool(true)
            case "false", "0", "no", "off": return .bool(false)
            default: return nil
            }
        default: return .string(text)
        }
    }

    static func typeName(_ schema: JSONValue) -> String {
        switch schema["type"]?.stringValue {
        case "integer": return "a whole number"
        case "number": return "a number"
        case "boolean": return "true or false"
        default: return "a string"
        }
    }
}
