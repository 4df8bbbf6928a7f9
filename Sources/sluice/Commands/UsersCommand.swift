import ArgumentParser
import Foundation
import SluiceAuth
import SluiceCore

/// `sluice users ...`: the users who log in to the API (`POST /auth/token`).
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Create, list and delete the users of the API.",
        subcommands: [UsersCreateCommand.self, UsersListCommand.self, UsersDeleteCommand.self]
    )
}

/// `sluice users create NAME --role R --password-stdin`: the password is one line of standard input,
/// never an argument (arguments show in `ps` and shell history).
struct UsersCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a user; the password is read from standard input.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The user name: 1 to 64 characters of A-Z a-z 0-9 _ . @ -") var name: String
    @Option(help: "viewer, operator or admin.") var role: String
    @Flag(help: "Read the password from the first line of standard input (required).") var passwordStdin = false

    func run() async throws {
        let role = try Role(parsing: role)
        _ = try AuthName.validated(name, of: "user")
        guard passwordStdin else {
            throw ValidationError("pass the password on standard input with --password-stdin (it never goes on the command line)")
        }
        guard var password = readLine(strippingNewline: true) else {
            throw ValidationError("no password on standard input: pipe one line to `sluice users create ... --password-stdin`")
        }
        if password.hasSuffix("\r") { password.removeLast() }
        let user = try await AuthStore.open(global).createUser(name: name, role: role, password: password, now: Date())
        print("user \(user.name) created with role \(user.role.rawValue)")
    }
}

/// `sluice users list [--json]`: names, roles, creation times; never password hashes.
struct UsersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users with their roles.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array.") var json = false

    func run() async throws {
        let users = try await AuthStore.existing(global)?.users() ?? []
        if json {
            print(JSONValue.array(users.map {
                .object([("name", .string($0.name)), ("role", .string($0.role.rawValue)), ("created_at", .string(DateText.iso($0.createdAt)))])
            }).jsonText)
        } else if users.isEmpty {
            print("no users; create one with `sluice users create NAME --role admin --password-stdin`")
        } else {
            print(TextTable.render(header: ["name", "role", "created"], rows: users.map { [$0.name, $0.role.rawValue, DateText.iso($0.createdAt)] }))
        }
    }
}

/// `sluice users delete NAME`: the user and their session tokens.
struct UsersDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a user; their session tokens stop working at once.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The user name.") var name: String

    func run() async throws {
        guard let auth = try await AuthStore.existing(global) else { throw AuthError.userNotFound(name) }
        try await auth.deleteUser(name: name)
        print("user \(name) deleted")
    }
}
