/// A schedule, cron expression or duration that cannot be understood.
///
/// It exists so that the DAG loader can point at the exact spot: `offset` is the 0-based character
/// offset of the offending part inside the text that was parsed, which the loader adds to the
/// position of that text in its file to report `file:line:col`. `message` is one sentence that
/// states the rule that was broken; it quotes only the schedule text itself, so it is safe to log.
public struct ScheduleError: Error, CustomStringConvertible, Sendable, Equatable {
    /// 0-based character offset of the offending part inside the parsed text.
    public var offset: Int
    /// One user-readable sentence, e.g. `minute field '61' is out of range 0-59`.
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { message }
}
