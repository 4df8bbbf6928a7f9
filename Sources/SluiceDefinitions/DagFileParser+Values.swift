import Foundation
import SluiceCore
import Yams

/// Typed reads with a problem reported at the node when the type is wrong.
extension DagFileParser {
    /// The mapping as key -> value node; unknown keys and duplicates become problems.
    mutating func checkKeys(_ map: Node.Mapping, allowed: [String], what: String) -> [String: Node] {
        var result: [String: Node] = [:]
        for (keyNode, value) in map {
            guard let key = keyNode.string else {
                problem(keyNode, "a \(what) must be a string")
                continue
            }
            if !allowed.contains(key) {
                let hint = DidYouMean.hint(for: key, among: allowed)
                problem(keyNode, "unknown \(what) '\(UserText.quote(key))'\(hint)")
                continue
            }
            if result[key] != nil {
                problem(keyNode, "duplicate key '\(UserText.quote(key))'; each key may appear once")
                continue
            }
            result[key] = value
        }
        return result
    }

    mutating func string(_ node: Node, what: String) -> String? {
        guard case let .scalar(scalar) = node, !node.isNull else {
            problem(node, "\(what) must be a string, not \(node.kindName)")
            return nil
        }
        return scalar.string
    }

    mutating func identifier(_ node: Node, what: String) -> String? {
        guard let value = string(node, what: what) else { return nil }
        if value.isEmpty || value.count > 250 || !value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }) {
            problem(node, "\(what) '\(UserText.quote(value))' may only contain letters, digits, '_', '.' and '-' (at most 250 characters)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, what: String) -> Bool? {
        if case let .bool(b) = node.jsonValue { return b }
        problem(node, "\(what) must be true or false, not '\(UserText.quote(node.string ?? node.kindName))'")
        return nil
    }

    /// A whole number inside `range` (numbers too large for 64 bits are out of range, not a crash).
    mutating func int(_ node: Node, what: String, range: ClosedRange<Int>) -> Int? {
        if case let .int(i) = node.jsonValue, range.contains(i) { return i }
        let shown = UserText.quote(node.string ?? node.kindName)
        let upper = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
        problem(node, "\(what) must be a whole number from \(range.lowerBound)\(upper), not '\(UserText.quote(shown))'")
        return nil
    }

    /// A duration in seconds inside `range` (`30s`, `5m`, `1h30m` or whole seconds).
    mutating func duration(_ node: Node, what: String, range: ClosedRange<TimeInterval>) -> TimeInterval? {
        let seconds: TimeInterval
        if case let .int(i) = node.jsonValue {
            seconds = TimeInterval(i)
        } else {
            guard let text = string(node, what: what) else { return nil }
            do {
                seconds = try DurationParser.seconds(from: text)
            } catch {
                problem(node, "\(what) '\(UserText.quote(text))' is not a duration: write it like 30s, 5m, 1h, 1d or 1h30m")
                return nil
            }
        }
        guard range.contains(seconds) else {
            problem(node, "\(what) '\(UserText.quote(node.string ?? ""))' is out of range: it must be from \(DagLimits.describe(range))")
            return nil
        }
        return seconds
    }

    /// A date or date-time between 1900-01-01 and 2999-12-31.
    mutating func date(_ node: Node, in zone: TimeZone, what: String) -> Date? {
        guard let text = string(node, what: what) else { return nil }
        guard let d = DateText.parse(text, in: zone) else {
            problem(node, "\(what) '\(UserText.quote(text))' is not a date: write YYYY-MM-DD or an ISO date-time like 2021-11-11T02:30:00+01:00")
            return nil
        }
        guard DagLimits.dates.contains(d) else {
            problem(node, "\(what) '\(UserText.quote(text))' is out of range: dates must be from 1900-01-01 to 2999-12-31")
            return nil
        }
        return d
    }

    /// A params mapping; values may be any YAML and strings may be templates (checked here).
    mutating func paramsMapping(_ node: Node, what: String) -> [(String, JSONValue)] {
        if node.isNull { return [] }
        guard case let .mapping(map) = node else {
            problem(node, "\(what) must be a mapping of names to values, like {table: doc.metrics}")
            return []
        }
        var result: [(String, JSONValue)] = []
        var seen = Set<String>()
        for (keyNode, value) in map {
            guard let key = keyNode.string, seen.insert(key).inserted else {
                problem(keyNode, "duplicate or invalid param name")
                continue
            }
            if case let .scalar(scalar) = value, value.isQuotedOrBlock || value.jsonValue.stringValue != nil {
                checkTemplate(scalar.string, node: value, role: "param '\(key)'")
            }
            result.append((key, value.jsonValue))
        }
        return result
    }

    mutating func applyRetrySettings(_ keys: [String: Node], to defaults: inout TaskDefaults) {
        if let n = keys["retries"], let v = int(n, what: "retries", range: DagLimits.retries) { defaults.retries = v }
        if let n = keys["retry_delay"], let v = duration(n, what: "retry_delay", range: DagLimits.retryDelay) { defaults.retryDelay = v }
        if let n = keys["retry_exponential_backoff"], let v = bool(n, what: "retry_exponential_backoff") { defaults.exponentialBackoff = v }
        if let n = keys["max_retry_delay"], let v = duration(n, what: "max_retry_delay", range: DagLimits.retryDelay) { defaults.maxRetryDelay = v }
        if let n = keys["execution_timeout"], !n.isNull, let v = duration(n, what: "execution_timeout", range: DagLimits.executionTimeout) {
            defaults.executionTimeout = v
        }
        if let n = keys["queue"], let v = queueName(n) { defaults.queue = v }
    }

    /// A queue name: letters, digits, `_`, `-` and `.`, at most 100 characters.
    mutating func queueName(_ node: Node) -> String? {
        guard let name = string(node, what: "queue") else { return nil }
        guard !name.isEmpty, name.count <= 100, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) else {
            problem(node, "queue '\(UserText.quote(String(name.prefix(100))))' must be 1 to 100 letters, digits, '_', '-' or '.'")
            return nil
        }
        return name
    }
}
