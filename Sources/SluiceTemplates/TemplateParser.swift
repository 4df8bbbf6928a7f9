import SluiceCore

/// Turns tokens into the statement tree, with Jinja's operator precedence (lowest first):
/// `x if c else y`, `or`, `and`, `not`, comparisons and `in`, `+ -`, `~`, `* / // %`, `**`,
/// unary `-`, then filters and tests, then `.attr`, `[key]` and calls.
///
/// Every syntax error names its line and column and says what was expected.
struct TemplateParser {
    private let source: TemplateSource
    private let tokens: [TemplateToken]
    private var index = 0
    /// How deep the construct being parsed nests (blocks, brackets, operands of chains).
    private var depth = 0

    static func parse(_ source: TemplateSource) throws -> [TemplateNode] {
        var parser = TemplateParser(source: source, tokens: try TemplateLexer.tokenize(source))
        let (nodes, _) = try parser.parseNodes(until: [], opener: nil)
        return nodes
    }

    private init(source: TemplateSource, tokens: [TemplateToken]) {
        self.source = source
        self.tokens = tokens
    }

    // MARK: Tokens

    private var current: TemplateToken {
        index < tokens.count ? tokens[index] : TemplateToken(kind: .end, offset: source.text.utf8.count)
    }

    private func peek(_ ahead: Int = 1) -> TemplateToken {
        index + ahead < tokens.count ? tokens[index + ahead] : TemplateToken(kind: .end, offset: source.text.utf8.count)
    }

    private mutating func advance() { index += 1 }

    /// Counts one more level of nesting; past `TemplateLimits.nesting` the template is refused
    /// (10,000 nested blocks or parentheses would overflow the stack). Callers restore `depth`.
    private mutating func descend() throws {
        depth += 1
        guard depth <= TemplateLimits.nesting else {
            throw source.error(at: current.offset, "the template nests more than \(TemplateLimits.nesting) levels deep (blocks, brackets and chained operators together); split it up")
        }
    }

    private func isOp(_ op: String) -> Bool {
        if case .op(op) = current.kind { return true }
        return false
    }

    private func isName(_ name: String) -> Bool {
        if case .name(name) = current.kind { return true }
        return false
    }

    private mutating func skipOp(_ op: String) -> Bool {
        if isOp(op) { advance(); return true }
        return false
    }

    private mutating func skipName(_ name: String) -> Bool {
        if isName(name) { advance(); return true }
        return false
    }

    private mutating func expectOp(_ op: String, _ context: String) throws {
        guard skipOp(op) else { throw source.error(at: current.offset, "expected '\(op)' \(context), found \(current.display)") }
    }

    private mutating func expectName(_ context: String) throws -> String {
        guard case .name(let n) = current.kind else {
            throw source.error(at: current.offset, "expected a name \(context), found \(current.display)")
        }
        advance()
        return n
    }

    private mutating func expectBlockEnd(_ tag: String) throws {
        guard case .blockEnd = current.kind else {
            throw source.error(at: current.offset, "expected '%}' to end the '\(UserText.quote(tag))' tag, found \(current.display)")
        }
        advance()
    }

    // MARK: Statements

    private static let endTags: [String: String] = [
        "endif": "if", "elif": "if", "else": "if or for", "endfor": "for", "endset": "set", "endraw": "raw",
        "endwith": "with", "endmacro": "macro", "endcall": "call", "endfilter": "filter",
    ]
    /// Tags of Jinja that Airflow's environment does not offer, with the reason.
    private static let unsupportedTags: [String: String] = [
        "extends": "template inheritance (extends/block) is not supported by Sluice",
        "block": "template inheritance (extends/block) is not supported by Sluice",
        "endblock": "template inheritance (extends/block) is not supported by Sluice",
        "break": "Airflow's Jinja does not enable the loop controls extension (break/continue); use a loop filter '{% for x in xs if ... %}'",
        "continue": "Airflow's Jinja does not enable the loop controls extension (break/continue); use a loop filter '{% for x in xs if ... %}'",
        "autoescape": "Airflow's Jinja does not autoescape and Sluice does not support the autoescape tag",
        "endautoescape": "Airflow's Jinja does not autoescape and Sluice does not support the autoescape tag",
        "trans": "Airflow's Jinja does not enable the i18n extension",
        "pluralize": "Airflow's Jinja does not enable the i18n extension",
    ]
    private static let supportedTags = "if, for, set, include, import, from, macro, call, with, filter, do and raw"

    private struct Opener {
        var tag: String
        var offset: Int
        var ends: String
    }

    /// Parses statements until one of `endTags` opens a block tag; returns them and that tag's name
    /// (the parser then stands just after the name). At the end of the template, nil.
    private mutating func parseNodes(until endTags: Set<String>, opener: Opener?) throws -> ([TemplateNode], String?) {
        var nodes: [TemplateNode] = []
        while true {
            let token = current
            switch token.kind {
            case .text(let t):
                nodes.append(.text(t))
                advance()
            case .variableBegin:
                advance()
                let expr = try parseTupleOrExpression(allowConditional: true)
                guard case .variableEnd = current.kind else {
                    throw source.error(at: current.offset, "expected '}}' to end the expression, found \(current.display)")
                }
                advance()
                nodes.append(.output(expr))
            case .blockBegin:
                advance()
                guard case .name(let tag) = current.kind else {
                    throw source.error(at: current.offset, "expected a tag name after '{%', found \(current.display)")
                }
                if endTags.contains(tag) {
                    advance()
                    return (nodes, tag)
                }
                if Self.endTags[tag] != nil {
                    if let opener {
                        throw source.error(at: current.offset, "unexpected '\(UserText.quote(tag))': the innermost open block is '\(opener.tag)' (opened at \(describe(opener.offset))), which expects \(opener.ends)")
                    }
                    throw source.error(at: current.offset, "unexpected '\(UserText.quote(tag))': no '\(Self.endTags[tag] ?? "")' block is open")
                }
                nodes.append(try parseStatement(tag))
            case .end:
                if let opener {
                    throw source.error(at: opener.offset, "the '\(opener.tag)' block opened here is never closed; expected \(opener.ends) before the end of the template")
                }
                return (nodes, nil)
            default:
                throw source.error(at: token.offset, "unexpected \(token.display)")
            }
        }
    }

    private func describe(_ offset: Int) -> String {
        let (line, column) = source.position(ofOffset: offset)
        return "line \(line), column \(column)"
    }

    private mutating func parseStatement(_ tag: String) throws -> TemplateNode {
        let entryDepth = depth
        defer { depth = entryDepth }
        try descend()
        let tagOffset = tokens[index - 1].offset
        advance()
        switch tag {
        case "if": return try parseIf(openedAt: tagOffset)
        case "for": return try parseFor(openedAt: tagOffset)
        case "set": return try parseSet(openedAt: tagOffset)
        case "include": return try parseInclude()
        case "with": return try parseWith(openedAt: tagOffset)
        case "macro": return try parseMacro(openedAt: tagOffset)
        case "call": return try parseCall(openedAt: tagOffset)
        case "filter":
            let filters = try parseFilterChain(first: true)
            try expectBlockEnd("filter")
            let (body, _) = try parseNodes(until: ["endfilter"], opener: Opener(tag: "filter", offset: tagOffset, ends: "'{% endfilter %}'"))
            try expectBlockEnd("endfilter")
            return .filterBlock(filters, body)
        case "do":
            let at = current.offset
            let expression = try parseTupleOrExpression(allowConditional: true)
            try expectBlockEnd("do")
            return .evaluate(expression, at: at)
        case "import": return try parseImport()
        case "from": return try parseFromImport()
        default:
            let at = tokens[index - 1].offset
            if let reason = Self.unsupportedTags[tag] {
                throw source.error(at: at, "the '\(UserText.quote(tag))' tag is not supported: \(reason)")
            }
            throw source.error(at: at, "unknown tag '\(UserText.quote(tag))'; Sluice templates support \(Self.supportedTags)")
        }
    }

    private mutating func parseInclude() throws -> TemplateNode {
        let at = current.offset
        let name = try parseExpression()
        var ignoreMissing = false
        if skipName("ignore") {
            guard skipName("missing") else {
                throw source.error(at: current.offset, "expected 'missing' after 'ignore', found \(current.display)")
            }
            ignoreMissing = true
        }
        let withContext = try parseContextModifier(default: true)
        try expectBlockEnd("include")
        return .include(name, ignoreMissing: ignoreMissing, withContext: withContext, at: at)
    }

    /// `with context` / `without context` after an include or import; `fallback` when absent.
    private mutating func parseContextModifier(default fallback: Bool) throws -> Bool {
        guard isName("with") || isName("without") else { return fallback }
        guard case .name("context") = peek().kind else { return fallback }
        let with = isName("with")
        advance()
        advance()
        return with
    }

    private mutating func parseImport() throws -> TemplateNode {
        let at = current.offset
        let name = try parseExpression()
        guard skipName("as") else {
            throw source.error(at: current.offset, "expected 'as' and a name after the template to import, found \(current.display)")
        }
        let alias = try expectName("after 'as'")
        let withContext = try parseContextModifier(default: false)
        try expectBlockEnd("import")
        return .importModule(name, alias: alias, withContext: withContext, at: at)
    }

    private mutating func parseFromImport() throws -> TemplateNode {
        let at = current.offset
        let name = try parseExpression()
        guard skipName("import") else {
            throw source.error(at: current.offset, "expected 'import' after the template name, found \(current.display)")
        }
        var names: [(String, String)] = []
        var withContext = false
        while true {
            if !names.isEmpty, isName("with") || isName("without"), case .name("context") = peek().kind {
                withContext = try parseContextModifier(default: false)
                break
            }
            let nameAt = current.offset
            let imported = try expectName("to import")
            guard !imported.hasPrefix("_") else {
                throw source.error(at: nameAt, "names starting with an underscore cannot be imported ('\(UserText.quote(imported))')")
            }
            var alias = imported
            if skipName("as") { alias = try expectName("after 'as'") }
            names.append((imported, alias))
            if !skipOp(",") {
                withContext = try parseContextModifier(default: false)
                break
            }
        }
        guard !names.isEmpty else {
            throw source.error(at: current.offset, "expected a name to import, found \(current.display)")
        }
        try expectBlockEnd("from")
        return .importNames(name, names, withContext: withContext, at: at)
    }

    private mutating func parseWith(openedAt offset: Int) throws -> TemplateNode {
        var bindings: [(String, TemplateExpression)] = []
        while !isBlockEnd {
            if !bindings.isEmpty { try expectOp(",", "between the names of 'with'") }
            let name = try expectName("to bind in 'with'")
            try expectOp("=", "after '\(UserText.quote(name))' in 'with'")
            bindings.append((name, try parseExpression()))
        }
        try expectBlockEnd("with")
        let (body, _) = try parseNodes(until: ["endwith"], opener: Opener(tag: "with", offset: offset, ends: "'{% endwith %}'"))
        try expectBlockEnd("endwith")
        return .with(bindings, body)
    }

    private var isBlockEnd: Bool {
        if case .blockEnd = current.kind { return true }
        return false
    }

    /// `(a, b=1, c=x)`: parameter names with optional defaults.
    private mutating func parseParameters() throws -> ([String], [TemplateExpression?]) {
        var names: [String] = []
        var defaults: [TemplateExpression?] = []
        try expectOp("(", "to start the parameters")
        while !isOp(")") {
            let at = current.offset
            let name = try expectName("as a parameter")
            guard !names.contains(name) else { throw source.error(at: at, "the parameter '\(UserText.quote(name))' is named twice") }
            names.append(name)
            if skipOp("=") {
                defaults.append(try parseExpression())
            } else {
                guard defaults.allSatisfy({ $0 == nil }) else {
                    throw source.error(at: at, "the parameter '\(UserText.quote(name))' needs a default: it follows one that has a default")
                }
                defaults.append(nil)
            }
            if !skipOp(",") { break }
        }
        try expectOp(")", "to close the parameters")
        return (names, defaults)
    }

    private mutating func parseMacro(openedAt offset: Int) throws -> TemplateNode {
        let name = try expectName("after 'macro'")
        let (parameters, defaults) = try parseParameters()
        try expectBlockEnd("macro")
        let (body, _) = try parseNodes(until: ["endmacro"], opener: Opener(tag: "macro", offset: offset, ends: "'{% endmacro %}'"))
        try expectBlockEnd("endmacro")
        return .macro(TemplateMacroDefinition(name: name, parameters: parameters, defaults: defaults, body: body, at: offset))
    }

    private mutating func parseCall(openedAt offset: Int) throws -> TemplateNode {
        var parameters: [String] = []
        var defaults: [TemplateExpression?] = []
        if isOp("(") { (parameters, defaults) = try parseParameters() }
        let at = current.offset
        let call = try parseExpression()
        switch call {
        case .call, .method: break
        default: throw source.error(at: at, "expected a macro call after 'call', such as '{% call wrap() %}' or '{% call(item) each(items) %}'")
        }
        try expectBlockEnd("call")
        let (body, _) = try parseNodes(until: ["endcall"], opener: Opener(tag: "call", offset: offset, ends: "'{% endcall %}'"))
        try expectBlockEnd("endcall")
        let caller = TemplateMacroDefinition(name: "caller", parameters: parameters, defaults: defaults, body: body, at: offset)
        return .callBlock(caller: caller, call: call, at: at)
    }

    /// `name(args) | name2 ...` of a `{% filter %}` block or a block `set`; `first`: no leading `|`.
    private mutating func parseFilterChain(first: Bool) throws -> [TemplateFilterCall] {
        var filters: [TemplateFilterCall] = []
        var needsBar = !first
        while true {
            if needsBar { guard skipOp("|") else { return filters } }
            needsBar = true
            let at = current.offset
            let name = try expectName("as a filter")
            guard let filter = TemplateFilter(name: name) else {
                throw source.error(at: at, "unknown filter '\(UserText.quote(name))'; known filters: \(TemplateFilter.knownNames)")
            }
            let args = isOp("(") ? try parseArguments() : .empty
            filters.append(TemplateFilterCall(filter: filter, arguments: args, at: at))
        }
    }

    private mutating func parseIf(openedAt offset: Int) throws -> TemplateNode {
        var branches: [(TemplateExpression, [TemplateNode])] = []
        var condition = try parseExpression()
        try expectBlockEnd("if")
        let opener = Opener(tag: "if", offset: offset, ends: "'{% elif %}', '{% else %}' or '{% endif %}'")
        while true {
            let (body, end) = try parseNodes(until: ["elif", "else", "endif"], opener: opener)
            branches.append((condition, body))
            switch end {
            case "elif":
                condition = try parseExpression()
                try expectBlockEnd("elif")
            case "else":
                try expectBlockEnd("else")
                let (otherwise, _) = try parseNodes(until: ["endif"], opener: Opener(tag: "if", offset: offset, ends: "'{% endif %}'"))
                try expectBlockEnd("endif")
                return .conditional(branches, otherwise: otherwise)
            default:
                try expectBlockEnd("endif")
                return .conditional(branches, otherwise: [])
            }
        }
    }

    /// Names a template may not assign: the constants and, in a `for`, the loop variable.
    private static let constantNames: Set<String> = ["true", "false", "none", "True", "False", "None"]

    /// `a`, `a, b`, `(a, b)`, `a, (b, c)`, `(a,)`, and in a `set` also `ns.attr`: what a `for` or `set` binds.
    private mutating func parseTargets(_ tag: String) throws -> [TemplateTarget] {
        let (targets, isTuple) = try parseTargetTuple(tag)
        // `(a,)` unpacks a one-item sequence.
        return isTuple && targets.count == 1 ? [TemplateTarget(name: "", nested: targets)] : targets
    }

    /// The targets and whether they form a tuple (several, or one with a trailing comma).
    private mutating func parseTargetTuple(_ tag: String) throws -> ([TemplateTarget], Bool) {
        let parenthesised = skipOp("(")
        var targets: [TemplateTarget] = []
        var sawComma = false
        repeat {
            if !targets.isEmpty {
                sawComma = true
                if parenthesised && isOp(")") { break }
                if case .name = current.kind {} else if !isOp("(") {
                    if parenthesised { break }
                    throw source.error(at: current.offset, "expected a name after ',', found \(current.display)")
                }
            }
            if isOp("(") {
                try descend()
                let (inner, isTuple) = try parseTargetTuple(tag)
                targets.append(isTuple ? TemplateTarget(name: "", nested: inner) : inner[0])
                continue
            }
            let at = current.offset
            let name = try expectName("after '\(tag)'")
            guard !Self.constantNames.contains(name), !(tag == "for" && name == "loop") else {
                throw source.error(at: at, "cannot assign to '\(UserText.quote(name))'")
            }
            var target = TemplateTarget(name: name)
            if tag == "set", skipOp(".") { target.attribute = try expectName("after '.'") }
            targets.append(target)
        } while skipOp(",")
        if parenthesised { try expectOp(")", "to close the names") }
        return (targets, targets.count > 1 || sawComma)
    }

    private mutating func parseFor(openedAt offset: Int) throws -> TemplateNode {
        let targets = try parseTargets("for")
        guard skipName("in") else {
            throw source.error(at: current.offset, "expected 'in' after the loop variable, found \(current.display)")
        }
        let iterable = try parseTupleOrExpression(allowConditional: false)
        var condition: TemplateExpression?
        if skipName("if") { condition = try parseExpression() }
        let recursive = skipName("recursive")
        try expectBlockEnd("for")
        let opener = Opener(tag: "for", offset: offset, ends: "'{% else %}' or '{% endfor %}'")
        let (body, end) = try parseNodes(until: ["else", "endfor"], opener: opener)
        var otherwise: [TemplateNode] = []
        if end == "else" {
            try expectBlockEnd("else")
            (otherwise, _) = try parseNodes(until: ["endfor"], opener: Opener(tag: "for", offset: offset, ends: "'{% endfor %}'"))
        }
        try expectBlockEnd("endfor")
        let usesLoopState = TemplateNameScan.referencedNames(in: body, []).contains("loop")
        return .loop(TemplateLoop(targets: targets, iterable: iterable, condition: condition, body: body, otherwise: otherwise,
                                  recursive: recursive, usesLoopState: usesLoopState, at: offset))
    }

    private mutating func parseSet(openedAt offset: Int) throws -> TemplateNode {
        let at = current.offset
        let targets = try parseTargets("set")
        if skipOp("=") {
            let value = try parseTupleOrExpression(allowConditional: true)
            try expectBlockEnd("set")
            return .assign(targets, value, at: at)
        }
        guard targets.count == 1, targets[0].nested == nil else {
            throw source.error(at: current.offset, "expected '=' after the names to set, found \(current.display)")
        }
        let filters = isOp("|") ? try parseFilterChain(first: false) : []
        try expectBlockEnd("set")
        let (body, _) = try parseNodes(until: ["endset"], opener: Opener(tag: "set", offset: offset, ends: "'{% endset %}'"))
        try expectBlockEnd("endset")
        return .assignBlock(targets[0], body, filters: filters, at: at)
    }

    // MARK: Expressions

    private mutating func parseTupleOrExpression(allowConditional: Bool) throws -> TemplateExpression {
        let first = allowConditional ? try parseExpression() : try parseOr()
        guard isOp(",") else { return first }
        var items = [first]
        while skipOp(",") {
            if case .blockEnd = current.kind { break }
            if case .variableEnd = current.kind { break }
            items.append(allowConditional ? try parseExpression() : try parseOr())
        }
        return .tuple(items)
    }

    mutating func parseExpression() throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        try descend()
        var expr = try parseOr()
        while isName("if") {
            let at = current.offset
            try descend()
            advance()
            let condition = try parseOr()
            var otherwise: TemplateExpression?
            if skipName("else") { otherwise = try parseExpression() }
            expr = .conditional(then: expr, condition: condition, otherwise: otherwise, at: at)
        }
        return expr
    }

    private mutating func parseOr() throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = try parseAnd()
        while skipName("or") {
            try descend()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = try parseNot()
        while skipName("and") {
            try descend()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws -> TemplateExpression {
        if isName("not") {
            let entryDepth = depth
            defer { depth = entryDepth }
            try descend()
            advance()
            return .not(try parseNot())
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> TemplateExpression {
        let left = try parseMath1()
        var comparisons: [TemplateComparison] = []
        while true {
            let at = current.offset
            var op: TemplateCompareOperator?
            switch current.kind {
            case .op(let o):
                op = TemplateCompareOperator(rawValue: o)
                if op != nil { advance() }
            case .name("in"):
                op = .in
                advance()
            case .name("not"):
                if case .name("in") = peek().kind {
                    op = .notIn
                    advance()
                    advance()
                }
            default: break
            }
            guard let op else { break }
            comparisons.append(TemplateComparison(op: op, right: try parseMath1(), at: at))
        }
        return comparisons.isEmpty ? left : .compare(left, comparisons)
    }

    private mutating func parseMath1() throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = try parseConcat()
        while true {
            let at = current.offset
            if isOp("+") || isOp("-") { try descend() }
            if skipOp("+") {
                left = .binary(.add, left, try parseConcat(), at: at)
            } else if skipOp("-") {
                left = .binary(.subtract, left, try parseConcat(), at: at)
            } else {
                return left
            }
        }
    }

    private mutating func parseConcat() throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = try parseMath2()
        while true {
            let at = current.offset
            guard skipOp("~") else { return left }
            try descend()
            left = .binary(.concat, left, try parseMath2(), at: at)
        }
    }

    private mutating func parseMath2() throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = try parsePow()
        while true {
            let at = current.offset
            guard case .op(let o) = current.kind else { return left }
            let op: TemplateBinaryOperator
            switch o {
            case "*": op = .multiply
            case "/": op = .divide
            case "//": op = .floorDivide
            case "%": op = .modulo
            default: return left
            }
            try descend()
            advance()
            left = .binary(op, left, try parsePow(), at: at)
        }
    }

    private mutating func parsePow() throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var left = try parseUnary(withFilter: true)
        while true {
            let at = current.offset
            guard skipOp("**") else { return left }
            try descend()
            left = .binary(.power, left, try parseUnary(withFilter: true), at: at)
        }
    }

    private mutating func parseUnary(withFilter: Bool) throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        let at = current.offset
        var expr: TemplateExpression
        if isOp("-") || isOp("+") { try descend() }
        if skipOp("-") {
            expr = .negate(try parseUnary(withFilter: false), at: at)
        } else if skipOp("+") {
            expr = .plus(try parseUnary(withFilter: false), at: at)
        } else {
            expr = try parsePostfix(try parsePrimary())
        }
        if withFilter { expr = try parseFiltersAndTests(expr) }
        return expr
    }

    private mutating func parsePrimary() throws -> TemplateExpression {
        let token = current
        switch token.kind {
        case .name(let n):
            advance()
            switch n {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None": return .literal(.none)
            default: return .name(TemplateIdentifier(n), at: token.offset)
            }
        case .string(var s):
            advance()
            while case .string(let more) = current.kind {
                s += more
                advance()
            }
            return .literal(.string(s))
        case .integer(let i):
            advance()
            return .literal(.int(i))
        case .bigInteger(let i):
            advance()
            return .literal(.object(i))
        case .float(let d):
            advance()
            return .literal(.double(d))
        case .op("("):
            advance()
            if skipOp(")") { return .tuple([]) }
            let first = try parseExpression()
            if skipOp(")") { return first }
            var items = [first]
            while skipOp(",") {
                if isOp(")") { break }
                items.append(try parseExpression())
            }
            try expectOp(")", "to close '('")
            return .tuple(items)
        case .op("["):
            advance()
            var items: [TemplateExpression] = []
            while !isOp("]") {
                items.append(try parseExpression())
                if !skipOp(",") { break }
            }
            try expectOp("]", "to close the list")
            return .list(items)
        case .op("{"):
            advance()
            var pairs: [(TemplateExpression, TemplateExpression)] = []
            while !isOp("}") {
                let key = try parseExpression()
                try expectOp(":", "between a key and its value")
                pairs.append((key, try parseExpression()))
                if !skipOp(",") { break }
            }
            try expectOp("}", "to close the dictionary")
            return .dict(pairs, at: token.offset)
        default:
            throw source.error(at: token.offset, "expected a value or a name, found \(token.display)")
        }
    }

    private mutating func parsePostfix(_ base: TemplateExpression) throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var expr = base
        while true {
            let at = current.offset
            if isOp(".") || isOp("[") || isOp("(") { try descend() }
            if skipOp(".") {
                let nameAt = current.offset
                let attribute: String
                switch current.kind {
                case .name(let n): attribute = n
                case .integer(let i):
                    // `items.0` is `items[0]`, as in Jinja.
                    advance()
                    expr = .item(expr, .literal(.int(i)), at: nameAt)
                    continue
                default:
                    throw source.error(at: current.offset, "expected an attribute name after '.', found \(current.display)")
                }
                advance()
                if isOp("(") {
                    let args = try parseArguments()
                    expr = .method(expr, TemplateIdentifier(attribute), args, at: nameAt)
                } else {
                    expr = .attribute(expr, TemplateIdentifier(attribute), at: nameAt)
                }
            } else if skipOp("[") {
                var start: TemplateExpression?
                if !isOp(":") { start = try parseExpression() }
                if skipOp(":") {
                    var stop: TemplateExpression?
                    var step: TemplateExpression?
                    if !isOp(":") && !isOp("]") { stop = try parseExpression() }
                    if skipOp(":"), !isOp("]") { step = try parseExpression() }
                    try expectOp("]", "to close the slice")
                    expr = .slice(expr, start: start, stop: stop, step: step, at: at)
                } else if let key = start {
                    try expectOp("]", "to close '['")
                    expr = .item(expr, key, at: at)
                }
            } else if isOp("(") {
                expr = .call(expr, try parseArguments(), at: at)
            } else {
                return expr
            }
        }
    }

    /// `(a, b=1, *more, **named)` with Python's order rules, as Jinja's parser checks them.
    private mutating func parseArguments() throws -> TemplateArguments {
        try expectOp("(", "to start the arguments")
        var args = TemplateArguments()
        func ensure(_ ok: Bool, _ at: Int) throws {
            guard ok else { throw source.error(at: at, "invalid syntax for function call expression") }
        }
        while !isOp(")") {
            let at = current.offset
            if skipOp("*") {
                try ensure(args.spread == nil && args.spreadKeywords == nil, at)
                args.spreadAt = at
                args.spread = try parseExpression()
            } else if skipOp("**") {
                try ensure(args.spreadKeywords == nil, at)
                args.spreadAt = at
                args.spreadKeywords = try parseExpression()
            } else if case .name(let n) = current.kind, case .op("=") = peek().kind {
                try ensure(args.spreadKeywords == nil, at)
                advance()
                advance()
                args.keywords.append((n, try parseExpression()))
            } else {
                if !args.keywords.isEmpty {
                    throw source.error(at: current.offset, "a positional argument cannot follow a keyword argument")
                }
                try ensure(args.spread == nil && args.spreadKeywords == nil, at)
                args.positional.append(try parseExpression())
            }
            if !skipOp(",") { break }
        }
        try expectOp(")", "to close the arguments")
        return args
    }

    private mutating func parseFiltersAndTests(_ base: TemplateExpression) throws -> TemplateExpression {
        let entryDepth = depth
        defer { depth = entryDepth }
        var expr = base
        while true {
            if isOp("|") || isName("is") { try descend() }
            if skipOp("|") {
                let at = current.offset
                let name = try expectName("after '|'")
                guard let filter = TemplateFilter(name: name) else {
                    throw source.error(at: at, "unknown filter '\(UserText.quote(name))'; known filters: \(TemplateFilter.knownNames)")
                }
                let args = isOp("(") ? try parseArguments() : .empty
                expr = .filter(expr, filter, args, at: at)
            } else if skipName("is") {
                let negated = skipName("not")
                let at = current.offset
                let name: String
                switch current.kind {
                case .name(let n): name = n
                case .op("=="): name = "=="
                default: throw source.error(at: at, "expected a test name after 'is', found \(current.display)")
                }
                advance()
                guard let test = TemplateTest(name: name) else {
                    throw source.error(at: at, "unknown test '\(UserText.quote(name))'; known tests: \(TemplateTest.knownNames)")
                }
                var args = TemplateArguments()
                if isOp("(") {
                    args = try parseArguments()
                } else if startsTestArgument {
                    args.positional = [try parsePostfix(try parsePrimary())]
                }
                expr = .test(expr, test, negated: negated, args, at: at)
                if isName("is") {
                    throw source.error(at: current.offset, "a test cannot follow a test ('is ... is ...'); combine them with 'and'")
                }
            } else {
                return expr
            }
        }
    }

    /// Whether a bare test argument follows (`is divisibleby 3`), as opposed to `and`, `else`, ...
    private var startsTestArgument: Bool {
        switch current.kind {
        case .string, .integer, .bigInteger, .float, .op("["), .op("{"): return true
        case .name(let n): return !["else", "or", "and", "if", "in", "not", "is"].contains(n)
        default: return false
        }
    }
}
