import KeyfactorWire
/// A JSON value with its keys in a fixed order, written by hand so that the bytes on the wire are
/// exactly API.md's shapes in either casing (keys are written PascalCase and re-cased on output).
enum JSONOutput: Sendable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    static func optional(_ text: String?) -> JSONOutput { text.map(JSONOutput.string) ?? .null }

    /// The compact UTF-8 encoding; slashes are not escaped.
    func encoded(casing: KeyCasing) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(into: &bytes, casing: casing)
        return bytes
    }

    private func write(into bytes: inout [UInt8], casing: KeyCasing) {
        switch self {
        case .string(let text): Self.writeString(text, into: &bytes)
        case .int(let number): bytes.append(contentsOf: String(number).utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: bytes.append(contentsOf: "null".utf8)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                item.write(into: &bytes, casing: casing)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let pairs):
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.writeString(Self.key(key, casing), into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                value.write(into: &bytes, casing: casing)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// `AgentId` → `agentId`: the Command 11 swagger lower-cases the first letter only.
    static func key(_ key: String, _ casing: KeyCasing) -> String {
        guard casing == .camel, let first = key.first, first.isUppercase else { return key }
        return first.lowercased() + key.dropFirst()
    }

    private static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 10: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
