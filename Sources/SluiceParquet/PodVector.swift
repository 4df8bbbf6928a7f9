/// A growable array of plain values (integers, floats, bytes) in manually managed memory.
///
/// Why not `Array`: appends to an array stored in a class pay a uniqueness check and a dynamic
/// exclusivity check each, which dominated the writer's profile. A `PodVector` is a plain
/// struct of pointer, count and capacity: the hot loops copy it into a local, append, and store
/// it back, with no runtime checks at all.
///
/// Ownership rule: exactly one stored copy owns the memory, and its owner calls `deallocate()`
/// in its `deinit`. A local copy must be stored back before anything else touches the vector
/// (growing frees the old memory). Only for trivial types (no references inside).
struct PodVector<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    @inline(__always)
    mutating func append(_ pointer: UnsafePointer<Element>, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(from: pointer, count: n)
        count += n
    }

    mutating func append(repeating value: Element, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(repeating: value, count: n)
        count += n
    }

    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    mutating func removeAll() { count = 0 }

    /// Marks `n` more elements, already written by the caller past `count`, as part of the vector.
    @inline(__always)
    mutating func advance(by n: Int) { count += n }

    /// Frees the memory if it grew past `limit` elements (after an unusually large batch).
    mutating func shrink(toAtMost limit: Int) {
        guard capacity > limit else { return }
        base.deallocate()
        capacity = max(limit, 1)
        base = .allocate(capacity: capacity)
        count = 0
    }

    /// Unchecked element access: callers index within `0..<count`.
    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
    var last: Element? { count > 0 ? base[count - 1] : nil }
}
