import ArgumentParser
import Foundation
import SluiceAuth
import SluiceCore

/// `sluice tokens ...`: long-lived automation tokens for scripts and CI (`Authorization: Bearer ...`).
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Create, list and revoke API tokens for automation.",
        subcommands: [TokensCreateCommand.self, TokensListCommand.self, TokensRevokeCommand.self]
    )
}

/// `sluice tokens create NAME --role R [--expires-in 90d]`: prints the token once; only its hash is kept.
struct TokensCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an API token and print it (once).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The token name: 1 to 64 characters of A-Z a-z 0-9 _ . @ -") var name: String
    @Option(help: "viewer, operator or admin.") var role: String
    @Option(help: "Expire after this long, e.g. 90d, 12h, 1w (default: never).") var expiresIn: String?

    func run() async throws {
        let role = try Role(parsing: role)
        _ = try AuthName.validated(name, of: "token")
        let lifetime = try expiresIn.map(TokenLifetime.seconds(parsing:))
        let issued = try await AuthStore.open(global).createAutomationToken(name: name, role: role, expiresIn: lifetime, now: Date())
        print(issued.token)
        let expiry = issued.expiresAt.map { "expires \(DateText.iso($0))" } ?? "never expires"
        FileHandle.standardError.write(Data("note: token \(name) (\(role.rawValue), \(expiry)) is shown only this once; Sluice keeps only its hash\n".utf8))
    }
}

/// `sluice tokens list [--json]`: names, roles and times; never a token or its hash.
struct TokensListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the API tokens with their roles, expiry and last use.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array.") var json = false

    func run() async throws {
        let tokens = try await AuthStore.existing(global)?.tokens() ?? []
        func text(_ date: Date?) -> String { date.map { DateText.iso($0) } ?? "never" }
        if json {
            func value(_ date: Date?) -> JSONValue { date.map { .string(DateText.iso($0)) } ?? .null }
            print(JSONValue.array(tokens.map {
                .object([("name", .string($0.name)), ("role", .string($0.role.rawValue)), ("created_at", .string(DateText.iso($0.createdAt))),
                         ("expires_at", value($0.expiresAt)), ("last_used_at", value($0.lastUsedAt))])
            }).jsonText)
        } else if tokens.isEmpty {
            print("no tokens; create one with `sluice tokens create NAME --role viewer`")
        } else {
            print(TextTable.render(header: ["name", "role", "created", "expires", "last used"], rows: tokens.map {
                [$0.name, $0.role.rawValue, DateText.iso($0.createdAt), text($0.expiresAt), text($0.lastUsedAt)]
            }))
        }
    }
}

/// `sluice tokens revoke NAME`: the token stops working at once.
struct TokensRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API token.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The token name.") var name: String

    func run() async throws {
        guard let auth = try await AuthStore.existing(global) else { throw AuthError.tokenNotFound(name) }
        try await auth.revokeToken(name: name)
        print("token \(name) revoked")
    }
}
