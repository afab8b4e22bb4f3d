/// `LedgerState`'s entries by (server, key), found from the bytes of a ledger line without a string
/// being made of them.
///
/// A `Dictionary` keyed by the two strings needed both made, and hashed with SipHash, for each of a
/// year's million lines; here a line costs one cheap hash of its bytes and one comparison. The hash
/// is not keyed: a ledger is the user's own file, and a crafted one could only slow its own reading.
struct LedgerEntryTable: Sendable {
    struct Slot: Sendable {
        var entry: LedgerState.Entry
        var hash: UInt64
        /// Which of `LedgerState`'s JobId sets is the entry's server's.
        var jobIds: Int
        /// The lines of the file being read that decide the entry, when it has some not yet replayed.
        var lines = LedgerDecisiveLines<LedgerLines.Position>()
    }

    private(set) var slots: [Slot] = []
    /// Per bucket, a slot's index + 1, or 0 when empty; a power of two long and at most half full,
    /// so a probe ends at an empty bucket soon.
    private var buckets = [Int32](repeating: 0, count: 64)

    subscript(index: Int) -> Slot {
        get { slots[index] }
        _modify { yield &slots[index] }
    }

    /// The slot of (server, key) spelled as UTF-8, if there is one.
    func index(server: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        while case let stored = buckets[bucket], stored != 0 {
            let slot = Int(stored - 1)
            if slots[slot].hash == hash, LedgerLineView.spells(key, slots[slot].entry.key), LedgerLineView.spells(server, slots[slot].entry.server) {
                return slot
            }
            bucket = (bucket + 1) & mask
        }
        return nil
    }

    /// The slot of (server, key), if there is one, and their hash (for `append` when there is none).
    func index(server: String, key: String) -> (slot: Int?, hash: UInt64) {
        var server = server
        var key = key
        return server.withUTF8 { (server) in
            key.withUTF8 { (key) in
                let hash = Self.hash(server: server, key: key)
                return (index(server: server, key: key, hash: hash), hash)
            }
        }
    }

    /// Adds `slot` (for a (server, key) not in the table) and returns its index.
    mutating func append(_ slot: Slot) -> Int {
        slots.append(slot)
        if slots.count * 2 > buckets.count {
            buckets = [Int32](repeating: 0, count: buckets.count * 2)
            for index in slots.indices { place(index) }
        } else {
            place(slots.count - 1)
        }
        return slots.count - 1
    }

    private mutating func place(_ index: Int) {
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: slots[index].hash) & mask
        while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = Int32(index + 1)
    }

    /// The hash of (server, key), from their UTF-8.
    static func hash(server: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        mix(key, into: mix(server, into: 0x243F_6A88_85A3_08D3))
    }

    /// Eight bytes at a time, each word multiplied in and folded (the constants are the usual odd
    /// 64-bit mixers); the length goes in first, so that "ab" + "c" and "a" + "bc" differ.
    private static func mix(_ bytes: UnsafeBufferPointer<UInt8>, into seed: UInt64) -> UInt64 {
        var hash = (seed ^ UInt64(bytes.count)) &* 0x9E37_79B9_7F4A_7C15
        guard let base = bytes.baseAddress else { return hash ^ (hash >> 32) }
        var offset = 0
        while bytes.count - offset >= 8 {
            hash = (hash ^ UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(base[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}
