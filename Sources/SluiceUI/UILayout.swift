import Foundation
import SluiceAPI
import SluiceAuth
import SluiceCore

/// The frame of every page: the CSRF token and the DAG's time zone for the script, the header with the
/// time zone setting and the user, a message line for actions, then the page's `main`.
enum UILayout {
    static func page(title: String, context: APIRequestContext, dagZone: String = "UTC", live: Bool = false, _ content: Node...) -> Node {
        let principal = context.principal
        return el("html", ["lang": "en"],
            el("head",
                void("meta", ["charset": "utf-8"]),
                void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                void("meta", ["name": "csrf-token", "content": context.session.map { CSRFToken.of(session: $0) } ?? ""]),
                void("meta", ["name": "dag-timezone", "content": dagZone]),
                el("title", .text(title + " · Sluice")),
                void("link", ["rel": "stylesheet", "href": "/static/sluice.css"]),
                el("script", ["src": "/static/sluice.js", "defer": "defer"])),
            el("body", [:],
                el("header",
                    el("a", ["href": "/"], .text("Sluice")),
                    el("a", ["href": "/runs"], .text("Runs")),
                    el("span", ["class": "spacer"]),
                    el("label", [:], .text("Time zone "),
                       el("select", ["id": "tz", "data-setting": "timezone"],
                          el("option", ["value": "UTC"], .text("UTC")),
                          el("option", ["value": "browser"], .text("browser")),
                          el("option", ["value": "dag"], .text("DAG")))),
                    principal.map { user in
                        .group([el("span", ["data-user": user.name, "data-role": user.role.rawValue], .text("\(user.name) (\(user.role.rawValue))")),
                                el("form", ["method": "post", "action": "/logout"],
                                   void("input", ["type": "hidden", "name": "csrf", "value": context.session.map { CSRFToken.of(session: $0) } ?? ""]),
                                   el("button", ["type": "submit"], .text("Log out")))])
                    } ?? .empty),
                el("main", attributes: [("data-live", live ? "true" : nil)],
                   children: [el("p", ["id": "message", "class": "muted", "role": "status"])] + content)))
    }

    /// A date as a `<time>` the script shows in the chosen zone (UTC text without the script).
    static func time(_ date: Date?) -> Node {
        guard let date else { return .text("–") }
        let iso = DateText.iso(date)
        return el("time", ["datetime": iso], .text(iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "+00:00", with: " UTC")))
    }

    /// A duration such as `3 m 12 s`.
    static func duration(from start: Date?, to end: Date?) -> String {
        guard let start, let end else { return "" }
        let seconds = Int(end.timeIntervalSince(start).rounded())
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) m \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) m"
    }

    /// Whether the signed-in user may change things (operator or admin): only they see action buttons.
    static func canOperate(_ context: APIRequestContext) -> Bool {
        context.principal?.allows(.operate) == true
    }
}
