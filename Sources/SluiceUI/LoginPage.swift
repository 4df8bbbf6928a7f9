/// The login form: a user name and password, posted to `/login`; `next` is where to go after.
enum LoginPage {
    static func render(next: String, error: String?) -> Node {
        el("html", ["lang": "en"],
           el("head",
              void("meta", ["charset": "utf-8"]),
              el("title", .text("Log in · Sluice")),
              void("link", ["rel": "stylesheet", "href": "/static/sluice.css"])),
           el("body", [:],
              el("form", ["class": "login", "method": "post", "action": "/login"],
                 el("h1", .text("Sluice")),
                 error.map { el("p", ["class": "error", "role": "alert"], .text($0)) } ?? .empty,
                 void("input", ["type": "hidden", "name": "next", "value": next]),
                 el("label", ["for": "username"], .text("User name")),
                 void("input", ["id": "username", "name": "username", "autocomplete": "username", "required": "required"]),
                 el("label", ["for": "password"], .text("Password")),
                 void("input", ["id": "password", "name": "password", "type": "password", "autocomplete": "current-password", "required": "required"]),
                 el("button", ["type": "submit"], .text("Log in")))))
    }
}
