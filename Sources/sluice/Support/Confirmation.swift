import Foundation

/// Asks a yes/no question on the terminal before a command changes state (`tasks clear`), as
/// Airflow's CLI does. Without a terminal there is nobody to ask: the command refuses unless
/// `--yes` was given, so a script never changes state by accident.
struct Confirmation: Error, CustomStringConvertible {
    let description: String

    /// True when the user answered yes; throws when stdin is not a terminal. `question` ends with `[y/N]`.
    static func ask(_ question: String, refusal: String) throws -> Bool {
        guard isatty(0) == 1 else { throw Confirmation(description: refusal) }
        FileHandle.standardError.write(Data((question + " ").utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }
}
