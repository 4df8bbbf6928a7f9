import Foundation
import Hummingbird
import NIOCore
import SluiceCore

/// JSON bodies of the API, through the project's one JSON value type (`JSONValue`): keys in the order
/// written, `null` where Airflow's schema has a nullable field.
enum APIJSON {
    static func encode(_ object: [String: String]) -> [UInt8] {
        Array(JSONValue.object(object.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }).jsonText.utf8)
    }

    /// A 200 (or `status`) response with `value` as its JSON body.
    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.jsonText)))
    }

    /// A date as Airflow's API writes it: ISO 8601 with microseconds and `Z`.
    static func date(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        let text = DateText.iso(date)
        return .string(text.hasSuffix("+00:00") ? text.dropLast(6) + "Z" : text)
    }
}
