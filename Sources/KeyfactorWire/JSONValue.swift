/// A JSON document as a tree of plain values, for the few readers that take JSON whose shape is not
/// fixed (a `command_config` file, a doctor's look at the keys of an answer). In place of
/// Foundation's `JSONSerialization`, which FoundationEssentials does not have; it accepts what
/// `JSONSerialization.jsonObject(with:)` accepts in UTF-8 (an object or an array at the top, a
/// trailing comma before a closing bracket, a byte order mark, at most 512 levels).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number as written (`443`, `4.43e2`): whether it had a fraction or an exponent is part of
    /// how `JSONSerialization`'s `NSNumber` wrote it back (see ``numberText``).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// The last of duplicate keys wins, as in `JSONSerialization`.
    case object([String: JSONValue])

    /// The document in `bytes`, or nil when they are not JSON or the top is neither an object nor
    /// an array.
    public static func parse(_ bytes: some Collection<UInt8>) -> JSONValue? {
        var reader = JSONValueReader(Array(bytes))
        guard let value = reader.document() else { return nil }
        return value
    }

    public var object: [String: JSONValue]? {
        if case .object(let members) = self { members } else { nil }
    }

    public var array: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }

    public var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    public var isNull: Bool { self == .null }

    /// A number or a boolean as `NSNumber.stringValue` wrote what `JSONSerialization` read: a whole
    /// number without fraction or exponent as an integer (`443`, `-0` as `0`), any other as a
    /// Swift `Double` prints (`443.0` for `4.43e2`, `1e-07`), booleans as `1` and `0`. Nil for the
    /// other values. (Numbers beyond 64 bits or 17 digits were `NSDecimalNumber`s, written as
    /// read; here those with a fraction print as a `Double`.)
    public var numberText: String? {
        switch self {
        case .bool(let flag): return flag ? "1" : "0"
        case .number(let literal):
            if !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                if let value = Int64(literal) { return String(value) }
                if let value = UInt64(literal) { return String(value) }
                return literal
            }
            return Double(literal).map { String($0) } ?? literal
        default: return nil
        }
    }

    /// A number or a boolean as `NSNumber.intValue != 0`: true for a boolean true and for a number
    /// whose whole part is not 0 (`1.5`, not `0.5`). Nil for the other values.
    public var numberIsNonZero: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .number(let literal): return Double(literal).map { $0.magnitude >= 1 }
        default: return nil
        }
    }
}

/// Recursive descent over the bytes of one document.
private struct JSONValueReader {
    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    private static let maximumDepth = 512

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func document() -> JSONValue? {
        skipWhitespace()
        guard let first = peek(), first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
              let value = value()
        else { return nil }
        skipWhitespace()
        return position == bytes.count ? value : nil
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func skip(_ word: String) -> Bool {
        let word = Array(word.utf8)
        guard bytes.count - position >= word.count, bytes[position..<position + word.count].elementsEqual(word) else { return false }
        position += word.count
        return true
    }

    private mutating func value() -> JSONValue? {
        skipWhitespace()
        guard let byte = peek() else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}")) { reader in reader.members() }
        case UInt8(ascii: "["): return container(close: UInt8(ascii: "]")) { reader in reader.items() }
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return skip("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return skip("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return skip("null") ? .null : nil
        default: return number()
        }
    }

    /// An object or an array: the opening bracket, `body` (which reads up to the closing one), depth counted.
    private mutating func container(close: UInt8, _ body: (inout JSONValueReader) -> JSONValue?) -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return nil }
        position += 1
        return body(&self)
    }

    private mutating func members() -> JSONValue? {
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { return nil }
            position += 1
            guard let value = value() else { return nil }
            members[key] = value
            skipWhitespace()
            guard let byte = peek() else { return nil }
            position += 1
            if byte == UInt8(ascii: "}") { return .object(members) }
            guard byte == UInt8(ascii: ",") else { return nil }
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
        }
    }

    private mutating func items() -> JSONValue? {
        var items: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            guard let value = value() else { return nil }
            items.append(value)
            skipWhitespace()
            guard let byte = peek() else { return nil }
            position += 1
            if byte == UInt8(ascii: "]") { return .array(items) }
            guard byte == UInt8(ascii: ",") else { return nil }
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as written; nil for a number
    /// no `Double` holds (`1e400`), as `JSONSerialization` refuses it.
    private mutating func number() -> JSONValue? {
        let start = position
        func digits() -> Int {
            let first = position
            while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
            return position - first
        }
        if peek() == UInt8(ascii: "-") { position += 1 }
        if peek() == UInt8(ascii: "0") {
            position += 1
        } else if digits() == 0 {
            return nil
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { return nil }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { return nil }
        }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else { return nil }
        return .number(literal)
    }

    /// A string from its opening quote: escapes decoded (a UTF-16 surrogate pair as one scalar;
    /// a lone surrogate refused), control characters refused, the bytes valid UTF-8.
    private mutating func string() -> String? {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run = position
        func flush(_ end: Int) -> Bool {
            guard run < end else { return true }
            // Valid UTF-8 decodes to the same bytes; invalid bytes would come back as U+FFFD.
            let text = String(decoding: bytes[run..<end], as: UTF8.self)
            guard text.utf8.elementsEqual(bytes[run..<end]) else { return false }
            scalars.append(contentsOf: text.unicodeScalars)
            return true
        }
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                guard flush(position) else { return nil }
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                guard flush(position) else { return nil }
                position += 1
                guard let escaped = escape() else { return nil }
                scalars.append(escaped)
                run = position
            case 0x00..<0x20:
                return nil
            default:
                position += 1
            }
        }
        return nil
    }

    private mutating func escape() -> Unicode.Scalar? {
        guard let byte = peek() else { return nil }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hexUnit() else { return nil }
            switch unit {
            case 0xD800..<0xDC00:
                guard skip("\\u"), let low = hexUnit(), (0xDC00..<0xE000).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            case 0xDC00..<0xE000:
                return nil
            default:
                return Unicode.Scalar(unit)
            }
        default: return nil
        }
    }

    private mutating func hexUnit() -> UInt32? {
        guard bytes.count - position >= 4 else { return nil }
        var value: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }
}
