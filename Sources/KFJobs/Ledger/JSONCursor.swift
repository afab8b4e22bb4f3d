/// A strict RFC 8259 reader over the bytes of one JSON text, for the ledger's lines: the values it
/// returns are the ones `JSONDecoder` would, and what `JSONDecoder` refuses it refuses (control
/// characters in strings, bad escapes, lone surrogates, invalid UTF-8, trailing bytes).
///
/// Hand-written because the ledger is read at a million lines a run: `JSONDecoder` builds a tree of
/// every line before decoding it, which cost ~45 µs and ~3.5 kB a record.
struct JSONCursor {
    /// The text is not JSON, or a value is not the type the caller asked for.
    struct Invalid: Error {}

    private let base: UnsafePointer<UInt8>
    private let end: Int
    private(set) var index = 0
    /// The decoded bytes of the last string that had escapes, reused between strings.
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An empty buffer has no base address; any valid pointer with `end` 0 reads nothing.
        base = bytes.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1).unsafelyUnwrapped
        end = bytes.count
    }

    var atEnd: Bool { index >= end }

    @inline(__always)
    private func peek() -> UInt8? { index < end ? base[index] : nil }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after white space) or fails.
    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(Invalid) {
        skipWhitespace()
        guard index < end, base[index] == byte else { throw Invalid() }
        index += 1
    }

    /// Consumes `byte` (after white space) if it is next.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < end, base[index] == byte else { return false }
        index += 1
        return true
    }

    /// The next value is `null` (consumed) or not (nothing consumed).
    mutating func consumeNull() throws(Invalid) -> Bool {
        skipWhitespace()
        guard index < end, base[index] == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// The members of an object, in order: `match` names each key from its bytes (escapes decoded),
    /// then `body` is called with that name and the cursor on the member's value, which it consumes.
    mutating func object<Member>(
        match: (UnsafeBufferPointer<UInt8>) -> Member, _ body: (inout JSONCursor, Member) throws(Invalid) -> Void
    ) throws(Invalid) {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            skipWhitespace()
            let key = try rawString()
            if !key.ascii { _ = try key.string(of: self) }  // checked as UTF-8, as every string is
            // Named before the value is read: the value may reuse the scratch bytes the key is in.
            let member = key.withBytes(of: self, match)
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try body(&self, member)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// The members of an object whose keys are any strings (a map).
    mutating func map(_ body: (inout JSONCursor, String) throws(Invalid) -> Void) throws(Invalid) {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            skipWhitespace()
            let key = try rawString().string(of: self)
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try body(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// The elements of an array: `body` consumes each.
    mutating func array(_ body: (inout JSONCursor) throws(Invalid) -> Void) throws(Invalid) {
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        repeat {
            skipWhitespace()
            try body(&self)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    mutating func string() throws(Invalid) -> String {
        skipWhitespace()
        let raw = try rawString()
        return try raw.string(of: self)
    }

    /// A string's bytes with escapes decoded, handed to `body` without making a `String` (not
    /// checked as UTF-8: for comparing with known text).
    mutating func withStringBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) throws(Invalid) -> T {
        skipWhitespace()
        let raw = try rawString()
        return raw.withBytes(of: self, body)
    }

    /// Where a string value's text is in the buffer, when it has no escapes and is all ASCII (so
    /// its bytes are its text and no string need be made); any other string, or no string, is
    /// `Invalid`, for a caller that then takes the general path.
    mutating func plainASCIIString() throws(Invalid) -> Range<Int> {
        skipWhitespace()
        let raw = try rawString()
        guard !raw.escaped, raw.ascii else { throw Invalid() }
        return raw.start..<(raw.start + raw.count)
    }

    /// Checks a string (UTF-8 included) without keeping it.
    mutating func skipString() throws(Invalid) {
        skipWhitespace()
        let raw = try rawString()
        guard !raw.ascii else { return }
        _ = try raw.string(of: self)
    }

    /// Whether a well-formed JSON value starts at `start` (to tell a value of the wrong type from a
    /// line that is not JSON).
    func isWellFormedValue(at start: Int) -> Bool {
        var probe = self
        probe.index = start
        return (try? probe.skipValue()) != nil
    }

    mutating func bool() throws(Invalid) -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw Invalid()
        }
    }

    /// An integer that fits `Int`. Written with a fraction or an exponent (`3.0`, `1e2`) it must
    /// still be a whole number, as `JSONDecoder` reads it.
    mutating func int() throws(Invalid) -> Int {
        skipWhitespace()
        let start = index
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        guard let first = peek(), first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { throw Invalid() }
        var value = 0
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let digit = peek(), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = negative
                    ? times.subtractingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                    : times.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                guard !overflow, !overflow2 else { throw Invalid() }
                value = sum
                index += 1
            }
        }
        if let next = peek(), next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            index = start
            try number()
            let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
            guard let double = Double(text), double.rounded() == double, let whole = Int(exactly: double) else { throw Invalid() }
            return whole
        }
        return value
    }

    /// Consumes any one value, checking it is well-formed (for members the ledger does not know).
    mutating func skipValue(depth: Int = 0) throws(Invalid) {
        guard depth < 64 else { throw Invalid() }
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "{"):
            try object(match: { _ in () }) { (cursor, _) throws(Invalid) in try cursor.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try array { (cursor) throws(Invalid) in try cursor.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try rawString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    /// Only white space is left.
    mutating func finish() throws(Invalid) {
        skipWhitespace()
        guard atEnd else { throw Invalid() }
    }

    // MARK: - Pieces

    private mutating func literal(_ word: StaticString) throws(Invalid) {
        let count = word.utf8CodeUnitCount
        guard end - index >= count else { throw Invalid() }
        for offset in 0..<count where base[index + offset] != word.utf8Start[offset] { throw Invalid() }
        index += count
    }

    private mutating func number() throws(Invalid) {
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { throw Invalid() }
        if first == UInt8(ascii: "0") { index += 1 } else { digits() }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard try digitsRequired() else { throw Invalid() }
        }
        if let next = peek(), next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard try digitsRequired() else { throw Invalid() }
        }
    }

    private mutating func digits() {
        while let digit = peek(), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") { index += 1 }
    }

    private mutating func digitsRequired() throws(Invalid) -> Bool {
        let start = index
        digits()
        return index > start
    }

    /// Where a string's content lies: in the text itself when it has no escapes, else in `scratch`.
    struct RawString {
        var start: Int
        var count: Int
        var escaped: Bool
        var ascii: Bool

        func withCheckedBytes<T>(of cursor: JSONCursor, _ body: (UnsafeBufferPointer<UInt8>) throws(JSONCursor.Invalid) -> T) throws(JSONCursor.Invalid) -> T {
            if escaped {
                return try cursor.scratch.withUnsafeBufferPointer { (buffer) throws(JSONCursor.Invalid) in try body(UnsafeBufferPointer(rebasing: buffer[0..<count])) }
            }
            return try body(UnsafeBufferPointer(start: cursor.base + start, count: count))
        }

        func withBytes<T>(of cursor: JSONCursor, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
            if escaped {
                return cursor.scratch.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            }
            return body(UnsafeBufferPointer(start: cursor.base + start, count: count))
        }

        func string(of cursor: JSONCursor) throws(JSONCursor.Invalid) -> String {
            try withCheckedBytes(of: cursor) { (bytes) throws(JSONCursor.Invalid) in
                if ascii { return String(decoding: bytes, as: UTF8.self) }
                guard let text = String(validating: bytes, as: UTF8.self) else { throw JSONCursor.Invalid() }
                return text
            }
        }
    }

    /// Reads a string at the cursor (its opening quote), leaving the cursor after the closing one.
    private mutating func rawString() throws(Invalid) -> RawString {
        guard index < end, base[index] == UInt8(ascii: "\"") else { throw Invalid() }
        index += 1
        let start = index
        var ascii = true
        // Eight bytes at a time while none of them ends the string or needs a look (a quote, a
        // backslash, a control character, a byte of a multi-byte character): most of a ledger's
        // bytes are inside such strings. In a word that has one, the first is found by its flag;
        // the loop below looks at it (and at the last few bytes of the text).
        while end - index >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let flags = Self.needingALook(word)
            if flags == 0 {
                index += 8
                continue
            }
            index += flags.trailingZeroBitCount / 8
            let byte = base[index]
            guard byte >= 0x80 else { break }
            ascii = false  // a byte of a multi-byte character: checked as UTF-8 with the string
            index += 1
        }
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let raw = RawString(start: start, count: index - start, escaped: false, ascii: ascii)
                index += 1
                return raw
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start, ascii: ascii) }
            guard byte >= 0x20 else { throw Invalid() }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        throw Invalid()
    }

    /// The high bit of each byte of `word` that is a quote, a backslash, below 0x20 or from 0x80 up.
    /// The usual test for a zero byte, `(x - 0x01…) & ~x & 0x80…`, on `word` XOR each byte sought; a
    /// borrow can also flag a byte just above a real match, never one below, so the lowest flag is
    /// always a byte that needs a look.
    @inline(__always)
    private static func needingALook(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs
        return quote | backslash | control | (word & highs)
    }

    /// The rest of a string that has an escape: decoded into `scratch`.
    private mutating func escapedString(from start: Int, ascii initiallyASCII: Bool) throws(Invalid) -> RawString {
        var ascii = initiallyASCII
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while index < end {
            let byte = base[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return RawString(start: 0, count: scratch.count, escaped: true, ascii: ascii)
            case UInt8(ascii: "\\"):
                guard index < end else { throw Invalid() }
                let escape = base[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try unicodeEscape()
                    if scalar.value >= 0x80 { ascii = false }
                    scratch.append(contentsOf: String(Character(scalar)).utf8)
                default: throw Invalid()
                }
            default:
                guard byte >= 0x20 else { throw Invalid() }
                if byte >= 0x80 { ascii = false }
                scratch.append(byte)
            }
        }
        throw Invalid()
    }

    /// `XXXX` after `\u`, and a low surrogate's `\uXXXX` after a high one; a lone surrogate is invalid.
    private mutating func unicodeEscape() throws(Invalid) -> Unicode.Scalar {
        let first = try hex4()
        if (0xD800...0xDBFF).contains(first) {
            guard end - index >= 6, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else { throw Invalid() }
            index += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw Invalid() }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw Invalid() }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else { throw Invalid() }
        return scalar
    }

    private mutating func hex4() throws(Invalid) -> UInt32 {
        guard end - index >= 4 else { throw Invalid() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Invalid()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
