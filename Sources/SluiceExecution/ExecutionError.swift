/// Why a task attempt or an execution could not go on; descriptions are safe to log and show.
public struct ExecutionError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
