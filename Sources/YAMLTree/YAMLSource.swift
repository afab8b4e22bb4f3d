
/// An input's display name and its bytes, as read once and kept for diagnostics' source lines.
public struct YAMLSource: Hashable, Sendable {
    /// The path as the user gave it (or as found under a directory they gave), or `<stdin>`.
    public var name: String
    public var bytes: [UInt8]

    public static let stdinName = "<stdin>"

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// Parses every document of this source.
    public func parse(limits: YAMLLimits = YAMLLimits()) -> YAMLParseResult {
        YAMLParser.parse(bytes, file: name, limits: limits)
    }

    /// The text of 1-based line `line`, without its line break, for printing under a diagnostic.
    /// (To look up many lines of one source, build its ``SourceLines`` once.)
    public func line(_ line: Int) -> String? {
        SourceLines(bytes).line(line)
    }
}

/// The lines of a source, indexed once, so that printing many diagnostics stays linear.
public struct SourceLines: Sendable {
    private let bytes: [UInt8]
    /// Byte offsets where each line starts and ends (without its line break).
    private let ranges: [Range<Int>]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var ranges: [Range<Int>] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                ranges.append(start..<index)
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        ranges.append(start..<max(start, bytes.count))
        self.ranges = ranges
    }

    /// The text of 1-based line `line`, without its line break.
    public func line(_ line: Int) -> String? {
        guard line >= 1, line <= ranges.count else { return nil }
        let range = ranges[line - 1]
        // A final line break ends the last line; it does not start an empty one.
        if line == ranges.count, range.isEmpty, line > 1 { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }
}
