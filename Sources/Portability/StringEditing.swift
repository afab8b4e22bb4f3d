// String operations Foundation adds through NSString and FoundationEssentials does not have. They
// work on Unicode scalars (or their UTF-8 bytes), not on Characters, as NSString does: "\r\n" is one
// Character, and the standard library's Character-wise `replacing` or `trimmingPrefix` would not see
// the "\n" in it.

extension Unicode.Scalar {
    /// Foundation's `CharacterSet.whitespaces`: Unicode general category Zs, tab, and U+200B (zero
    /// width space, a Zs in the Unicode that Foundation's table was made from).
    public var isHorizontalWhitespace: Bool {
        self == "\t" || self == "\u{200B}" || properties.generalCategory == .spaceSeparator
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines`: general category Z*, tab, U+000A to
    /// U+000D, U+0085 and U+200B.
    public var isWhitespaceOrNewline: Bool {
        switch value {
        case 0x09...0x0D, 0x85, 0x200B: return true
        default:
            switch properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`: spaces and tabs off both ends.
    public func trimmingWhitespace() -> String {
        trimmingScalars(where: \.isHorizontalWhitespace)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimmingScalars(where: \.isWhitespaceOrNewline)
    }

    /// `trimmingCharacters(in: CharacterSet(charactersIn: scalars))`: the scalars of `scalars` off
    /// both ends.
    public func trimmingScalars(in scalars: String) -> String {
        let set = Set(scalars.unicodeScalars)
        return trimmingScalars(where: { set.contains($0) })
    }

    /// The scalars that `isTrimmed` accepts, off both ends.
    public func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        // Nothing to trim (the usual case): the text as it is, not rebuilt scalar by scalar.
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }

    /// The first occurrence of `target`, byte for byte (NSString's `range(of:)` for the ASCII
    /// markers it is used with); nil for an empty `target`.
    public func firstLiteralRange(of target: some StringProtocol) -> Range<Index>? {
        let pattern = Array(target.utf8)
        guard let head = pattern.first else { return nil }
        let bytes = utf8
        var start = bytes.startIndex
        while let candidate = bytes[start...].firstIndex(of: head) {
            var match = candidate
            var matched = 0
            while matched < pattern.count, match != bytes.endIndex, bytes[match] == pattern[matched] {
                bytes.formIndex(after: &match)
                matched += 1
            }
            if matched == pattern.count { return candidate..<match }
            start = bytes.index(after: candidate)
        }
        return nil
    }

    /// `replacingOccurrences(of: target, with: replacement)`: every occurrence of `target`, byte
    /// for byte and from the left without overlaps, replaced. An empty `target` replaces nothing.
    public func replacingLiteral(_ target: some StringProtocol, with replacement: some StringProtocol) -> String {
        var rest = self[...]
        var result = ""
        while let range = rest.firstLiteralRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }

    /// `addingPercentEncoding(withAllowedCharacters:)` for an ASCII set: every UTF-8 byte that is
    /// not an allowed ASCII scalar written `%XX` in upper-case hex.
    public func percentEncoded(keeping isAllowed: (Unicode.Scalar) -> Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in utf8 {
            if byte < 0x80, isAllowed(Unicode.Scalar(byte)) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `padding(toLength: length, withPad: " ", startingAt: 0)`: cut or padded with spaces to
    /// `length` UTF-16 code units, as NSString counts.
    public func paddedWithSpaces(toLength length: Int) -> String {
        let units = utf16.count
        if units >= length { return String(decoding: Array(utf16.prefix(length)), as: UTF16.self) }
        return String(self) + String(repeating: " ", count: length - units)
    }
}

extension Unicode.Scalar {
    /// RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`), the ones form and query
    /// encodings leave as they are.
    public var isURLUnreserved: Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: return true
        default: return self == "-" || self == "." || self == "_" || self == "~"
        }
    }
}
