/// The outcome of one audit of an export, as logged and as the failure reports it.
public struct AuditResult: Codable, Sendable, Equatable {
    /// The audit's name, e.g. `unique(hash_id)`.
    public var name: String
    public var passed: Bool
    /// What was measured, e.g. `source has 10 rows, 10 written`.
    public var detail: String

    public init(name: String, passed: Bool, detail: String) {
        self.name = name
        self.passed = passed
        self.detail = detail
    }

    /// `audit unique(hash_id): passed (0 duplicate rows)`.
    public var logLine: String {
        "audit \(name): \(passed ? "passed" : "FAILED") (\(detail))"
    }
}
