/// A set of JobIds compared case-insensitively, kept small: a GUID (what Keyfactor Command gives)
/// is held as its 16 bytes, anything else as its lower-cased text.
///
/// The ledger attributes every JobId it ever recorded to a key, and reconciliation must never claim
/// one of them for another key; a year of nightly runs records millions, so each costs 16 bytes
/// rather than a heap-allocated string.
public struct JobIdSet: Hashable, Sendable, ExpressibleByArrayLiteral {
    private var guids = GUIDTable()
    private var others: Set<String> = []

    public init() {}

    public init(arrayLiteral elements: String...) {
        for element in elements { insert(element) }
    }

    public init<S: Sequence>(_ elements: S) where S.Element == String {
        for element in elements { insert(element) }
    }

    public var count: Int { guids.count + others.count }
    public var isEmpty: Bool { count == 0 }

    public mutating func insert(_ jobId: String) {
        if let guid = GUID(jobId) { guids.insert(guid) } else { others.insert(jobId.lowercased()) }
    }

    /// Inserts the JobId spelled by `bytes` (UTF-8) without making a string of it when it is a GUID.
    mutating func insert(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if let guid = GUID(bytes) { guids.insert(guid) } else { others.insert(String(decoding: bytes, as: UTF8.self).lowercased()) }
    }

    public func contains(_ jobId: String) -> Bool {
        if let guid = GUID(jobId) { return guids.contains(guid) }
        return others.contains(jobId.lowercased())
    }

    /// This set and `jobIds`.
    public func union<S: Sequence>(_ jobIds: S) -> JobIdSet where S.Element == String {
        var result = self
        for jobId in jobIds { result.insert(jobId) }
        return result
    }

    public mutating func formUnion(_ other: JobIdSet) {
        other.guids.forEach { guids.insert($0) }
        others.formUnion(other.others)
    }

    public static func == (left: JobIdSet, right: JobIdSet) -> Bool {
        left.others == right.others && left.guids.count == right.guids.count && left.guids.allSatisfy(right.guids.contains)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(others)
        // Whatever order the table holds them in: a sum of each one's own hash.
        var sum: UInt64 = 0
        guids.forEach { sum &+= GUIDTable.mixed($0) }
        hasher.combine(guids.count)
        hasher.combine(sum)
    }
}

/// A JobId that is a GUID, as its 128 bits.
struct GUID: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    init?(_ text: String) {
        var text = text
        guard let guid = text.withUTF8({ GUID($0) }) else { return nil }
        self = guid
    }

    /// `8-4-4-4-12` hexadecimal digits, either case; anything else is not a GUID here.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 36, let base = bytes.baseAddress else { return nil }
        let dash = UInt8(ascii: "-")
        guard base[8] == dash, base[13] == dash, base[18] == dash, base[23] == dash else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        // Any byte that is not a digit sets a bit above the nibble: one test at the end, not one per byte.
        var invalid: UInt64 = 0
        func take(_ offsets: Range<Int>, into value: inout UInt64) {
            for offset in offsets {
                let nibble = Self.nibble(base[offset])
                invalid |= nibble
                value = value << 4 | (nibble & 0xF)
            }
        }
        take(0..<8, into: &high)
        take(9..<13, into: &high)
        take(14..<18, into: &high)
        take(19..<23, into: &low)
        take(24..<36, into: &low)
        guard invalid < 0x10 else { return nil }
        self.high = high
        self.low = low
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A hexadecimal digit's value, or 0x10 for any other byte.
    @inline(__always)
    private static func nibble(_ byte: UInt8) -> UInt64 {
        let digit = byte &- UInt8(ascii: "0")
        if digit < 10 { return UInt64(digit) }
        let letter = (byte | 0x20) &- UInt8(ascii: "a")  // either case
        if letter < 6 { return UInt64(letter) + 10 }
        return 0x10
    }
}

/// An open-addressing set of GUIDs, two words a bucket, the all-zero GUID standing for an empty
/// bucket (and kept aside when it is a member).
///
/// A year of ledger records half a million JobIds; `Set<GUID>` hashed each with SipHash and grew by
/// rehashing, a fifth of the time it took to read the ledger. GUIDs are random already, so a
/// multiply mixes them enough.
struct GUIDTable: Sendable {
    private var words: [UInt64] = []
    private var holdsZero = false
    private(set) var count = 0

    private var buckets: Int { words.count / 2 }

    static func mixed(_ guid: GUID) -> UInt64 {
        let product = (guid.high ^ (guid.low &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
        return product ^ (product >> 32)
    }

    func contains(_ guid: GUID) -> Bool {
        if guid.high == 0 && guid.low == 0 { return holdsZero }
        guard buckets > 0 else { return false }
        return words.withUnsafeBufferPointer { (words) in Self.probe(words, for: guid).found }
    }

    mutating func insert(_ guid: GUID) {
        if guid.high == 0 && guid.low == 0 {
            if !holdsZero { count += 1 }
            holdsZero = true
            return
        }
        // At most half full, so that a probe meets an empty bucket soon.
        if (count + 1) * 2 > buckets { grow() }
        let added = words.withUnsafeMutableBufferPointer { (words) in
            let (found, bucket) = Self.probe(UnsafeBufferPointer(words), for: guid)
            guard !found else { return false }
            words[2 * bucket] = guid.high
            words[2 * bucket + 1] = guid.low
            return true
        }
        if added { count += 1 }
    }

    func forEach(_ body: (GUID) -> Void) {
        if holdsZero { body(GUID(high: 0, low: 0)) }
        for bucket in 0..<buckets where words[2 * bucket] != 0 || words[2 * bucket + 1] != 0 {
            body(GUID(high: words[2 * bucket], low: words[2 * bucket + 1]))
        }
    }

    func allSatisfy(_ predicate: (GUID) -> Bool) -> Bool {
        var all = true
        forEach { if all, !predicate($0) { all = false } }
        return all
    }

    /// Whether `guid` is in `words`, and its bucket or the empty one where it would go.
    private static func probe(_ words: UnsafeBufferPointer<UInt64>, for guid: GUID) -> (found: Bool, bucket: Int) {
        let mask = words.count / 2 - 1
        var bucket = Int(truncatingIfNeeded: mixed(guid)) & mask
        while true {
            let high = words[2 * bucket]
            let low = words[2 * bucket + 1]
            if high == guid.high && low == guid.low { return (true, bucket) }
            if high == 0 && low == 0 { return (false, bucket) }
            bucket = (bucket + 1) & mask
        }
    }

    private mutating func grow() {
        let old = words
        words = [UInt64](repeating: 0, count: max(32, old.count * 2))
        words.withUnsafeMutableBufferPointer { (words) in
            for bucket in 0..<(old.count / 2) where old[2 * bucket] != 0 || old[2 * bucket + 1] != 0 {
                let guid = GUID(high: old[2 * bucket], low: old[2 * bucket + 1])
                let empty = Self.probe(UnsafeBufferPointer(words), for: guid).bucket
                words[2 * empty] = guid.high
                words[2 * empty + 1] = guid.low
            }
        }
    }
}
