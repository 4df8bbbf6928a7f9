import Foundation

/// A row of text values, as libpq returns them (and as a batch returns rows on either engine).
struct TextStoreRow: StoreRow {
    let values: [String?]

    func isNull(_ column: Int32) -> Bool {
        value(column) == nil
    }

    func int64(_ column: Int32) -> Int64 {
        guard let text = value(column) else { return 0 }
        if let number = Int64(text) { return number }
        // numeric results (SUM over bigint) may carry a fraction
        return Double(text).flatMap { Int64(exactly: $0.rounded(.towardZero)) } ?? 0
    }

    func double(_ column: Int32) -> Double {
        value(column).flatMap(Double.init) ?? 0
    }

    func text(_ column: Int32) -> String {
        value(column) ?? ""
    }

    private func value(_ column: Int32) -> String? {
        let index = Int(column)
        return index < values.count ? values[index] : nil
    }
}
