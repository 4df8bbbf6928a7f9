/// A fixed-width number the writer stores as is (little-endian): Int32, Int64, Float, Double.
/// The protocol only exists so one generic encoding loop serves the four types, each
/// specialised by the compiler, while statistics use the right comparison.
protocol ParquetNumber {
    func update(_ statistics: inout ColumnStatistics)
}

extension Int32: ParquetNumber {
    @inline(__always) func update(_ statistics: inout ColumnStatistics) { statistics.update(int: Int64(self)) }
}

extension Int64: ParquetNumber {
    @inline(__always) func update(_ statistics: inout ColumnStatistics) { statistics.update(int: self) }
}

extension Float: ParquetNumber {
    @inline(__always) func update(_ statistics: inout ColumnStatistics) { statistics.update(double: Double(self)) }
}

extension Double: ParquetNumber {
    @inline(__always) func update(_ statistics: inout ColumnStatistics) { statistics.update(double: self) }
}
