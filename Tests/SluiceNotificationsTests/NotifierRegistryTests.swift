import SluiceCore
import SluiceNotifications
import XCTest

final class NotifierRegistryTests: XCTestCase {
    func testConfiguredIDsListNotifiersButNotTheirCompanionVariables() {
        let registry = NotifierRegistry(environment: [
            "SLUICE_NOTIFY_OPS_SLACK": "https://hooks.example.com/x", "SLUICE_NOTIFY_OPS_SLACK_FORMAT": "slack",
            "SLUICE_NOTIFY_OPS_SLACK_SECRET": "abc123", "SLUICE_NOTIFY_OPS_SLACK_HEADERS": "A: b",
            "sluice_notify_mail": "smtp://h/?from=a@x&to=b@y", "SLUICE_DEST_LAKE": "file:///tmp",
        ])
        XCTAssertEqual(registry.configuredIDs, ["mail", "ops_slack"])
    }

    func testWebhookNotifierReadsFormatSecretAndHeadersWithCaseInsensitiveDashedID() throws {
        let registry = NotifierRegistry(environment: [
            "SLUICE_NOTIFY_OPS_SLACK": "https://hooks.example.com/services/T1/B2/tok3n",
            "SLUICE_NOTIFY_OPS_SLACK_FORMAT": "Slack",
            "SLUICE_NOTIFY_OPS_SLACK_SECRET": "whsec_1",
            "SLUICE_NOTIFY_OPS_SLACK_HEADERS": "Authorization: Bearer t0k; X-Team: data\nX-Env: prod",
        ])
        let notifier = try registry.notifier(named: "Ops-Slack")
        XCTAssertEqual(notifier.id, "ops_slack")
        XCTAssertEqual(notifier.kind, .webhook(WebhookSettings(
            url: try XCTUnwrap(URL(string: "https://hooks.example.com/services/T1/B2/tok3n")), format: .slack, secret: "whsec_1",
            headers: [HeaderField("Authorization", "Bearer t0k"), HeaderField("X-Team", "data"), HeaderField("X-Env", "prod")])))
    }

    func testHeaderListAcceptsCRLFSeparatedEntries() throws {
        XCTAssertEqual(try HeaderField.parseList("A: 1\r\nB: 2;;\n C : 3 ", variable: "V"),
                       [HeaderField("A", "1"), HeaderField("B", "2"), HeaderField("C", "3")])
    }

    func testWebhookFormatDefaultsToJSONWithoutSecretOrHeaders() throws {
        let notifier = try NotifierRegistry(environment: ["SLUICE_NOTIFY_HOOK": "http://127.0.0.1:8080/in"]).notifier(named: "hook")
        guard case let .webhook(settings) = notifier.kind else { return XCTFail("not a webhook: \(notifier.kind)") }
        XCTAssertEqual(settings.format, .json)
        XCTAssertNil(settings.secret)
        XCTAssertEqual(settings.headers, [])
    }

    func testSMTPURLIsPercentDecodedWithRecipientListAndDefaultPorts() throws {
        let registry = NotifierRegistry(environment: [
            "SLUICE_NOTIFY_MAIL": "smtps://alerts%40corp.com:p%40ss%3Aw0rd@mail.corp.com/?from=sluice%40corp.com&to=a@x.org,b@y.org&to=c@z.org",
            "SLUICE_NOTIFY_PLAIN": "smtp://localhost:2525/?from=s@l&to=o@p",
            "SLUICE_NOTIFY_DEFAULT": "smtp://localhost/?from=s@l&to=o@p",
        ])
        XCTAssertEqual(try registry.notifier(named: "mail").kind, .email(SMTPSettings(
            security: .smtps, host: "mail.corp.com", port: 465, user: "alerts@corp.com", password: "p@ss:w0rd",
            from: "sluice@corp.com", to: ["a@x.org", "b@y.org", "c@z.org"])))
        guard case let .email(plain) = try registry.notifier(named: "plain").kind,
              case let .email(defaulted) = try registry.notifier(named: "default").kind else { return XCTFail("not email") }
        XCTAssertEqual(plain.port, 2525)
        XCTAssertNil(plain.user)
        XCTAssertNil(plain.password)
        XCTAssertEqual(plain.serverURL, "smtp://localhost:2525")
        XCTAssertEqual(defaulted.port, 25)
    }

    func testSMTPServerURLBracketsIPv6HostOnce() throws {
        let settings = try SMTPSettings(parsing: "smtp://[::1]:2525/?from=a@b&to=c@d", variable: "V")
        XCTAssertEqual(settings.serverURL, "smtp://[::1]:2525")
    }

    func testUnknownNotifierNamesTheVariableToSet() {
        XCTAssertThrowsError(try NotifierRegistry(environment: [:]).notifier(named: "ops-slack")) { error in
            XCTAssertEqual(error as? NotificationError, .unknownNotifier(id: "ops-slack", variable: "SLUICE_NOTIFY_OPS_SLACK"))
            XCTAssertTrue("\(error)".contains("set SLUICE_NOTIFY_OPS_SLACK"), "\(error)")
        }
    }

    func testInvalidConfigurationsFailNamingTheVariable() {
        let cases: [([String: String], String, String)] = [
            (["SLUICE_NOTIFY_X": "ftp://host/x"], "SLUICE_NOTIFY_X", "scheme"),
            (["SLUICE_NOTIFY_X": "https:///nohost"], "SLUICE_NOTIFY_X", "host"),
            (["SLUICE_NOTIFY_X": "https://h/x", "SLUICE_NOTIFY_X_FORMAT": "teams"], "SLUICE_NOTIFY_X_FORMAT", "json or slack"),
            (["SLUICE_NOTIFY_X": "https://h/x", "SLUICE_NOTIFY_X_HEADERS": "NoColon"], "SLUICE_NOTIFY_X_HEADERS", "Name: value"),
            (["SLUICE_NOTIFY_X": "https://h/x", "SLUICE_NOTIFY_X_HEADERS": "X-Sluice-Signature: forged"], "SLUICE_NOTIFY_X_HEADERS", "reserved"),
            (["SLUICE_NOTIFY_X": "https://h/x", "SLUICE_NOTIFY_X_HEADERS": "Bad Name: v"], "SLUICE_NOTIFY_X_HEADERS", "header name"),
            (["SLUICE_NOTIFY_X": "smtp://h/?to=a@b"], "SLUICE_NOTIFY_X", "from="),
            (["SLUICE_NOTIFY_X": "smtp://h/?from=a@b"], "SLUICE_NOTIFY_X", "to="),
            (["SLUICE_NOTIFY_X": "smtp://h/?from=a@b&to=nobody"], "SLUICE_NOTIFY_X", "email address"),
            (["SLUICE_NOTIFY_X": "smtp://h/?from=a@b&to=c@d&cc=e@f"], "SLUICE_NOTIFY_X", "unknown parameter 'cc'"),
            (["SLUICE_NOTIFY_X": "smtp://h/?from=a@b&to=c@d", "SLUICE_NOTIFY_X_SECRET": "s3cret"], "SLUICE_NOTIFY_X_SECRET", "webhook"),
        ]
        for (environment, variable, fragment) in cases {
            XCTAssertThrowsError(try NotifierRegistry(environment: environment).notifier(named: "x"), "\(environment)") { error in
                let text = "\(error)"
                XCTAssertTrue(text.hasPrefix(variable + " "), "\(text) should name \(variable)")
                XCTAssertTrue(text.contains(fragment), "\(text) should mention \(fragment)")
            }
        }
    }

    func testErrorsNeverContainTheURLPasswordTokenOrHeaderValues() {
        let cases: [[String: String]] = [
            ["SLUICE_NOTIFY_X": "smtp://user:Hunter2Pass@mail.example.com/?from=a@b"],
            ["SLUICE_NOTIFY_X": "smtp://user:Hunter2Pass@mail.example.com/?from=a@b&to=c@d&bogus=Hunter2Pass"],
            ["SLUICE_NOTIFY_X": "smtp://user:Hunter2Pass@:99999/?from=a@b&to=c@d"],
            ["SLUICE_NOTIFY_X": "gopher://hooks.example.com/services/Hunter2Pass"],
            ["SLUICE_NOTIFY_X": "https://hooks.example.com/Hunter2Pass", "SLUICE_NOTIFY_X_FORMAT": "Hunter2Pass"],
            ["SLUICE_NOTIFY_X": "https://hooks.example.com/Hunter2Pass", "SLUICE_NOTIFY_X_HEADERS": "Authorization Hunter2Pass"],
            ["SLUICE_NOTIFY_X": "smtp://u:Hunter2Pass@h/?from=a@b&to=c@d", "SLUICE_NOTIFY_X_SECRET": "Hunter2Pass"],
        ]
        for environment in cases {
            XCTAssertThrowsError(try NotifierRegistry(environment: environment).notifier(named: "x"), "\(environment)") { error in
                XCTAssertFalse("\(error)".contains("Hunter2"), "\(error) leaks a secret")
                XCTAssertFalse("\(error)".contains("hooks.example.com"), "\(error) quotes the URL")
            }
        }
    }

    func testConfigurationProblemsListEveryBrokenNotifier() {
        let registry = NotifierRegistry(environment: [
            "SLUICE_NOTIFY_GOOD": "https://h/x", "SLUICE_NOTIFY_BAD_SCHEME": "ftp://h/x",
            "SLUICE_NOTIFY_NO_TO": "smtp://h/?from=a@b",
        ])
        XCTAssertEqual(registry.configurationProblems.map { "\($0)".prefix { $0 != " " } },
                       ["SLUICE_NOTIFY_BAD_SCHEME", "SLUICE_NOTIFY_NO_TO"])
        XCTAssertEqual(NotifierRegistry(environment: ["SLUICE_NOTIFY_GOOD": "https://h/x"]).configurationProblems, [])
    }

    func testNotifierDeliveryIsTheWebhookRequestOrTheEmail() throws {
        let registry = NotifierRegistry(environment: [
            "SLUICE_NOTIFY_HOOK": "https://h/x", "SLUICE_NOTIFY_MAIL": "smtp://h/?from=a@b.c&to=d@e.f",
        ])
        let payload = PayloadFixtures.failed()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        guard case let .webhook(request) = try registry.notifier(named: "hook").delivery(for: payload, now: now),
              case let .email(message, settings) = try registry.notifier(named: "mail").delivery(for: payload, now: now) else {
            return XCTFail("wrong delivery kinds")
        }
        XCTAssertEqual(request.body, payload.jsonBody())
        XCTAssertEqual(request.url.absoluteString, "https://h/x")
        XCTAssertEqual(message.recipients, ["d@e.f"])
        XCTAssertEqual(settings.host, "h")
    }

    func testSecretValuesHoldURLsPasswordsSecretsAndHeaderValues() {
        let registry = NotifierRegistry(environment: [
            "SLUICE_NOTIFY_HOOK": "https://hooks.example.com/services/T1/tok3n",
            "SLUICE_NOTIFY_HOOK_SECRET": "whsec_abc",
            "SLUICE_NOTIFY_HOOK_HEADERS": "Authorization: Bearer xyz987",
            "SLUICE_NOTIFY_MAIL": "smtp://u:p%40ssword@h/?from=a@b&to=c@d",
            "SLUICE_NOTIFY_BROKEN": "smtp://u:brokenPass@h/",
        ])
        let values = Set(registry.secretValues)
        for expected in ["https://hooks.example.com/services/T1/tok3n", "whsec_abc", "Bearer xyz987",
                         "smtp://u:p%40ssword@h/?from=a@b&to=c@d", "p%40ssword", "p@ssword", "brokenPass"] {
            XCTAssertTrue(values.contains(expected), "missing \(expected) in \(values)")
        }
        XCTAssertFalse(values.contains("u"))
    }

    func testSecretValuesHoldTheTokensOfAWebhookURLOnTheirOwn() {
        let token = "XXXXxxxxYYYYyyyy1234"
        let registry = NotifierRegistry(environment: [
            "SLUICE_NOTIFY_SLACK": "https://hooks.slack.com/services/T0/B0/\(token)",
            "SLUICE_NOTIFY_TEAMS": "https://example.com/hook?code=abcdefghijklmnop12&x=1",
        ])
        let values = Set(registry.secretValues)
        XCTAssertTrue(values.contains(token), "\(values)")
        XCTAssertTrue(values.contains("/services/T0/B0/\(token)"), "\(values)")
        XCTAssertTrue(values.contains("abcdefghijklmnop12"), "\(values)")
        XCTAssertFalse(values.contains("services") || values.contains("T0") || values.contains("1"), "short path pieces are not secrets")
        var masker = SecretMasker()
        masker.add(registry.secretValues)
        XCTAssertEqual(masker.mask("receiver said: unknown hook \(token)"), "receiver said: unknown hook ***")
    }
}
