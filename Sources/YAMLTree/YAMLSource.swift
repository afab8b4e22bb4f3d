import Foundation

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
    public func line(_ line: Int) -> String? {
        guard line >= 1 else { return nil }
        var current = 1
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                if current == line { break }
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                current += 1
                start = index + 1
            }
            index += 1
        }
        guard current == line, start <= bytes.count else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}
