/// Writes the footer, parquet.thrift's `FileMetaData`, in the Thrift compact protocol: the
/// schema tree, the row groups with their column chunks and statistics, key-value metadata,
/// `created_by`, and a type-defined column order per leaf (which tells readers that min/max
/// follow the logical type's order, so they may use them).
struct FileMetadataEncoder {
    let schema: ParquetSchema
    let rowGroups: [RowGroupMetadata]
    let rowCount: Int64
    let keyValueMetadata: [(key: String, value: String)]
    let createdBy: String

    func encode(into out: ByteBuffer) {
        var t = ThriftCompactWriter(into: out)
        t.i32(1, Int32(2))
        var elementCount = 1
        for column in schema.columns {
            elementCount += 1 + 2 * column.type.listDepth
        }
        t.listBegin(2, elementType: .struct, count: elementCount)
        t.elementStructBegin()
        t.string(4, "schema")
        t.i32(5, schema.columns.count)
        t.structEnd()
        for column in schema.columns { writeSchemaElements(column, &t) }
        t.i64(3, rowCount)
        t.listBegin(4, elementType: .struct, count: rowGroups.count)
        for group in rowGroups { writeRowGroup(group, &t) }
        if !keyValueMetadata.isEmpty {
            t.listBegin(5, elementType: .struct, count: keyValueMetadata.count)
            for pair in keyValueMetadata {
                t.elementStructBegin()
                t.string(1, pair.key)
                t.string(2, pair.value)
                t.structEnd()
            }
        }
        t.string(6, createdBy)
        t.listBegin(7, elementType: .struct, count: schema.columns.count)
        for _ in schema.columns {
            t.elementStructBegin()
            t.emptyStruct(1)
            t.structEnd()
        }
        t.messageEnd()
    }

    // MARK: Schema

    private func writeSchemaElements(_ column: ParquetColumn, _ t: inout ThriftCompactWriter) {
        writeElements(name: column.name, type: column.type, repetition: column.nullable ? 1 : 0, &t)
    }

    /// A LIST group (`<name> (LIST) { repeated group list { <element> } }`) around its element,
    /// recursively for nested lists, or the leaf itself.
    private func writeElements(name: String, type: ParquetColumnType, repetition: Int32, _ t: inout ThriftCompactWriter) {
        guard case .list(let element) = type else {
            return writeLeaf(name: name, type: type, repetition: repetition, &t)
        }
        t.elementStructBegin()
        t.i32(3, repetition)
        t.string(4, name)
        t.i32(5, Int32(1))
        t.i32(6, Int32(3))
        t.structBegin(10)
        t.emptyStruct(3)
        t.structEnd()
        t.structEnd()

        t.elementStructBegin()
        t.i32(3, Int32(2))
        t.string(4, "list")
        t.i32(5, Int32(1))
        t.structEnd()

        writeElements(name: "element", type: element, repetition: 1, &t)
    }

    private func writeLeaf(name: String, type: ParquetColumnType, repetition: Int32, _ t: inout ThriftCompactWriter) {
        let (physical, typeLength, _) = LeafColumn.physical(of: type)
        t.elementStructBegin()
        t.i32(1, physical.rawValue)
        if physical == .fixedLenByteArray { t.i32(2, typeLength) }
        t.i32(3, repetition)
        t.string(4, name)
        switch type {
        case .string:
            t.i32(6, Int32(0))
            logical(&t) { $0.emptyStruct(1) }
        case .json:
            t.i32(6, Int32(19))
            logical(&t) { $0.emptyStruct(12) }
        case .date:
            t.i32(6, Int32(6))
            logical(&t) { $0.emptyStruct(6) }
        case .int16:
            t.i32(6, Int32(16))
            logical(&t) {
                $0.structBegin(10)
                $0.i8(1, 16)
                $0.bool(2, true)
                $0.structEnd()
            }
        case .timestamp(let utc):
            if utc { t.i32(6, Int32(10)) }
            logical(&t) {
                $0.structBegin(8)
                $0.bool(1, utc)
                $0.structBegin(2)
                $0.emptyStruct(2)
                $0.structEnd()
                $0.structEnd()
            }
        case .decimal(let precision, let scale):
            t.i32(6, Int32(5))
            t.i32(7, scale)
            t.i32(8, precision)
            logical(&t) {
                $0.structBegin(5)
                $0.i32(1, scale)
                $0.i32(2, precision)
                $0.structEnd()
            }
        case .uuid:
            logical(&t) { $0.emptyStruct(14) }
        case .boolean, .int32, .int64, .float, .double, .binary, .list:
            break
        }
        t.structEnd()
    }

    /// Field 10 of SchemaElement: the LogicalType union holding one member.
    private func logical(_ t: inout ThriftCompactWriter, _ member: (inout ThriftCompactWriter) -> Void) {
        t.structBegin(10)
        member(&t)
        t.structEnd()
    }

    // MARK: Row groups

    private func writeRowGroup(_ group: RowGroupMetadata, _ t: inout ThriftCompactWriter) {
        t.elementStructBegin()
        t.listBegin(1, elementType: .struct, count: group.columns.count)
        for chunk in group.columns { writeColumnChunk(chunk, &t) }
        t.i64(2, group.totalUncompressedSize)
        t.i64(3, group.rowCount)
        t.i64(5, group.fileOffset)
        t.i64(6, group.totalCompressedSize)
        t.i16(7, group.ordinal)
        t.structEnd()
    }

    private func writeColumnChunk(_ chunk: ColumnChunkMetadata, _ t: inout ThriftCompactWriter) {
        t.elementStructBegin()
        t.i64(2, chunk.startOffset)
        t.structBegin(3)
        t.i32(1, chunk.physical.rawValue)
        t.listBegin(2, elementType: .i32, count: chunk.encodings.count)
        for encoding in chunk.encodings { t.elementI32(encoding.rawValue) }
        t.listBegin(3, elementType: .binary, count: chunk.path.count)
        for part in chunk.path { t.elementBinary(Array(part.utf8)) }
        t.i32(4, chunk.codec)
        t.i64(5, chunk.numValues)
        t.i64(6, chunk.totalUncompressedSize)
        t.i64(7, chunk.totalCompressedSize)
        t.i64(9, chunk.dataPageOffset)
        if let dictionaryOffset = chunk.dictionaryPageOffset { t.i64(11, dictionaryOffset) }
        writeStatistics(chunk.statistics, maxSize: chunk.maxStatisticsSize, &t)
        t.listBegin(13, elementType: .struct, count: chunk.encodingStats.count)
        for stat in chunk.encodingStats {
            t.elementStructBegin()
            t.i32(1, stat.pageType.rawValue)
            t.i32(2, stat.encoding.rawValue)
            t.i32(3, stat.count)
            t.structEnd()
        }
        t.structEnd()
        t.structEnd()
    }

    private func writeStatistics(_ statistics: ColumnStatistics, maxSize: Int, _ t: inout ThriftCompactWriter) {
        t.structBegin(12)
        var minMax = statistics.encodedMinMax
        if let (lo, hi) = minMax, lo.count > maxSize || hi.count > maxSize { minMax = nil }
        if let (lo, hi) = minMax, statistics.writesLegacyMinMax {
            t.binary(1, hi)
            t.binary(2, lo)
        }
        t.i64(3, statistics.nullCount)
        if let (lo, hi) = minMax {
            t.binary(5, hi)
            t.binary(6, lo)
            t.bool(7, true)
            t.bool(8, true)
        }
        t.structEnd()
    }
}
