import Foundation
import Hummingbird
import SluiceCore

/// The query parameters of a request, read with Airflow's rules: repeated keys are lists (`tags=a&tags=b`),
/// booleans are `true`/`false`, a malformed value is a 422 naming the parameter.
struct APIQuery {
    private let items: [(String, String)]

    init(_ request: Request) {
        items = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    func string(_ name: String) -> String? {
        items.last { $0.0 == name }?.1
    }

    func strings(_ name: String) -> [String] {
        items.filter { $0.0 == name }.map(\.1)
    }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.unprocessable("Query parameter \(name) must be a whole number from \(range.lowerBound)\(range.upperBound == Int.max ? " up" : " to \(range.upperBound)"), not '\(text.prefix(40))'.")
        }
        return number
    }

    /// Airflow's paging: `limit` (default 50, at most 10,000) and `offset` (default 0).
    func page() throws -> (limit: Int, offset: Int) {
        (try int("limit", default: 50, range: 0...10_000), try int("offset", default: 0, range: 0...Int.max))
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw APIError.unprocessable("Query parameter \(name) must be true or false, not '\(text.prefix(40))'.")
        }
    }

    /// An ISO 8601 date-time (UTC when it has no offset).
    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = DateText.parse(text, in: TimeZone(secondsFromGMT: 0) ?? .gmt) else {
            throw APIError.unprocessable("Query parameter \(name) must be an ISO 8601 date-time, not '\(text.prefix(60))'.")
        }
        return date
    }
}
