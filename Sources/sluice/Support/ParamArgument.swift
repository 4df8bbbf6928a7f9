import ArgumentParser
import SluiceCore

/// `--param key=value` arguments.
enum ParamArgument {
    static func parse(_ arguments: [String]) throws -> [(String, JSONValue)] {
        try arguments.map { arg in
            guard let eq = arg.firstIndex(of: "="), eq != arg.startIndex else {
                throw ValidationError("--param '\(arg)' must look like key=value")
            }
            return (String(arg[..<eq]), .string(String(arg[arg.index(after: eq)...])))
        }
    }
}
