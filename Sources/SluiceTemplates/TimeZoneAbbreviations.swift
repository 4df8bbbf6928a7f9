import Foundation

/// The abbreviations (`CET`, `CEST`, `EST`) a zone's tzdata file gives its offsets, for `%Z`.
///
/// Foundation on Linux only offers `GMT+1`, while Python prints the tzdata abbreviation. The file
/// is read only when `%Z` is used with a named zone; the abbreviation is chosen by the offset and
/// daylight-saving flag Foundation reports for the instant.
enum TimeZoneAbbreviations {
    static let directories = ["/usr/share/zoneinfo", "/var/db/timezone/zoneinfo", "/usr/lib/zoneinfo"]

    /// The abbreviation of the most recent use, at or before `atSecond`, of a local time type with
    /// this offset and flag (New York's -4h daylight time was `EWT` and `EPT` in the 1940s).
    static func abbreviation(zoneName: String, atSecond: Int, offsetSeconds: Int, isDaylightSaving: Bool) -> String? {
        guard !zoneName.contains(".."), let data = directories.lazy.compactMap({
            FileManager.default.contents(atPath: "\($0)/\(zoneName)")
        }).first else { return nil }
        let (types, transitions) = parse(Array(data))
        var best: String?
        var fallback: String?
        for (time, typeIndex) in transitions where time <= atSecond && typeIndex < types.count {
            let type = types[typeIndex]
            guard type.offset == offsetSeconds else { continue }
            if type.isDaylightSaving == isDaylightSaving { best = type.abbreviation } else { fallback = type.abbreviation }
        }
        return best ?? fallback
            ?? (types.first { $0.offset == offsetSeconds && $0.isDaylightSaving == isDaylightSaving }
                ?? types.first { $0.offset == offsetSeconds })?.abbreviation
    }

    private struct LocalTimeType {
        var offset: Int
        var isDaylightSaving: Bool
        var abbreviation: String
    }

    /// The local time types and the transitions (time, type index) of a TZif file (RFC 8536),
    /// from its last data block.
    private static func parse(_ bytes: [UInt8]) -> ([LocalTimeType], [(Int, Int)]) {
        func int32(_ at: Int) -> Int? {
            guard at + 4 <= bytes.count else { return nil }
            let v = UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
            return Int(Int32(bitPattern: v))
        }
        func int64(_ at: Int) -> Int? {
            guard let high = int32(at), let low = int32(at + 4) else { return nil }
            return high << 32 | Int(UInt32(bitPattern: Int32(truncatingIfNeeded: low)))
        }
        guard bytes.count >= 44, bytes[0] == 0x54, bytes[1] == 0x5A, bytes[2] == 0x69, bytes[3] == 0x66 else { return ([], []) }
        var header = 0
        var timeSize = 4
        // Version 2 and later files repeat the data with 64-bit times after the version 1 block.
        if bytes[4] >= 0x32 {
            guard let isut = int32(20), let isstd = int32(24), let leap = int32(28), let time = int32(32),
                  let type = int32(36), let chars = int32(40) else { return ([], []) }
            header = 44 + time * 5 + type * 6 + chars + leap * 8 + isstd + isut
            timeSize = 8
        }
        guard let leap = int32(header + 28), let timeCount = int32(header + 32), let typeCount = int32(header + 36),
              let charCount = int32(header + 40) else { return ([], []) }
        let typesStart = header + 44 + timeCount * (timeSize + 1)
        let charsStart = typesStart + typeCount * 6
        guard leap >= 0, timeCount >= 0, typeCount >= 0, charCount >= 0, charsStart + charCount <= bytes.count else { return ([], []) }
        var transitions: [(Int, Int)] = []
        let timesStart = header + 44
        for i in 0..<timeCount {
            let at = timesStart + i * timeSize
            guard let time = timeSize == 8 ? int64(at) : int32(at) else { break }
            transitions.append((time, Int(bytes[timesStart + timeCount * timeSize + i])))
        }
        var result: [LocalTimeType] = []
        for i in 0..<typeCount {
            let at = typesStart + i * 6
            guard let offset = int32(at) else { break }
            let index = charsStart + Int(bytes[at + 5])
            var end = index
            while end < charsStart + charCount, bytes[end] != 0 { end += 1 }
            guard index < end else { continue }
            result.append(LocalTimeType(offset: offset, isDaylightSaving: bytes[at + 4] != 0,
                                        abbreviation: String(decoding: bytes[index..<end], as: UTF8.self)))
        }
        return (result, transitions)
    }
}
