/// A set of JobIds compared case-insensitively, kept small: a GUID (what Keyfactor Command gives)
/// is held as its 16 bytes, anything else as its lower-cased text.
///
/// The ledger attributes every JobId it ever recorded to a key, and reconciliation must never claim
/// one of them for another key; a year of nightly runs records millions, so each costs 16 bytes
/// rather than a heap-allocated string.
public struct JobIdSet: Hashable, Sendable, ExpressibleByArrayLiteral {
    private struct GUID: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
    }

    private var guids: Set<GUID> = []
    private var others: Set<String> = []

    public init() {}

    public init(arrayLiteral elements: String...) {
        for element in elements { insert(element) }
    }

    public init<S: Sequence>(_ elements: S) where S.Element == String {
        for element in elements { insert(element) }
    }

    public var count: Int { guids.count + others.count }
    public var isEmpty: Bool { guids.isEmpty && others.isEmpty }

    public mutating func insert(_ jobId: String) {
        if let guid = Self.guid(jobId) { guids.insert(guid) } else { others.insert(jobId.lowercased()) }
    }

    /// Inserts the JobId spelled by `bytes` (UTF-8) without making a string of it when it is a GUID.
    mutating func insert(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if let guid = Self.guid(bytes) { guids.insert(guid) } else { others.insert(String(decoding: bytes, as: UTF8.self).lowercased()) }
    }

    public func contains(_ jobId: String) -> Bool {
        if let guid = Self.guid(jobId) { return guids.contains(guid) }
        return others.contains(jobId.lowercased())
    }

    /// This set and `jobIds`.
    public func union<S: Sequence>(_ jobIds: S) -> JobIdSet where S.Element == String {
        var result = self
        for jobId in jobIds { result.insert(jobId) }
        return result
    }

    public mutating func formUnion(_ other: JobIdSet) {
        guids.formUnion(other.guids)
        others.formUnion(other.others)
    }

    private static func guid(_ text: String) -> GUID? {
        var text = text
        return text.withUTF8 { guid($0) }
    }

    /// `8-4-4-4-12` hexadecimal digits, either case; anything else is not a GUID here.
    private static func guid(_ bytes: UnsafeBufferPointer<UInt8>) -> GUID? {
        guard bytes.count == 36 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            if digits < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            digits += 1
        }
        return GUID(high: high, low: low)
    }
}
