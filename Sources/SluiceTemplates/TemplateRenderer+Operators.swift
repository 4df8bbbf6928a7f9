import BigInt
import Foundation

extension TemplateRenderer {
    private enum Number {
        case int(Int)
        case double(Double)
        /// A Python int beyond 64 bits.
        case big(BigInt)

        init?(_ v: TemplateValue) {
            switch v {
            case .int(let i): self = .int(i)
            case .bool(let b): self = .int(b ? 1 : 0)
            case .double(let d): self = .double(d)
            case .object(let o as TemplateBigInteger): self = .big(o.value)
            default: return nil
            }
        }

        var double: Double {
            switch self {
            case .int(let i): return Double(i)
            case .double(let d): return d
            case .big(let b): return Double(b)
            }
        }

        /// The integer, when this is one.
        var integer: BigInt? {
            switch self {
            case .int(let i): return BigInt(i)
            case .big(let b): return b
            case .double: return nil
            }
        }
    }

    private func unsupported(_ op: String, _ l: TemplateValue, _ r: TemplateValue, at: Int) -> RenderFailure {
        RenderFailure(offset: at, message: "'\(op)' does not apply to '\(l.typeName)' and '\(r.typeName)' values")
    }

    func binary(_ op: TemplateBinaryOperator, _ l: TemplateValue, _ r: TemplateValue, at: Int) throws -> TemplateValue {
        do {
            return try uncheckedBinary(op, l, r, at: at)
        } catch let error as TemplateError {
            throw RenderFailure(offset: at, message: error.message)
        }
    }

    private func uncheckedBinary(_ op: TemplateBinaryOperator, _ l: TemplateValue, _ r: TemplateValue, at: Int) throws -> TemplateValue {
        if op == .concat {
            var out = l.text
            try TemplateArithmetic.checkLength(out.utf8.count + r.text.utf8.count)
            r.appendText(to: &out)
            return .string(out)
        }
        if let a = Number(l), let b = Number(r) {
            return try arithmetic(op, a, b, at: at)
        }
        switch (op, l, r) {
        case let (.modulo, .string(format), args):
            return .string(try PythonFormat.percent(format, args))
        case let (.add, .string(a), .string(b)):
            try TemplateArithmetic.checkLength(a.utf8.count + b.utf8.count)
            return .string(a + b)
        case let (.add, .list(a), .list(b)):
            try TemplateArithmetic.checkItems(a.count + b.count)
            return .list(a + b)
        case let (.add, .tuple(a), .tuple(b)):
            try TemplateArithmetic.checkItems(a.count + b.count)
            return .tuple(a + b)
        case let (.add, .datetime(a), .timedelta(b)), let (.add, .timedelta(b), .datetime(a)):
            return .datetime(try a.adding(b, sign: 1))
        case let (.subtract, .datetime(a), .timedelta(b)):
            return .datetime(try a.adding(b, sign: -1))
        case let (.subtract, .datetime(a), .datetime(b)):
            guard a.isNaive == b.isNaive else {
                throw RenderFailure(offset: at, message: "cannot subtract a naive datetime and one with a time zone")
            }
            if a.isPendulum || b.isPendulum {
                return .timedelta(TemplateTimeDelta(try PendulumInterval(start: b, end: a, absolute: false)))
            }
            return .timedelta(try TemplateArithmetic.timedelta(microseconds: a.microseconds - b.microseconds))
        case (_, .object(let o as TemplateRelativeDelta), _), (_, _, .object(let o as TemplateRelativeDelta)):
            return try relativeDeltaArithmetic(op, l, r, o) ?? { throw unsupported(op.rawValue, l, r, at: at) }()
        case let (.add, .date(a), .timedelta(b)), let (.add, .timedelta(b), .date(a)):
            var sum = try TemplateArithmetic.date(days: TemplateArithmetic.sum(a.daysSinceEpoch, b.days))
            sum.isPendulum = a.isPendulum
            return .date(sum)
        case let (.subtract, .date(a), .timedelta(b)):
            var difference = try TemplateArithmetic.date(days: TemplateArithmetic.sum(a.daysSinceEpoch, -b.days))
            difference.isPendulum = a.isPendulum
            return .date(difference)
        case let (.subtract, .date(a), .date(b)):
            if a.isPendulum || b.isPendulum {
                return .timedelta(TemplateTimeDelta(try PendulumInterval(start: b.midnight, end: a.midnight, absolute: false, ofDates: true)))
            }
            return .timedelta(TemplateTimeDelta(days: a.daysSinceEpoch - b.daysSinceEpoch))
        case (_, .timedelta, _), (_, _, .timedelta):
            return try timedeltaArithmetic(op, l, r) ?? { throw unsupported(op.rawValue, l, r, at: at) }()
        case let (.multiply, .string(s), .int(n)), let (.multiply, .int(n), .string(s)):
            guard n > 0 else { return .string("") }
            try TemplateArithmetic.checkLength((try? TemplateArithmetic.product(s.utf8.count, n)) ?? Int.max)
            return .string(String(repeating: s, count: n))
        case let (.multiply, .list(a), .int(n)), let (.multiply, .int(n), .list(a)):
            guard n > 0 else { return .list([]) }
            try TemplateArithmetic.checkItems((try? TemplateArithmetic.product(a.count, n)) ?? Int.max)
            return .list(Array([[TemplateValue]](repeating: a, count: n).joined()))
        case let (.multiply, .tuple(a), .int(n)), let (.multiply, .int(n), .tuple(a)):
            guard n > 0 else { return .tuple([]) }
            try TemplateArithmetic.checkItems((try? TemplateArithmetic.product(a.count, n)) ?? Int.max)
            return .tuple(Array([[TemplateValue]](repeating: a, count: n).joined()))
        default:
            throw unsupported(op.rawValue, l, r, at: at)
        }
    }

    /// Python's timedelta operators (and pendulum's, whose Interval or Duration operands give a Duration):
    /// `+ -` of two, `* int|float`, `/ number` (rounded half to even), `// int`, `td / td`, `td // td`, `td % td`.
    /// Nil for a combination Python rejects.
    private func timedeltaArithmetic(_ op: TemplateBinaryOperator, _ l: TemplateValue, _ r: TemplateValue) throws -> TemplateValue? {
        func result(_ micros: Int, _ operands: TemplateTimeDelta...) throws -> TemplateValue {
            _ = try TemplateArithmetic.timedelta(microseconds: micros)
            return .timedelta(TemplateTimeDelta(microseconds: micros, pendulum: operands.contains { $0.isPendulum }))
        }
        func divided(_ micros: Int, by divisor: Double) throws -> Int {
            guard divisor != 0 else { throw TemplateError(message: "division by zero") }
            let value = (Double(micros) / divisor).rounded(.toNearestOrEven)
            guard value.isFinite, abs(value) < 9e18 else { throw TemplateError(message: "the duration is too long") }
            return Int(value)
        }
        switch (op, l, r) {
        case let (.add, .timedelta(a), .timedelta(b)):
            return try result(TemplateArithmetic.sum(a.microseconds, b.microseconds), a, b)
        case let (.subtract, .timedelta(a), .timedelta(b)):
            return try result(TemplateArithmetic.sum(a.microseconds, -b.microseconds), a, b)
        case let (.multiply, .timedelta(a), .int(n)), let (.multiply, .int(n), .timedelta(a)):
            return try result(TemplateArithmetic.product(a.microseconds, n), a)
        case let (.multiply, .timedelta(a), .double(x)), let (.multiply, .double(x), .timedelta(a)):
            let value = (Double(a.microseconds) * x).rounded(.toNearestOrEven)
            guard value.isFinite, abs(value) < 9e18 else { throw TemplateError(message: "the duration is too long") }
            return try result(Int(value), a)
        case let (.divide, .timedelta(a), .timedelta(b)):
            guard b.microseconds != 0 else { throw TemplateError(message: "division by zero") }
            return .double(Double(a.microseconds) / Double(b.microseconds))
        case let (.floorDivide, .timedelta(a), .timedelta(b)):
            guard b.microseconds != 0 else { throw TemplateError(message: "integer division or modulo by zero") }
            return .int(CivilCalendar.floorDiv(a.microseconds, b.microseconds))
        case let (.modulo, .timedelta(a), .timedelta(b)):
            guard b.microseconds != 0 else { throw TemplateError(message: "integer division or modulo by zero") }
            return try result(CivilCalendar.floorMod(a.microseconds, b.microseconds), a)
        case let (.divide, .timedelta(a), .int(n)):
            return try result(divided(a.microseconds, by: Double(n)), a)
        case let (.divide, .timedelta(a), .double(x)):
            return try result(divided(a.microseconds, by: x), a)
        case let (.floorDivide, .timedelta(a), .int(n)):
            guard n != 0 else { throw TemplateError(message: "integer division or modulo by zero") }
            guard n != -1 else { return try result(TemplateArithmetic.product(a.microseconds, -1), a) }
            return try result(CivilCalendar.floorDiv(a.microseconds, n), a)
        default:
            return nil
        }
    }

    /// dateutil's `relativedelta` with datetimes, dates, timedeltas, relativedeltas and integers; nil
    /// for a combination Python rejects.
    private func relativeDeltaArithmetic(_ op: TemplateBinaryOperator, _ l: TemplateValue, _ r: TemplateValue,
                                         _ delta: TemplateRelativeDelta) throws -> TemplateValue? {
        switch (op, l, r) {
        case let (.add, .datetime(dt), .object(o as TemplateRelativeDelta)), let (.add, .object(o as TemplateRelativeDelta), .datetime(dt)):
            return .datetime(try o.applied(to: dt))
        case let (.subtract, .datetime(dt), .object(o as TemplateRelativeDelta)):
            return .datetime(try o.negated.applied(to: dt))
        case let (.add, .date(d), .object(o as TemplateRelativeDelta)), let (.add, .object(o as TemplateRelativeDelta), .date(d)):
            return try o.applied(to: d)
        case let (.subtract, .date(d), .object(o as TemplateRelativeDelta)):
            return try o.negated.applied(to: d)
        case let (.add, .object(a as TemplateRelativeDelta), .object(b as TemplateRelativeDelta)):
            return .object(try a.combined(with: b, sign: 1))
        case let (.subtract, .object(a as TemplateRelativeDelta), .object(b as TemplateRelativeDelta)):
            return .object(try a.combined(with: b, sign: -1))
        case let (.add, .object(o as TemplateRelativeDelta), .timedelta(t)), let (.add, .timedelta(t), .object(o as TemplateRelativeDelta)):
            return .object(try o.adding(t))
        case let (.multiply, .object(o as TemplateRelativeDelta), .int(n)), let (.multiply, .int(n), .object(o as TemplateRelativeDelta)):
            return .object(try o.multiplied(by: n))
        default:
            _ = delta
            return nil
        }
    }

    /// Integer arithmetic beyond 64 bits, as Python's ints: what overflows `Int` continues here.
    private func bigArithmetic(_ op: TemplateBinaryOperator, _ x: BigInt, _ y: BigInt, at: Int) throws -> TemplateValue {
        switch op {
        case .add: return try TemplateBigInteger.normalized(x + y)
        case .subtract: return try TemplateBigInteger.normalized(x - y)
        case .multiply:
            guard x.magnitude.bitWidth + y.magnitude.bitWidth <= TemplateBigInteger.maximumBits + 1 else {
                throw TemplateError(message: "the integer would have more than \(TemplateBigInteger.maximumBits) bits")
            }
            return try TemplateBigInteger.normalized(x * y)
        case .divide:
            guard y != 0 else { throw RenderFailure(offset: at, message: "division by zero") }
            return .double(Double(x) / Double(y))
        case .floorDivide:
            guard y != 0 else { throw RenderFailure(offset: at, message: "division by zero") }
            return try TemplateBigInteger.normalized(TemplateBigInteger.floorDivMod(x, y).quotient)
        case .modulo:
            guard y != 0 else { throw RenderFailure(offset: at, message: "modulo by zero") }
            return try TemplateBigInteger.normalized(TemplateBigInteger.floorDivMod(x, y).remainder)
        case .power:
            guard y >= 0 else { return .double(pow(Double(x), Double(y))) }
            if x.magnitude <= 1 { return try TemplateBigInteger.normalized(x == -1 && y % 2 == 1 ? -1 : x == 0 && y > 0 ? 0 : x == 0 ? 1 : x) }
            guard let exponent = Int(exactly: y), exponent <= TemplateBigInteger.maximumBits else {
                throw TemplateError(message: "the integer would have more than \(TemplateBigInteger.maximumBits) bits")
            }
            return try TemplateBigInteger.power(x, exponent)
        case .concat: return .none
        }
    }

    private func arithmetic(_ op: TemplateBinaryOperator, _ a: Number, _ b: Number, at: Int) throws -> TemplateValue {
        if let x = a.integer, let y = b.integer, case .big = a {
            return try bigArithmetic(op, x, y, at: at)
        }
        if let x = a.integer, let y = b.integer, case .big = b {
            return try bigArithmetic(op, x, y, at: at)
        }
        if case .int(let x) = a, case .int(let y) = b {
            // What overflows 64 bits continues with Python's unbounded ints.
            func overflowed() throws -> TemplateValue { try bigArithmetic(op, BigInt(x), BigInt(y), at: at) }
            switch op {
            case .add:
                let (r, overflow) = x.addingReportingOverflow(y)
                return overflow ? try overflowed() : .int(r)
            case .subtract:
                let (r, overflow) = x.subtractingReportingOverflow(y)
                return overflow ? try overflowed() : .int(r)
            case .multiply:
                let (r, overflow) = x.multipliedReportingOverflow(by: y)
                return overflow ? try overflowed() : .int(r)
            case .divide:
                guard y != 0 else { throw RenderFailure(offset: at, message: "division by zero") }
                return .double(Double(x) / Double(y))
            case .floorDivide:
                guard y != 0 else { throw RenderFailure(offset: at, message: "division by zero") }
                guard !(x == Int.min && y == -1) else { return try overflowed() }
                return .int(CivilCalendar.floorDiv(x, y))
            case .modulo:
                guard y != 0 else { throw RenderFailure(offset: at, message: "modulo by zero") }
                guard y != -1 else { return .int(0) }
                return .int(CivilCalendar.floorMod(x, y))
            case .power:
                guard y >= 0 else { return .double(pow(Double(x), Double(y))) }
                var result = 1
                for _ in 0..<min(y, 64) {
                    let (r, overflow) = result.multipliedReportingOverflow(by: x)
                    guard !overflow else { return try overflowed() }
                    result = r
                }
                if y > 64 && x != 0 && x != 1 && x != -1 { return try overflowed() }
                if y > 64 && x == -1 { return .int(y % 2 == 0 ? 1 : -1) }
                return .int(result)
            case .concat: return .none
            }
        }
        let x = a.double, y = b.double
        switch op {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        case .divide:
            guard y != 0 else { throw RenderFailure(offset: at, message: "division by zero") }
            return .double(x / y)
        case .floorDivide:
            guard y != 0 else { throw RenderFailure(offset: at, message: "division by zero") }
            return .double((x / y).rounded(.down))
        case .modulo:
            guard y != 0 else { throw RenderFailure(offset: at, message: "modulo by zero") }
            let r = fmod(x, y)
            return .double(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        case .power: return .double(pow(x, y))
        case .concat: return .none
        }
    }

    func compare(_ op: TemplateCompareOperator, _ l: TemplateValue, _ r: TemplateValue, at: Int) throws -> Bool {
        switch op {
        case .equal: return l == r
        case .notEqual: return l != r
        case .in: return try contains(r, l, at: at)
        case .notIn: return try !contains(r, l, at: at)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let order = try ordering(l, r, op: op.rawValue, at: at)
            switch op {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    /// -1, 0 or 1; an error for values Python cannot order.
    func ordering(_ l: TemplateValue, _ r: TemplateValue, op: String, at: Int) throws -> Int {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        if let a = Number(l), let b = Number(r) {
            if case .int(let x) = a, case .int(let y) = b { return sign(x, y) }
            if let x = a.integer, let y = b.integer { return sign(x, y) }
            return sign(a.double, b.double)
        }
        switch (l, r) {
        case let (.string(a), .string(b)):
            let x = a.unicodeScalars.lazy.map(\.value), y = b.unicodeScalars.lazy.map(\.value)
            if x.lexicographicallyPrecedes(y) { return -1 }
            return y.lexicographicallyPrecedes(x) ? 1 : 0
        case let (.datetime(a), .datetime(b)):
            guard a.isNaive == b.isNaive else {
                throw RenderFailure(offset: at, message: "cannot compare a naive datetime with one that has a time zone")
            }
            return sign(a.microseconds, b.microseconds)
        case let (.list(a), .list(b)), let (.tuple(a), .tuple(b)):
            // Python compares sequences item by item, then by length.
            for (x, y) in zip(a, b) where x != y { return try ordering(x, y, op: op, at: at) }
            return sign(a.count, b.count)
        case let (.date(a), .date(b)): return sign(a, b)
        case let (.timedelta(a), .timedelta(b)): return sign(a, b)
        default: throw unsupported(op, l, r, at: at)
        }
    }

    private func contains(_ container: TemplateValue, _ element: TemplateValue, at: Int) throws -> Bool {
        switch (container, element) {
        case let (.string(s), .string(e)): return e.isEmpty || s.contains(e)
        case let (.list(items), _), let (.tuple(items), _): return items.contains(element)
        case let (.object(o as TemplateDictView), _): return o.items.contains(element)
        case let (.dict(d), .string(k)): return d[k] != nil
        case (.dict, _): return false
        default:
            throw RenderFailure(offset: at, message: "'in' does not apply to a '\(element.typeName)' and a '\(container.typeName)' value")
        }
    }
}
