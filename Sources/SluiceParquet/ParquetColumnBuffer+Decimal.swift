/// Appending decimals: as an unscaled `Int64`, as the unscaled digits (any precision), as decimal
/// text rescaled to the column's scale, or as big-endian two's complement bytes.
extension ParquetColumnBuffer {
    /// Appends the unscaled value (`12.34` in a `decimal(p, 2)` column is `1234`).
    public func appendDecimal(unscaled: Int64) {
        guard case .decimal(let precision, _) = leaf.valueType else { return wrongDecimalKind() }
        if precision <= 18 {
            let magnitude = unscaled.magnitude
            guard magnitude < Self.powerOfTen(precision) else {
                return recordProblem(.invalidDecimal(column: column.name))
            }
        }
        appendDecimalUnchecked(unscaled)
    }

    /// Appends the unscaled value written as decimal digits with an optional sign (`-123456`),
    /// for values beyond `Int64`.
    public func appendDecimal(unscaledDigits: String) throws {
        guard case .decimal = leaf.valueType else { return wrongDecimalKind() }
        var utf8 = Array(unscaledDigits.utf8)
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8.removeFirst()
        }
        guard !utf8.isEmpty, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw ParquetError.invalidDecimal(column: column.name)
        }
        try appendDecimal(negative: negative, digits: utf8)
    }

    /// Appends a decimal written as text (`-12.5`, `3`, `1.5e3`), rescaled to the column's scale.
    /// Throws `invalidDecimal` if it needs more fraction digits than the scale allows, has more
    /// digits than the precision, or is not a finite number (`NaN`, `Infinity`).
    public func appendDecimal(text: String) throws {
        guard case .decimal(_, let scale) = leaf.valueType else { return wrongDecimalKind() }
        let bad = ParquetError.invalidDecimal(column: column.name)
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var negative = false
        var sawDigit = false
        var sawPoint = false
        var iterator = Array(text.utf8)[...]
        if let first = iterator.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            iterator = iterator.dropFirst()
        }
        while let c = iterator.first {
            if c >= 48 && c <= 57 {
                digits.append(c)
                if sawPoint { fractionDigits += 1 }
                sawDigit = true
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard let e = Int(String(decoding: iterator.dropFirst(), as: UTF8.self)), abs(e) < 10_000 else { throw bad }
                exponent = e
                iterator = iterator[iterator.endIndex...]
                break
            } else {
                throw bad
            }
            iterator = iterator.dropFirst()
        }
        guard sawDigit else { throw bad }
        let shift = scale - fractionDigits + exponent
        if shift >= 0 {
            digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: shift))
        } else {
            let drop = -shift
            if drop > digits.count {
                guard digits.allSatisfy({ $0 == UInt8(ascii: "0") }) else { throw bad }
                digits = [UInt8(ascii: "0")]
            } else {
                guard digits.suffix(drop).allSatisfy({ $0 == UInt8(ascii: "0") }) else { throw bad }
                digits.removeLast(drop)
            }
        }
        if digits.isEmpty { digits = [UInt8(ascii: "0")] }
        try appendDecimal(negative: negative, digits: digits)
    }

    /// Appends the unscaled value as big-endian two's complement bytes (any length; it is
    /// sign-extended or shortened to the column's width, and must fit in it).
    public func appendDecimal(bigEndianTwosComplement bytes: UnsafeRawBufferPointer) throws {
        guard case .decimal(let precision, _) = leaf.valueType else { return wrongDecimalKind() }
        let bad = ParquetError.invalidDecimal(column: column.name)
        guard !bytes.isEmpty else { throw bad }
        let negative = bytes[0] & 0x80 != 0
        let fill: UInt8 = negative ? 0xFF : 0
        let width = precision <= 9 ? 4 : precision <= 18 ? 8 : fixedWidth
        // Drop redundant sign bytes, then sign-extend to `width`.
        var start = 0
        while bytes.count - start > width {
            guard bytes[start] == fill else { throw bad }
            start += 1
        }
        if start > 0, (bytes[start] & 0x80 != 0) != negative { throw bad }
        var out = [UInt8](repeating: fill, count: width)
        let n = bytes.count - start
        for i in 0..<n { out[width - n + i] = bytes[start + i] }
        if precision <= 18 {
            var value: Int64 = negative ? -1 : 0
            for b in out { value = value << 8 | Int64(b) }
            appendDecimal(unscaled: value)
        } else {
            out.withUnsafeBytes { appendFixedBytes($0) }
        }
    }

    // MARK: Internals

    private func wrongDecimalKind() {
        recordProblem(.wrongValueKind(column: column.name, expected: Self.kindName(leaf.valueType)))
    }

    static func powerOfTen(_ n: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    private func appendFixedBytes(_ bytes: UnsafeRawBufferPointer) {
        guard let address = bytes.baseAddress else { return }
        storage.pointee.data.append(raw: address, count: bytes.count)
        storage.pointee.present(nullable: valuesNullable, bytes: bytes.count)
    }

    private func appendDecimalUnchecked(_ unscaled: Int64) {
        switch kind {
        case .int32:
            storage.pointee.int32s.append(Int32(truncatingIfNeeded: unscaled))
            storage.pointee.present(nullable: valuesNullable, bytes: 4)
        case .int64:
            storage.pointee.int64s.append(unscaled)
            storage.pointee.present(nullable: valuesNullable, bytes: 8)
        default:
            let width = fixedWidth
            var bytes = [UInt8](repeating: unscaled < 0 ? 0xFF : 0, count: width)
            var v = unscaled
            for i in stride(from: width - 1, through: max(0, width - 8), by: -1) {
                bytes[i] = UInt8(truncatingIfNeeded: v)
                v >>= 8
            }
            bytes.withUnsafeBytes { appendFixedBytes($0) }
        }
    }

    /// `digits` are ASCII digits of the unscaled magnitude.
    private func appendDecimal(negative: Bool, digits: [UInt8]) throws {
        guard case .decimal(let precision, _) = leaf.valueType else { return wrongDecimalKind() }
        var significant = digits[...]
        while significant.count > 1, significant.first == UInt8(ascii: "0") { significant = significant.dropFirst() }
        guard significant.count <= precision else { throw ParquetError.invalidDecimal(column: column.name) }
        if significant.count <= 18 {
            var value: Int64 = 0
            for d in significant { value = value * 10 + Int64(d - 48) }
            appendDecimalUnchecked(negative ? -value : value)
            return
        }
        // Magnitude in 32-bit limbs, least significant first.
        var limbs: [UInt32] = [0]
        for d in significant {
            var carry = UInt64(d - 48)
            for i in limbs.indices {
                let t = UInt64(limbs[i]) * 10 + carry
                limbs[i] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            if carry > 0 { limbs.append(UInt32(carry)) }
        }
        let width = fixedWidth
        var out = [UInt8](repeating: 0, count: width)
        for i in 0..<width {
            let limb = i / 4
            let byte = limb < limbs.count ? UInt8(truncatingIfNeeded: limbs[limb] >> (UInt32(i % 4) * 8)) : 0
            out[width - 1 - i] = byte
        }
        if negative {
            var carry = true
            for i in stride(from: width - 1, through: 0, by: -1) {
                let inverted = ~out[i]
                if carry {
                    let (sum, overflow) = inverted.addingReportingOverflow(1)
                    out[i] = sum
                    carry = overflow
                } else {
                    out[i] = inverted
                }
            }
        }
        out.withUnsafeBytes { appendFixedBytes($0) }
    }
}
