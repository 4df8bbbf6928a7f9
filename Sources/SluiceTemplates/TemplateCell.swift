import Synchronization

/// A value that the functions a template creates (`joiner()`, `cycler()`, `loop.changed`) change
/// from call to call: a reference they share, locked so that they stay `Sendable`.
final class TemplateCell<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) {
        storage = Mutex(value)
    }

    func withLock<R: Sendable>(_ body: (inout Value) throws -> R) rethrows -> R {
        try storage.withLock { try body(&$0) }
    }
}
