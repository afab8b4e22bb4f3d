/// A minimal JSON writer for the bodies written on every job (ledger lines, request bodies):
/// objects, arrays, strings, integers and booleans, as UTF-8 bytes.
///
/// It writes what `JSONEncoder` with `.withoutEscapingSlashes` writes for the same values, members
/// in the order given. Written by hand because `JSONEncoder`'s generic path was a tenth of the
/// client's CPU per job; tests hold the two to the same bytes or the same value.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written already has a member (so the next needs a comma).
    private var needsComma: [Bool] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
        needsComma.reserveCapacity(4)
    }

    public mutating func begin() {
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func end() {
        bytes.append(UInt8(ascii: "}"))
        needsComma.removeLast()
    }

    public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma.removeLast()
    }

    /// Starts the next element of an array.
    public mutating func element() {
        separate()
    }

    public mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func member(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    public mutating func member(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func member(_ name: String, _ value: [String]?) {
        guard let value else { return }
        key(name)
        beginArray()
        for text in value {
            element()
            string(text)
        }
        endArray()
    }

    public mutating func member(_ name: String, _ value: [Int]?) {
        guard let value else { return }
        key(name)
        beginArray()
        for number in value {
            element()
            integer(number)
        }
        endArray()
    }

    /// An object written by `members`, as the value of `name`.
    public mutating func member(_ name: String, object members: (inout JSONWriter) -> Void) {
        key(name)
        begin()
        members(&self)
        end()
    }

    /// A map as an object, members in the byte order of their keys (as `.sortedKeys` sorts them).
    public mutating func member(_ name: String, _ value: [String: String]?) {
        guard let value else { return }
        key(name)
        begin()
        for (name, text) in value.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            member(name, text)
        }
        end()
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslashes and control characters escaped as `JSONEncoder` does;
    /// everything else, `/` and non-ASCII included, as its UTF-8 bytes.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Most strings (names, ids, times) need no escape: copy those in one go.
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }
}
