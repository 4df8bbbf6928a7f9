/// Carries a non-Sendable value (a caller's closure) onto a connection's serial queue.
///
/// Sound because the caller suspends until the queue has finished with the value: it is never used from two
/// threads at once.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
