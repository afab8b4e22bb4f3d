import Portability
/// Deterministic identities for fleet members: the same seed and name always give the same GUID and
/// thumbprint, so a generated fleet is the same on every run and every machine.
enum AgentIdentity {
    static func guid(seed: UInt64, name: String) -> String {
        var high = hash(seed: seed, name: name, salt: 0x51)
        var low = hash(seed: seed, name: name, salt: 0xA7)
        // A version 4 GUID's version and variant bits, so it looks like any other GUID.
        high = (high & ~0xF000) | 0x4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = hex64(high) + hex64(low)
        let chars = Array(hex)
        return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16]) + "-"
            + String(chars[16..<20]) + "-" + String(chars[20..<32])
    }

    /// A 40-hex-digit SHA-1-shaped thumbprint, upper case as Keyfactor shows them.
    static func thumbprint(seed: UInt64, name: String) -> String {
        let parts = (0..<3).map { hex64(hash(seed: seed, name: name, salt: 0x10 + UInt64($0))) }
        return String(parts.joined().prefix(40)).uppercased()
    }

    /// FNV-1a over the name, then a SplitMix64 finaliser mixed with the seed and salt.
    private static func hash(seed: UInt64, name: String, salt: UInt64) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325 ^ salt
        for byte in name.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        var z = value &+ seed &* 0x9E37_79B9_7F4A_7C15 &+ salt
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func hex64(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

/// A generator's name pattern: `node-{index}` or `node-{index:05}` (zero-padded to five digits).
struct NamePattern {
    private let prefix: String
    private let suffix: String
    private let width: Int

    init?(_ pattern: String) {
        guard let open = pattern.firstLiteralRange(of: "{index"), let close = pattern[open.upperBound...].firstIndex(of: "}") else {
            return nil
        }
        let spec = pattern[open.upperBound..<close]
        if spec.isEmpty {
            width = 0
        } else if spec.hasPrefix(":"), let digits = Int(spec.dropFirst()), digits >= 0, digits <= 12 {
            width = digits
        } else {
            return nil
        }
        prefix = String(pattern[..<open.lowerBound])
        suffix = String(pattern[pattern.index(after: close)...])
    }

    func render(_ index: Int) -> String {
        let digits = String(index)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits + suffix
    }
}
