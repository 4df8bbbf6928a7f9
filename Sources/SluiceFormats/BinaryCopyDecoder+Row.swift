extension BinaryCopyDecoder {
    /// Decodes one complete tuple (its length already checked by `itemSize`) into the current batch.
    mutating func decodeRow(_ item: UnsafeRawBufferPointer, fields: Int) throws {
        let row = rowsDecoded + 1
        guard fields == schema.count else {
            throw FormatsError.fieldCountMismatch(expected: schema.count, found: fields, row: row)
        }
        guard let base = item.baseAddress else { return }
        var pos = 2
        if hasOIDs { pos += 4 + max(0, Int(item.readInt32(at: pos))) }
        for c in 0..<fields {
            let len = Int(base.readInt32(at: pos))
            pos += 4
            if len < 0 {
                batch.columns[c].appendNull()
                continue
            }
            try decodeField(column: c, base + pos, len, row: row)
            pos += len
        }
        batch.rowCount += 1
        rowsDecoded += 1
    }

    @inline(__always)
    mutating func decodeField(column c: Int, _ p: UnsafeRawPointer, _ len: Int, row: Int) throws {
        switch batch.columns[c].type {
        case .int64, .timestamp, .timestampTZ:
            guard len == 8 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].int64Values.append(p.readInt64(at: 0))
        case .int32:
            guard len == 4 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].int32Values.append(p.readInt32(at: 0))
        case .date:
            guard len == 4 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].int32Values.append(p.readInt32(at: 0))
        case .oid:
            guard len == 4 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].int64Values.append(Int64(p.readUInt32(at: 0)))
        case .int16:
            guard len == 2 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].int16Values.append(p.readInt16(at: 0))
        case .float64:
            guard len == 8 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].doubleValues.append(Double(bitPattern: UInt64(bitPattern: p.readInt64(at: 0))))
        case .float32:
            guard len == 4 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].floatValues.append(Float(bitPattern: p.readUInt32(at: 0)))
        case .bool:
            guard len == 1 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].boolValues.append(p.load(as: UInt8.self) != 0)
        case .interval:
            guard len == 16 else { throw lengthError(c, len, row) }
            batch.columns[c].validity.append(true)
            batch.columns[c].intervalValues.append(IntervalValue(
                microseconds: p.readInt64(at: 0), days: p.readInt32(at: 8), months: p.readInt32(at: 12)))
        case .uuid:
            guard len == 16 else { throw lengthError(c, len, row) }
            batch.columns[c].appendBytes(p, len)
        case .text, .json, .bytea:
            batch.columns[c].appendBytes(p, len)
        case .jsonb:
            // jsonb_send: a version byte (1) followed by the jsonb's text output.
            guard len >= 1, p.load(as: UInt8.self) == 1 else {
                throw valueError(c, "jsonb version byte is not 1", row)
            }
            batch.columns[c].appendBytes(p + 1, len - 1)
        case .numeric:
            try appendText(column: c, UnsafeRawBufferPointer(start: p, count: len), row: row) { NumericText.append($0, to: &$1) }
        case .inet:
            try appendText(column: c, UnsafeRawBufferPointer(start: p, count: len), row: row) { InetText.append($0, to: &$1) }
        case .array(let element):
            try validateArray(column: c, UnsafeRawBufferPointer(start: p, count: len), element: element, row: row)
            batch.columns[c].appendBytes(p, len)
        }
    }

    /// Appends a value stored as its text (numeric, inet): `convert` writes the text of the binary value or
    /// returns why the bytes are invalid.
    @inline(__always)
    mutating func appendText(column c: Int, _ raw: UnsafeRawBufferPointer, row: Int,
                             _ convert: (UnsafeRawBufferPointer, inout [UInt8]) -> String?) throws {
        if let reason = convert(raw, &batch.columns[c].data) { throw valueError(c, reason, row) }
        batch.columns[c].validity.append(true)
        batch.columns[c].offsets.append(batch.columns[c].data.count)
    }

    /// Checks an array's layout, element type and element lengths so writers can trust it.
    func validateArray(column c: Int, _ raw: UnsafeRawBufferPointer, element: ColumnType, row: Int) throws {
        let value: ArrayValue
        do {
            value = try ArrayValue.parse(raw)
        } catch let error as ArrayLayoutError {
            throw valueError(c, error.reason, row)
        }
        guard value.elements.isEmpty || element.acceptsElement(oid: value.elementOID) else {
            throw FormatsError.unknownType(column: schema[c].name, oid: value.elementOID)
        }
        let fixed: Int?
        switch element {
        case .int16: fixed = 2
        case .int32, .date, .float32, .oid: fixed = 4
        case .int64, .float64, .timestamp, .timestampTZ: fixed = 8
        case .bool: fixed = 1
        case .interval, .uuid: fixed = 16
        default: fixed = nil
        }
        for range in value.elements {
            guard let range else { continue }
            if let fixed, range.count != fixed {
                throw valueError(c, "array element of \(range.count) bytes, expected \(fixed)", row)
            }
            let bytes = UnsafeRawBufferPointer(rebasing: raw[range])
            if element == .numeric, let reason = NumericText.validate(bytes) {
                throw valueError(c, reason, row)
            }
            if element == .inet {
                var scratch: [UInt8] = []
                if let reason = InetText.append(bytes, to: &scratch) { throw valueError(c, reason, row) }
            }
            if element == .jsonb, bytes.first != 1 {
                throw valueError(c, "jsonb array element version byte is not 1", row)
            }
        }
    }

    func lengthError(_ c: Int, _ len: Int, _ row: Int) -> FormatsError {
        .badFieldLength(column: schema[c].name, type: schema[c].sourceTypeName, length: len, row: row)
    }

    func valueError(_ c: Int, _ reason: String, _ row: Int) -> FormatsError {
        .badValue(column: schema[c].name, type: schema[c].sourceTypeName, reason: reason, row: row)
    }
}
