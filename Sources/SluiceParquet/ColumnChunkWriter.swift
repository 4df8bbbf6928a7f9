import Foundation

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
    private var definitionLevels = PodVector<UInt8>(capacity: 4096)
    private var repetitionLevels = PodVector<UInt8>(capacity: 16)
    private var indices = PodVector<UInt32>(capacity: 4096)
    private var booleans = PodVector<UInt8>(capacity: 16)
    private var plain = PodVector<UInt8>(capacity: 64 * 1024)
    private var pageLevelCount = 0
    private var pageRowCount = 0
    private var pageNullCount = 0
    private var pageUsesDictionary: Bool

    // Reused scratch buffers for assembling pages.
    private let body = ByteBuffer(capacity: 64 * 1024)
    private let valuesScratch = ByteBuffer(capacity: 64 * 1024)
    private let header = ByteBuffer(capacity: 128)

    private let dictionaryEnabled: Bool
    private var dictionary: DictionaryTable
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
        dictionaryEnabled = options.dictionaryEnabled && leaf.physical != .boolean
        dictionary = DictionaryTable(lengthPrefixed: leaf.physical == .byteArray)
        dictionaryActive = dictionaryEnabled
        pageUsesDictionary = dictionaryEnabled
        statistics = ColumnStatistics(order: leaf.sortOrder, physical: leaf.physical)
    }

    deinit {
        definitionLevels.deallocate()
        repetitionLevels.deallocate()
        indices.deallocate()
        booleans.deallocate()
        plain.deallocate()
        dictionary.deallocate()
    }

    /// Bytes held in memory for this chunk (encoded pages plus the open page and dictionary).
    var bufferedBytes: Int {
        pages.count + plain.count + indices.count * 4 + (dictionaryActive || dictionaryPageCount > 0 ? dictionary.byteSize : 0)
    }

    // MARK: Consuming rows

    func consume(_ buffer: ParquetColumnBuffer, rows: Range<Int>) throws {
        var row = rows.lowerBound
        while row < rows.upperBound {
            let end = stepEnd(buffer, from: row, limit: rows.upperBound)
            appendRows(buffer, row..<end)
            row = end
            if dictionaryActive && dictionary.byteSize > options.dictionaryPageSizeLimit {
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
        if pageUsesDictionary {
            return indices.count * RLEHybridEncoder.bitWidth(forMax: dictionary.count - 1) / 8 + levels
        }
        return plain.count + booleans.count / 8 + levels
    }

    /// The value slots of rows `rows`.
    @inline(__always)
    private func valueRange(_ values: ColumnValues, _ rows: Range<Int>) -> Range<Int> {
        guard leaf.isList else { return rows }
        let start = rows.lowerBound == 0 ? 0 : values.listEnds[rows.lowerBound - 1]
        let end = rows.isEmpty ? start : values.listEnds[rows.upperBound - 1]
        return start..<end
    }

    private func stepEnd(_ buffer: ParquetColumnBuffer, from row: Int, limit: Int) -> Int {
        let cap = min(limit, row + 4096)
        if leaf.physical != .byteArray && !leaf.isList { return cap }
        let values = buffer.values
        let budget = 256 * 1024
        var end = row
        var bytes = 0
        while end < cap && bytes < budget {
            let slots = valueRange(values, end..<(end + 1))
            if leaf.physical == .byteArray {
                bytes += values.offsets[slots.upperBound] - values.offsets[slots.lowerBound] + 4 * slots.count
            } else {
                bytes += slots.count * 8
            }
            end += 1
        }
        return end
    }

    private func appendRows(_ buffer: ParquetColumnBuffer, _ rows: Range<Int>) {
        let values = buffer.values
        let slots = valueRange(values, rows)
        if leaf.isList {
            appendListLevels(values, rows)
        } else {
            if leaf.column.nullable {
                definitionLevels.append(values.validity.base + rows.lowerBound, count: rows.count)
            }
            pageLevelCount += rows.count
        }
        pageRowCount += rows.count
        let validity: UnsafeBufferPointer<UInt8>? = leaf.valuesNullable ? values.validity.buffer : nil
        switch leaf.physical {
        case .boolean: appendBooleans(values, validity, slots)
        case .int32: appendNumbers(values.int32s.buffer, validity, slots)
        case .int64: appendNumbers(values.int64s.buffer, validity, slots)
        case .float: appendNumbers(values.floats.buffer, validity, slots)
        case .double: appendNumbers(values.doubles.buffer, validity, slots)
        case .byteArray: appendByteArrays(values, validity, slots)
        case .fixedLenByteArray: appendFixed(values, validity, slots)
        }
    }

    /// Levels of `<name> { repeated group list { optional element } }`: a null list has
    /// definition level 0; an empty list the level of the list itself; a null element one less
    /// than the maximum; a present element the maximum. Repetition level 0 starts a row, 1
    /// continues its list.
    private func appendListLevels(_ values: ColumnValues, _ rows: Range<Int>) {
        let maxDefinition = UInt8(leaf.maxDefinitionLevel)
        let listPresent: UInt8 = leaf.column.nullable ? 1 : 0
        var start = rows.lowerBound == 0 ? 0 : values.listEnds[rows.lowerBound - 1]
        var definitions = definitionLevels
        var repetitions = repetitionLevels
        for row in rows {
            let end = values.listEnds[row]
            if leaf.column.nullable && values.listValidity[row] == 0 {
                definitions.append(0)
                repetitions.append(0)
                pageNullCount += 1
                pageLevelCount += 1
            } else if start == end {
                definitions.append(listPresent)
                repetitions.append(0)
                pageNullCount += 1
                pageLevelCount += 1
            } else if leaf.isNestedList {
                appendNestedListLevels(values, row: row, elements: start..<end, &definitions, &repetitions)
                pageLevelCount += end - start
            } else {
                for element in start..<end {
                    repetitions.append(element == start ? 0 : 1)
                    definitions.append(values.validity[element] != 0 ? maxDefinition : maxDefinition - 1)
                }
                pageLevelCount += end - start
            }
            start = end
        }
        definitionLevels = definitions
        repetitionLevels = repetitions
    }

    /// Levels of a rectangular nested list row, its elements in row-major order: the repetition
    /// level of an element is the outermost list it starts a new entry of (1 starts a new inner
    /// list in the outermost list, the depth continues the innermost list), like an odometer whose
    /// leftmost turning wheel names the level.
    private func appendNestedListLevels(_ values: ColumnValues, row: Int, elements: Range<Int>,
                                        _ definitions: inout PodVector<UInt8>, _ repetitions: inout PodVector<UInt8>) {
        let depth = leaf.maxRepetitionLevel
        let maxDefinition = UInt8(leaf.maxDefinitionLevel)
        var dimensions = [Int](repeating: 1, count: depth)
        for level in 0..<depth { dimensions[level] = max(1, values.listDimensions[row * depth + level]) }
        var index = [Int](repeating: 0, count: depth)
        for element in elements {
            if element == elements.lowerBound {
                repetitions.append(0)
            } else {
                var level = depth - 1
                index[level] += 1
                while level > 0 && index[level] == dimensions[level] {
                    index[level] = 0
                    level -= 1
                    index[level] += 1
                }
                repetitions.append(UInt8(level + 1))
            }
            definitions.append(values.validity[element] != 0 ? maxDefinition : maxDefinition - 1)
        }
    }

    private func appendBooleans(_ values: ColumnValues, _ validity: UnsafeBufferPointer<UInt8>?, _ range: Range<Int>) {
        var stats = statistics
        var nulls = 0
        var out = booleans
        for i in range {
            if let validity, validity[i] == 0 { nulls += 1; continue }
            let v = values.bools[i]
            out.append(v)
            stats.update(int: Int64(v))
        }
        booleans = out
        statistics = stats
        pageNullCount += nulls
        chunkRawBytes += range.count
    }

    private func appendNumbers<T: ParquetNumber>(_ values: UnsafeBufferPointer<T>, _ validity: UnsafeBufferPointer<UInt8>?, _ range: Range<Int>) {
        guard let base = values.baseAddress, !range.isEmpty else { return }
        let width = MemoryLayout<T>.size
        var stats = statistics
        var nulls = 0
        if pageUsesDictionary {
            var dict = dictionary
            var out = indices
            out.reserve(range.count)
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                let (index, isNew) = dict.insert(UnsafeRawPointer(base + i), width)
                out.append(UInt32(bitPattern: index))
                if isNew { base[i].update(&stats) }
            }
            dictionary = dict
            indices = out
        } else {
            var out = plain
            out.reserve(range.count * width)
            if let validity {
                var cursor = out.rawBase + out.count
                for i in range {
                    if validity[i] == 0 { nulls += 1; continue }
                    cursor.storeBytes(of: base[i], as: T.self)
                    cursor += width
                    base[i].update(&stats)
                }
                out.advance(by: cursor - (out.rawBase + out.count))
            } else {
                out.append(raw: UnsafeRawPointer(base + range.lowerBound), count: range.count * width)
                for i in range { base[i].update(&stats) }
            }
            plain = out
        }
        statistics = stats
        pageNullCount += nulls
        chunkRawBytes += range.count * width
    }

    private func appendByteArrays(_ values: ColumnValues, _ validity: UnsafeBufferPointer<UInt8>?, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let data = UnsafeRawPointer(values.data.base)
        let offsets = values.offsets
        var stats = statistics
        var nulls = 0
        if pageUsesDictionary {
            var dict = dictionary
            var out = indices
            out.reserve(range.count)
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                let start = offsets[i]
                let length = offsets[i + 1] - start
                let (index, isNew) = dict.insert(data + start, length)
                out.append(UInt32(bitPattern: index))
                if isNew { stats.update(bytes: UnsafeRawBufferPointer(start: data + start, count: length)) }
            }
            dictionary = dict
            indices = out
        } else {
            var out = plain
            out.reserve(offsets[range.upperBound] - offsets[range.lowerBound] + 4 * range.count)
            // Min and max of this step tracked as slices of the batch, copied once at the end.
            var lowStart = -1, lowLength = 0, highStart = -1, highLength = 0
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                let start = offsets[i]
                let length = offsets[i + 1] - start
                out.appendLittleEndian(UInt32(truncatingIfNeeded: length))
                out.append(raw: data + start, count: length)
                if lowStart < 0 {
                    lowStart = start; lowLength = length; highStart = start; highLength = length
                } else if Self.compareBytes(data + start, length, data + lowStart, lowLength) < 0 {
                    lowStart = start; lowLength = length
                } else if Self.compareBytes(data + start, length, data + highStart, highLength) > 0 {
                    highStart = start; highLength = length
                }
            }
            if lowStart >= 0 {
                stats.update(bytes: UnsafeRawBufferPointer(start: data + lowStart, count: lowLength))
                stats.update(bytes: UnsafeRawBufferPointer(start: data + highStart, count: highLength))
            }
            plain = out
        }
        chunkRawBytes += offsets[range.upperBound] - offsets[range.lowerBound] + 4 * range.count
        statistics = stats
        pageNullCount += nulls
    }

    private func appendFixed(_ values: ColumnValues, _ validity: UnsafeBufferPointer<UInt8>?, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let width = leaf.typeLength
        let data = UnsafeRawPointer(values.data.base)
        var stats = statistics
        var nulls = 0
        if pageUsesDictionary {
            var dict = dictionary
            var out = indices
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                let (index, isNew) = dict.insert(data + i * width, width)
                out.append(UInt32(bitPattern: index))
                if isNew { stats.update(bytes: UnsafeRawBufferPointer(start: data + i * width, count: width)) }
            }
            dictionary = dict
            indices = out
        } else {
            var out = plain
            for i in range {
                if let validity, validity[i] == 0 { nulls += 1; continue }
                out.append(raw: data + i * width, count: width)
                stats.update(bytes: UnsafeRawBufferPointer(start: data + i * width, count: width))
            }
            plain = out
        }
        statistics = stats
        pageNullCount += nulls
        chunkRawBytes += range.count * width
    }

    /// Unsigned lexicographic order of two byte runs.
    @inline(__always)
    static func compareBytes(_ a: UnsafeRawPointer, _ aLength: Int, _ b: UnsafeRawPointer, _ bLength: Int) -> Int {
        let c = memcmp(a, b, min(aLength, bLength))
        return c != 0 ? Int(c) : aLength - bLength
    }

    // MARK: Pages

    /// Encodes, compresses and stores the open page with its header.
    func finishPage() throws {
        guard pageLevelCount > 0 else { return }
        // The values section.
        let values: UnsafeRawBufferPointer
        if pageUsesDictionary {
            valuesScratch.removeAll()
            let bitWidth = RLEHybridEncoder.bitWidth(forMax: dictionary.count - 1)
            valuesScratch.append(byte: UInt8(bitWidth))
            RLEHybridEncoder.encode(indices.buffer, bitWidth: bitWidth, into: valuesScratch)
            values = valuesScratch.bytes
        } else if leaf.physical == .boolean {
            valuesScratch.removeAll()
            Self.packBooleans(booleans.buffer, into: valuesScratch)
            values = valuesScratch.bytes
        } else {
            values = plain.bytes
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
                RLEHybridEncoder.encode(repetitionLevels.buffer, bitWidth: RLEHybridEncoder.bitWidth(forMax: leaf.maxRepetitionLevel), into: body)
            }
            let repetitionLength = body.count
            if leaf.maxDefinitionLevel > 0 {
                RLEHybridEncoder.encode(definitionLevels.buffer, bitWidth: RLEHybridEncoder.bitWidth(forMax: leaf.maxDefinitionLevel), into: body)
            }
            let definitionLength = body.count - repetitionLength
            uncompressedSize = body.count + values.count
            compressed = try compressor.compress(values)
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

        definitionLevels.removeAll()
        repetitionLevels.removeAll()
        indices.removeAll()
        booleans.removeAll()
        plain.removeAll()
        pageLevelCount = 0
        pageRowCount = 0
        pageNullCount = 0
    }

    /// v1 layout: a 4-byte little-endian length, then the RLE/bit-packed levels.
    private func appendLevelsWithLength(_ levels: PodVector<UInt8>, max: Int) {
        let lengthAt = body.count
        _ = body.appendUninitialized(4)
        RLEHybridEncoder.encode(levels.buffer, bitWidth: RLEHybridEncoder.bitWidth(forMax: max), into: body)
        body.setUInt32LittleEndian(UInt32(body.count - lengthAt - 4), at: lengthAt)
    }

    /// PLAIN booleans: one bit each, least significant bit first.
    static func packBooleans(_ values: UnsafeBufferPointer<UInt8>, into out: ByteBuffer) {
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
        if dictionaryPageCount > 0 {
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
        dictionary.removeAll()
        if dictionary.data.capacity > 4 * max(options.dictionaryPageSizeLimit, 1 << 20) {
            dictionary.deallocate()
            dictionary = DictionaryTable(lengthPrefixed: leaf.physical == .byteArray)
        }
        dictionaryActive = dictionaryEnabled
        pageUsesDictionary = dictionaryActive
    }
}
