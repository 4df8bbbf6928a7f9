import HTTPTypes

/// Header names that HTTPTypes does not predefine, written once.
extension HTTPField.Name {
    public static let csrfToken = constant("X-CSRF-Token")
    public static let xFrameOptions = constant("X-Frame-Options")
    public static let referrerPolicy = constant("Referrer-Policy")
    public static let xLogStart = constant("X-Log-Start")

    /// A name written in the source as a literal token (letters and dashes): valid by construction.
    static func constant(_ name: StaticString) -> HTTPField.Name {
        HTTPField.Name(name.description)!
    }
}
