/// The tree builder's finished nodes that wait for their collection to close, newest last, from which a
/// closing collection's run is moved out, not copied, into its own array.
///
/// An `Array` can only hand its elements out as copies, and each copy of a node retains its text or
/// children and its context, only for the original to be released a moment later when the run is
/// removed: in a 10 MB manifest that is two million atomic reference count operations for nothing.
struct NodeStack: ~Copyable {
    private var storage: UnsafeMutablePointer<YAMLNode>
    private var capacity: Int
    /// How many nodes are on the stack.
    private(set) var count = 0

    init() {
        capacity = 64
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// The node at `index` (0 is the oldest), read in place.
    subscript(index: Int) -> YAMLNode {
        _read {
            precondition(index >= 0 && index < count, "NodeStack index out of range")
            yield storage[index]
        }
    }

    mutating func append(_ node: consuming YAMLNode) {
        if count == capacity {
            let larger = UnsafeMutablePointer<YAMLNode>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        (storage + count).initialize(to: node)
        count += 1
    }

    /// Moves the nodes from `start` on out of the stack, as one array.
    mutating func popItems(from start: Int) -> [YAMLNode] {
        let moved = count - start
        precondition(moved >= 0, "NodeStack start out of range")
        guard moved > 0 else { return [] }
        let items = [YAMLNode](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: storage + start, count: moved)
            initialized = moved
        }
        count = start
        return items
    }

    /// Moves the nodes from `start` on out of the stack as keys and values in turn (a trailing key
    /// without a value, which libyaml never gives, is dropped).
    mutating func popPairs(from start: Int) -> [YAMLPair] {
        let moved = count - start
        precondition(moved >= 0, "NodeStack start out of range")
        let pairCount = moved / 2
        let pairs = [YAMLPair](unsafeUninitializedCapacity: pairCount) { buffer, initialized in
            for index in 0..<pairCount {
                let key = storage + start + 2 * index
                (buffer.baseAddress! + index).initialize(to: YAMLPair(key: key.move(), value: (key + 1).move()))
            }
            initialized = pairCount
        }
        (storage + start + 2 * pairCount).deinitialize(count: moved - 2 * pairCount)
        count = start
        return pairs
    }
}
