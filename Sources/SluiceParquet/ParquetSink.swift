/// Where a `ParquetWriter` sends the bytes of the file, in order.
///
/// The writer never seeks, so a sink may be a file, a pipe, a network upload or memory. Writes
/// are large (one column chunk at a time) except for the magic and the footer.
public protocol ParquetSink: AnyObject {
    /// Writes all the bytes or throws. The buffer is only valid during the call.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}
