import Foundation

/// `print` for every command of this module: each call is one `write(2)` to standard output, so results
/// reach a pipe at once, line by line, in order with diagnostics on stderr (the C library would buffer a
/// pipe's output until exit). It shadows the standard library's `print` inside this module.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    FileHandle.standardOutput.write(Data(text.utf8))
}
