import SluiceCore

/// One token of a template: literal text, a tag delimiter, or a piece of an expression.
struct TemplateToken: Equatable {
    enum Kind: Equatable {
        case text(String)
        case variableBegin, variableEnd
        case blockBegin, blockEnd
        case name(String)
        case string(String)
        case integer(Int)
        /// An integer literal beyond 64 bits, in decimal (Python's ints have no size limit).
        case bigInteger(TemplateBigInteger)
        case float(Double)
        /// Operators and punctuation: `+ - * / // % ** ~ == != < <= > >= = . , : | ( ) [ ] { }`.
        case op(String)
        case end
    }

    var kind: Kind
    /// UTF-8 offset in the (newline-normalised) source where the token starts.
    var offset: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .text: return "template text"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "'}}'"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "'%}'"
        case .name(let n): return "'\(UserText.quote(n))'"
        case .string: return "a string"
        case .integer(let i): return "'\(i)'"
        case .bigInteger(let i): return "'\(i.value)'"
        case .float(let d): return "'\(d)'"
        case .op(let o): return "'\(o)'"
        case .end: return "the end of the template"
        }
    }
}
