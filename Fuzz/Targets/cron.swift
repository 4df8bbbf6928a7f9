// libFuzzer target: the cron parser and the next/previous tick search (SluiceCore).
// Input: the first byte picks a time zone (DST rules matter), the rest is the expression.
import Foundation
import SluiceCore

private let zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
    .compactMap { TimeZone(identifier: $0) }
private let instants = [Date(timeIntervalSince1970: 1_616_720_400), Date(timeIntervalSince1970: -86_400 * 365 * 30),
                        Date(timeIntervalSince1970: 4_102_444_800)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let zone = zones[Int(data[0]) % zones.count]
    let date = instants[Int(data[0] >> 4) % instants.count]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    guard let cron = try? CronExpression(parsing: text) else { return 0 }
    _ = cron.coversEveryHour
    if let next = cron.next(after: date, in: zone) { _ = cron.previous(before: next, in: zone) }
    _ = cron.previous(before: date, in: zone)
    return 0
}
