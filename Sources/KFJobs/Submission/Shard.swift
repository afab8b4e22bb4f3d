/// One of N shards of a plan: a key belongs to shard `hash(key) mod N + 1`, so that a key stays in
/// its shard however the rest of the plan changes, and N machines together cover the plan once.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    /// Reads `K/N` with 1 ≤ K ≤ N.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            return nil
        }
        self.index = index
        self.count = count
    }

    public func contains(_ key: String) -> Bool {
        Int(Self.hash(key) % UInt64(count)) + 1 == index
    }

    public var description: String { "\(index)/\(count)" }

    /// FNV-1a, 64 bits, over the key's UTF-8: stable across runs, machines and Swift versions
    /// (unlike `Hasher`, which is seeded per process).
    static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
