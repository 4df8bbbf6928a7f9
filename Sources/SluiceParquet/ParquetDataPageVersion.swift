/// Which data page layout to write.
///
/// Version 1 is read by every Parquet reader and is the default. Version 2 keeps the levels
/// uncompressed in front of the values and records row counts per page; older readers may not
/// support it.
public enum ParquetDataPageVersion: Hashable, Sendable {
    case v1
    case v2
}
