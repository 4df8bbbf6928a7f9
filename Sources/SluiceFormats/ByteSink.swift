/// Where writers put their bytes: a file, a compressor wrapping another sink, or memory.
///
/// A sink is used from one thread at a time (the caller runs writers and compression on a Dispatch
/// queue). `finish()` flushes everything buffered and finishes any wrapped sink, so closing the outermost
/// sink closes the chain.
public protocol ByteSink: AnyObject {
    /// Takes `bytes`; they may be buffered until a later write or `finish()`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes buffered bytes (and compressor state) and finishes the wrapped sink, if any.
    func finish() throws
}
