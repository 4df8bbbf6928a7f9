/// Encodes the values of one leaf column into pages, and at the end of a row group writes them
/// out as one column chunk.
///
/// Values arrive row range by row range from `ParquetColumnBuffer`s. They are taken in small
/// steps (at most 4096 rows or about 256 KiB), after each of which the writer checks whether
/// the page is full (then it is encoded, compressed and kept in memory with its header) and
/// whether the dictionary passed its limit (then the page is closed and the rest of the chunk
/// is written PLAIN). Pages always end on a row boundary. The dictionary page is written in
/// front of the data pages when the chunk is flushed, since only then is it complete.
final class ColumnChunkWriter {
    let leaf: LeafColumn
    private let options: ParquetWriterOptions
    private let compressor: PageCompressor

    // The page being filled.
    private var definitionLevels: [UInt8] = []
    private var repetitionLevels: [UInt8] = []
    private var indices: [UInt32] = []
    private var booleans: [UInt8] = []
    private let plain = ByteBuffer(capacity: 64 * 1024)
    private var pageLevelCount = 0
    private var pageRowCount = 0
    private var pageNullCount = 0
    private var pageUsesDictionary: Bool

    // Reused scratch buffers for assembling pages.
    private let body = ByteBuffer(capacity: 64 * 1024)
    private let valuesScratch = ByteBuffer(capacity: 64 * 1024)
    private let header = ByteBuffer(capacity: 128)

    private let dictionary: DictionaryBuilder?
    private var dictionaryActive: Bool

    // The column chunk so far.
    private let pages = ByteBuffer(capacity: 256 * 1024)
    private var pagesUncompressedSize = 0
    private var dictionaryPageCount: Int32 = 0
    private var plainPageCount: Int32 = 0
    private var chunkLevelCount: Int64 = 0
    private(set) var chunkRawBytes = 0
    private var statistics: ColumnStatistics

    init(leaf: LeafColumn, options: ParquetWriterOptions, compressor: PageCompressor) {
        self.leaf = leaf
        self.options = options
        self.compressor = compressor
        let useDictionary = options.dictionaryEnabled && leaf.physical != .boolean
        dictionary = useDictionary ? DictionaryBuilder(lengthPrefixed: leaf.physical == .byteArray) : nil
        dictionaryActive = useDictionary
        pageUsesDictionary = useDictionary
        statistics = ColumnStatistics(order: leaf.sortOrder, physical: leaf.physical)
    }

    /// Bytes held in memory for this chunk (encoded pages plus the open page and dictionary).
    var bufferedBytes: Int {
        pages.count + plain.count + indices.count * 4 + (dictionary?.byteSize ?? 0)
    }

    // MARK: Consuming rows

    func consume(_ buffer: ParquetColumnBuffer, rows: Range<Int>) throws {
        var row = rows.lowerBound
        while row < rows.upperBound {
            let end = stepEnd(buffer, from: row, limit: rows.upperBound)
            appendRows(buffer, row..<end)
            row = end
            if dictionaryActive, let dictionary, dictionary.byteSize > options.dictionaryPageSizeLimit {
                try finishPage()
                dictionaryActive = false
                pageUsesDictionary = false
            } else if estimatedPageBytes >= options.dataPageSize {
                try finishPage()
            }
        }
    }

    private var estimatedPageBytes: Int {
        let levels = (definitionLevels.count + repetitionLevels.count) / 4
        if pageUsesDictionary, let dictionary {
            return indices.count * RLEHybridEncoder.bitWidth(forMax: dictionary.count - 1) / 8 + levels
        }
        return plain.count + booleans.count / 8 + levels
    }

    /// The value slots of rows `rows`.
    @inline(__always)
    private func valueRange(_ buffer: ParquetColumnBuffer, _ rows: Range<Int>) -> Range<Int> {
        guard leaf.isList else { return rows }
        let start = rows.lowerBound == 0 ? 0 : buffer.listEnds[rows.lowerBound - 1]
        let end = rows.isEmpty ? start : buffer.listEnds[rows.upperBound - 1]
        return start..<end
    }

    private func stepEnd(_ buffer: ParquetColumnBuffer, from row: Int, limit: Int) -> Int {
        let cap = min(limit, row + 4096)
        if leaf.physical != .byteArray && !leaf.isList { return cap }
        let budget = 256 * 1024
        var end = row
        var bytes = 0
        buffer.offsets.withUnsafeBufferPointer { offsets in
            while end < cap && bytes < budget {
                let values = valueRange(buffer, end..<(end + 1))
                if leaf.physical == .byteArray {
                    bytes += offsets[values.upperBound] - offsets[values.lowerBound] + 4 * values.count
                } else {
                    bytes += values.count * 8
                }
                end += 1
            }
        }
        return end
    }

    private func appendRows(_ buffer: ParquetColumnBuffer, _ rows: Range<Int>) {
        let values = valueRange(buffer, rows)
        if leaf.isList {
            appendListLevels(buffer, rows)
        } else {
            if leaf.column.nullable {
                definitionLevels.append(contentsOf: buffer.validity[rows])
            }
            pageLevelCount += rows.count
        }
        pageRowCount += rows.count
        buffer.validity.withUnsafeBufferPointer { validityBuffer in
            let validity = leaf.valuesNullable ? validityBuffer : nil
            switch leaf.physical {
            case .boolean: appendBooleans(buffer, validity, values)
            case .int32: buffer.int32s.withUnsafeBufferPointer { appendNumbers($0, validity, values) }
            case .int64: buffer.int64s.withUnsafeBufferPointer { appendNumbers($0, validity, values) }
            case .float: buffer.floats.withUnsafeBufferPointer { appendNumbers($0, validity, values) }
            case .double: buffer.doubles.withUnsafeBufferPointer { appendNumbers($0, validity, values) }
            case .byteArray: appendByteArrays(buffer, validity, values)
            case .fixedLenByteArray: appendFixed(buffer, validity, values)
            }
        }
    }

    /// Levels of `<name> { repeated group list { optional element } }`: a null list has
    /// definition level 0; an empty list the level of the list itself; a null element one less
    /// than the maximum; a present element the maximum. Repetition level 0 starts a row, 1
    /// continues its list.
    private func appendListLevels(_ buffer: ParquetColumnBuffer, _ rows: Range<Int>) {
        let maxDefinition = UInt8(leaf.maxDefinitionLevel)
        let listPresent: UInt8 = leaf.column.nullable ? 1 : 0
        var start = rows.lowerBound == 0 ? 0 : buffer.listEnds[rows.lowerBound - 1]
        for row in rows {
            let end = buffer.listEnds[row]
            if leaf.column.nullable && buffer.listValidity[row] == 0 {
                definitionLevels.append(0)
                repetitionLevels.append(0)
                pageNullCount += 1
                pageLevelCount += 1
            } else if start == end {
                definitionLevels.append(listPresent)
                repetitionLevels.append(0)
                pageNullCount += 1
                pageLevelCount += 1
            } else {
                for element in start..<end {
                    repetitionLevels.append(element == start ? 0 : 1)
                    definitionLevels.append(buffer.validity[element] != 0 ? maxDefinition : maxDefinition - 1)
                }
                pageLevelCount += end - start
            }
            start = end
        }
    }

    private func appendBooleans(_ buffer: ParquetColumnBuffer, _ validity: UnsafeBufferPointer<UInt8>?, _ range: Range<Int>) {
        var stats = statistics
        var nulls = 0
        for i in range {
            if let validity, validity[i] == 0 { nulls += 1; continue }
            let v = buffer.bools[i]
            booleans.append(v)
            stats.update(int: Int64(v))
        }
        statistics = stats
        pageNullCount += nulls
        chunkRawBytes += range.count
    }

    private func appendNumbers<T: ParquetNumber>(_ values: UnsafeBufferPointer<T>, _ validity: UnsafeBufferPointer<UInt8>?, _ range: Range<Int>) {
        guard let base = values.baseAddress, !range.isEmpty else { return }
        let width = MemoryLayout<T>.size
        var stats = statistics
        var nulls = 0
        if pageUsesDictionary, let dictionary {
            indices.reserveCapacity(indices.count + range.count)
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                let (index, isNew) = dictionary.insert(UnsafeRawPointer(base + i), width)
                indices.append(UInt32(bitPattern: index))
                if isNew { base[i].update(&stats) }
            }
        } else {
            plain.reserve(range.count * width)
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                plain.append(UnsafeRawPointer(base + i), count: width)
                base[i].update(&stats)
            }
        }
        statistics = stats
        pageNullCount += nulls
        chunkRawBytes += range.count * width
    }

    private func appendByteArrays(_ buffer: ParquetColumnBuffer, _ validity: UnsafeBufferPointer<UInt8>?, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let data = UnsafeRawPointer(buffer.data.base)
        var stats = statistics
        var nulls = 0
        buffer.offsets.withUnsafeBufferPointer { offsets in
            if pageUsesDictionary, let dictionary {
                indices.reserveCapacity(indices.count + range.count)
                for i in range {
                    if let validity, validity[i] == 0 { nulls += 1; continue }
                    let start = offsets[i]
                    let length = offsets[i + 1] - start
                    let (index, isNew) = dictionary.insert(data + start, length)
                    indices.append(UInt32(bitPattern: index))
                    if isNew { stats.update(bytes: UnsafeRawBufferPointer(start: data + start, count: length)) }
                }
            } else {
                plain.reserve(offsets[range.upperBound] - offsets[range.lowerBound] + 4 * range.count)
                for i in range {
                    if let validity, validity[i] == 0 { nulls += 1; continue }
                    let start = offsets[i]
                    let length = offsets[i + 1] - start
                    plain.appendLittleEndian(UInt32(truncatingIfNeeded: length))
                    plain.append(data + start, count: length)
                    stats.update(bytes: UnsafeRawBufferPointer(start: data + start, count: length))
                }
            }
            chunkRawBytes += offsets[range.upperBound] - offsets[range.lowerBound] + 4 * range.count
        }
        statistics = stats
        pageNullCount += nulls
    }

    private func appendFixed(_ buffer: ParquetColumnBuffer, _ validity: UnsafeBufferPointer<UInt8>?, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let width = leaf.typeLength
        let data = UnsafeRawPointer(buffer.data.base)
        var stats = statistics
        var nulls = 0
        if pageUsesDictionary, let dictionary {
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                let (index, isNew) = dictionary.insert(data + i * width, width)
                indices.append(UInt32(bitPattern: index))
                if isNew { stats.update(bytes: UnsafeRawBufferPointer(start: data + i * width, count: width)) }
            }
        } else {
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                plain.append(data + i * width, count: width)
                stats.update(bytes: UnsafeRawBufferPointer(start: data + i * width, count: width))
            }
        }
        statistics = stats
        pageNullCount += nulls
        chunkRawBytes += range.count * width
    }

    // MARK: Pages

    /// Encodes, compresses and stores the open page with its header.
    func finishPage() throws {
        guard pageLevelCount > 0 else { return }
        // The values section.
        let values: ByteBuffer
        if pageUsesDictionary, let dictionary {
            valuesScratch.removeAll()
            let bitWidth = RLEHybridEncoder.bitWidth(forMax: dictionary.count - 1)
            valuesScratch.append(byte: UInt8(bitWidth))
            indices.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: bitWidth, into: valuesScratch) }
            values = valuesScratch
        } else if leaf.physical == .boolean {
            valuesScratch.removeAll()
            Self.packBooleans(booleans, into: valuesScratch)
            values = valuesScratch
        } else {
            values = plain
        }
        let encoding: ColumnChunkMetadata.Encoding = pageUsesDictionary ? .rleDictionary : .plain

        header.removeAll()
        var thrift = ThriftCompactWriter(into: header)
        body.removeAll()
        let uncompressedSize: Int
        let compressed: UnsafeRawBufferPointer
        switch options.dataPageVersion {
        case .v1:
            if leaf.maxRepetitionLevel > 0 { appendLevelsWithLength(repetitionLevels, max: leaf.maxRepetitionLevel) }
            if leaf.maxDefinitionLevel > 0 { appendLevelsWithLength(definitionLevels, max: leaf.maxDefinitionLevel) }
            body.append(values)
            uncompressedSize = body.count
            compressed = try compressor.compress(body.bytes)
            thrift.i32(1, ColumnChunkMetadata.PageType.dataPage.rawValue)
            thrift.i32(2, uncompressedSize)
            thrift.i32(3, compressed.count)
            thrift.structBegin(5)
            thrift.i32(1, pageLevelCount)
            thrift.i32(2, encoding.rawValue)
            thrift.i32(3, ColumnChunkMetadata.Encoding.rle.rawValue)
            thrift.i32(4, ColumnChunkMetadata.Encoding.rle.rawValue)
            thrift.structEnd()
            thrift.messageEnd()
            pages.append(header)
            pages.append(compressed)
        case .v2:
            if leaf.maxRepetitionLevel > 0 {
                repetitionLevels.withUnsafeBufferPointer {
                    RLEHybridEncoder.encode($0, bitWidth: RLEHybridEncoder.bitWidth(forMax: leaf.maxRepetitionLevel), into: body)
                }
            }
            let repetitionLength = body.count
            if leaf.maxDefinitionLevel > 0 {
                definitionLevels.withUnsafeBufferPointer {
                    RLEHybridEncoder.encode($0, bitWidth: RLEHybridEncoder.bitWidth(forMax: leaf.maxDefinitionLevel), into: body)
                }
            }
            let definitionLength = body.count - repetitionLength
            uncompressedSize = body.count + values.count
            compressed = try compressor.compress(values.bytes)
            thrift.i32(1, ColumnChunkMetadata.PageType.dataPageV2.rawValue)
            thrift.i32(2, uncompressedSize)
            thrift.i32(3, body.count + compressed.count)
            thrift.structBegin(8)
            thrift.i32(1, pageLevelCount)
            thrift.i32(2, pageNullCount)
            thrift.i32(3, pageRowCount)
            thrift.i32(4, encoding.rawValue)
            thrift.i32(5, definitionLength)
            thrift.i32(6, repetitionLength)
            thrift.bool(7, compressor.codec != .none)
            thrift.structEnd()
            thrift.messageEnd()
            pages.append(header)
            pages.append(body)
            pages.append(compressed)
        }
        pagesUncompressedSize += header.count + uncompressedSize
        if pageUsesDictionary { dictionaryPageCount += 1 } else { plainPageCount += 1 }
        statistics.nullCount += Int64(pageNullCount)
        chunkLevelCount += Int64(pageLevelCount)

        definitionLevels.removeAll(keepingCapacity: true)
        repetitionLevels.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        booleans.removeAll(keepingCapacity: true)
        plain.removeAll()
        pageLevelCount = 0
        pageRowCount = 0
        pageNullCount = 0
    }

    /// v1 layout: a 4-byte little-endian length, then the RLE/bit-packed levels.
    private func appendLevelsWithLength(_ levels: [UInt8], max: Int) {
        let lengthAt = body.count
        _ = body.appendUninitialized(4)
        levels.withUnsafeBufferPointer {
            RLEHybridEncoder.encode($0, bitWidth: RLEHybridEncoder.bitWidth(forMax: max), into: body)
        }
        body.setUInt32LittleEndian(UInt32(body.count - lengthAt - 4), at: lengthAt)
    }

    /// PLAIN booleans: one bit each, least significant bit first.
    static func packBooleans(_ values: [UInt8], into out: ByteBuffer) {
        let byteCount = (values.count + 7) / 8
        let dst = out.appendUninitialized(byteCount)
        dst.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        for (i, v) in values.enumerated() where v != 0 {
            let p = dst + i / 8
            p.storeBytes(of: p.load(as: UInt8.self) | UInt8(1) << UInt8(i % 8), as: UInt8.self)
        }
    }

    // MARK: Chunk

    /// Writes the chunk (dictionary page first) and returns its metadata; the writer is then
    /// ready for the next row group.
    func writeChunk(to output: CountingSink) throws -> ColumnChunkMetadata {
        try finishPage()
        var dictionaryOffset: Int64? = nil
        var uncompressedTotal = Int64(pagesUncompressedSize)
        var compressedTotal = Int64(pages.count)
        var encodings: [ColumnChunkMetadata.Encoding] = []
        var encodingStats: [(pageType: ColumnChunkMetadata.PageType, encoding: ColumnChunkMetadata.Encoding, count: Int32)] = []
        let dataPageType: ColumnChunkMetadata.PageType = options.dataPageVersion == .v1 ? .dataPage : .dataPageV2
        if dictionaryPageCount > 0, let dictionary {
            dictionaryOffset = output.position
            let compressed = try compressor.compress(dictionary.data.bytes)
            header.removeAll()
            var thrift = ThriftCompactWriter(into: header)
            thrift.i32(1, ColumnChunkMetadata.PageType.dictionaryPage.rawValue)
            thrift.i32(2, dictionary.data.count)
            thrift.i32(3, compressed.count)
            thrift.structBegin(7)
            thrift.i32(1, dictionary.count)
            thrift.i32(2, ColumnChunkMetadata.Encoding.plain.rawValue)
            thrift.bool(3, false)
            thrift.structEnd()
            thrift.messageEnd()
            try output.write(header)
            try output.write(compressed)
            uncompressedTotal += Int64(header.count + dictionary.data.count)
            compressedTotal += Int64(header.count + compressed.count)
            encodings.append(.plain)
            encodings.append(.rleDictionary)
            encodingStats.append((.dictionaryPage, .plain, 1))
            encodingStats.append((dataPageType, .rleDictionary, dictionaryPageCount))
        }
        if plainPageCount > 0 {
            if !encodings.contains(.plain) { encodings.append(.plain) }
            encodingStats.append((dataPageType, .plain, plainPageCount))
        }
        if leaf.maxDefinitionLevel > 0 || leaf.maxRepetitionLevel > 0 { encodings.append(.rle) }
        let dataPageOffset = output.position
        try output.write(pages)
        let metadata = ColumnChunkMetadata(
            physical: leaf.physical, encodings: encodings, path: leaf.path, codec: compressor.thriftCodec,
            numValues: chunkLevelCount, totalUncompressedSize: uncompressedTotal, totalCompressedSize: compressedTotal,
            dataPageOffset: dataPageOffset, dictionaryPageOffset: dictionaryOffset, statistics: statistics,
            encodingStats: encodingStats, maxStatisticsSize: options.maxStatisticsSize)
        resetChunk()
        return metadata
    }

    private func resetChunk() {
        pages.removeAll()
        if pages.capacity > 64 << 20 { pages.shrink(toAtMost: 1 << 20) }
        pagesUncompressedSize = 0
        dictionaryPageCount = 0
        plainPageCount = 0
        chunkLevelCount = 0
        chunkRawBytes = 0
        statistics = ColumnStatistics(order: leaf.sortOrder, physical: leaf.physical)
        dictionary?.removeAll()
        dictionaryActive = dictionary != nil
        pageUsesDictionary = dictionaryActive
    }
}
