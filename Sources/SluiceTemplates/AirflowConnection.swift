import Foundation
import SluiceCore

/// An Airflow connection as templates see it (`conn.warehouse.host`), built from the URI of Sluice's
/// connection definition (`SLUICE_CONN_<ID>`) the way Airflow's `Connection(uri=...)` reads a URI:
/// `conn_type` from the scheme (`postgresql` is `postgres`), `schema` from the path, `extra` from the
/// query. The password is never given to a template: Sluice does not put passwords into SQL.
struct AirflowConnection: TemplateMemberObject {
    var connId: String
    var connType: String?
    var host: String?
    var schema: String?
    var login: String?
    var port: Int?
    /// The query parameters, in order.
    var extra: [(String, String)]
    /// Whether the URI has a password (which this value never holds).
    var hasPassword: Bool

    var typeName: String { "Connection" }

    /// Nil when `uri` is not a URI (`scheme://...`).
    init?(id: String, uri: String) {
        guard let components = URLComponents(string: uri), let scheme = components.scheme, uri.contains("://") else { return nil }
        connId = id
        let type = scheme.replacingOccurrences(of: "-", with: "_")
        connType = type == "postgresql" ? "postgres" : type
        host = components.percentEncodedHost.flatMap { $0.isEmpty ? nil : ($0.removingPercentEncoding ?? $0) }
        let path = components.percentEncodedPath
        let schemaText = path.hasPrefix("/") ? String(path.dropFirst()) : path
        schema = schemaText.removingPercentEncoding ?? schemaText
        login = components.percentEncodedUser.map { $0.removingPercentEncoding ?? $0 }
        hasPassword = components.percentEncodedPassword != nil
        port = components.port
        var pairs: [(String, String)] = []
        for item in components.queryItems ?? [] {
            if let index = pairs.firstIndex(where: { $0.0 == item.name }) {
                pairs[index].1 = item.value ?? ""
            } else {
                pairs.append((item.name, item.value ?? ""))
            }
        }
        extra = pairs
    }

    /// The connections `SLUICE_CONN_<ID>` defines in `environment`, keyed by lower-cased id.
    static func connections(in environment: [String: String]) -> TemplateDictionary {
        var d = TemplateDictionary()
        let prefix = "SLUICE_CONN_"
        for name in environment.keys.sorted() where name.uppercased().hasPrefix(prefix) {
            let id = String(name.dropFirst(prefix.count)).lowercased()
            guard !id.isEmpty, let uri = environment[name] else { continue }
            if id.hasSuffix("_pool"), environment.keys.contains(where: { $0.uppercased() == name.uppercased().dropLast(5) }) { continue }
            if let connection = AirflowConnection(id: id, uri: uri) { d[id] = .object(connection) }
        }
        return d
    }

    /// Airflow's `repr` of the connection, with `password='***'`: Sluice does not put passwords into SQL.
    func appendText(to out: inout String) {
        func text(_ s: String?) -> TemplateValue { s.map { .string($0) } ?? .none }
        let fields: [(String, TemplateValue)] = [
            ("conn_id", .string(connId)), ("conn_type", text(connType)), ("description", .none), ("host", text(host)),
            ("schema", text(schema)), ("login", text(login)), ("password", hasPassword ? .string("***") : .none),
            ("port", port.map { .int($0) } ?? .none), ("extra", extra.isEmpty ? .none : .string(extraJSON)),
        ]
        out += "Connection("
        for (index, (name, value)) in fields.enumerated() {
            if index > 0 { out += ", " }
            out += name + "="
            value.appendRepr(to: &out)
        }
        out += ")"
    }

    func isEqual(to other: any TemplateObject) -> Bool { (other as? AirflowConnection)?.connId == connId }

    private var extraDictionary: TemplateDictionary {
        var d = TemplateDictionary()
        for (k, v) in extra { d[k] = .string(v) }
        return d
    }

    /// Python's `json.dumps` of the extras: `{"sslmode": "require"}`.
    private var extraJSON: String {
        guard !extra.isEmpty else { return "" }
        return (try? TemplateJSON.dumps(.dict(extraDictionary))) ?? ""
    }

    private var refusal: TemplateError {
        TemplateError(message: "Sluice does not put passwords into SQL: connection '\(UserText.quote(connId))' keeps its password to itself; "
                      + "let the database connection carry the credentials instead")
    }

    func attribute(_ name: String) throws -> TemplateValue? {
        func optional(_ s: String?) -> TemplateValue { s.map { .string($0) } ?? .none }
        switch name {
        case "conn_id": return .string(connId)
        case "conn_type": return optional(connType)
        case "host": return optional(host)
        case "schema": return optional(schema)
        case "login": return optional(login)
        case "port": return port.map { .int($0) } ?? TemplateValue.none
        case "extra": return extra.isEmpty ? TemplateValue.none : .string(extraJSON)
        case "extra_dejson": return .dict(extraDictionary)
        case "description": return TemplateValue.none
        case "password", "get_password", "get_uri": throw refusal
        default: return nil
        }
    }

    func callMethod(_ name: String, _ arguments: inout TemplateArgumentReader) throws -> TemplateValue? {
        switch name {
        case "get_password", "get_uri": throw refusal
        case "get_extra": return .string(extraJSON)
        default: return nil
        }
    }
}
