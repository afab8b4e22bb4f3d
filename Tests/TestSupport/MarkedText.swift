/// Text with position markers (`1️⃣`, `2️⃣`, …) that tests place where a diagnostic or node must land.
///
/// The markers are taken out of the text and their 1-based line and column are recorded, so tests
/// never count columns by hand (as swift-format's test support does). Columns count Unicode scalars
/// and CRLF is one line break, as libyaml counts.
public struct MarkedText: Sendable {
    public static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    /// The text without its markers.
    public let text: String
    /// Each marker's 1-based line and column in `text`.
    public let positions: [Character: Position]

    public struct Position: Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    public init(_ marked: String) {
        var text = ""
        var positions: [Character: Position] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if Self.markers.contains(character) {
                positions[character] = Position(line: line, column: column)
                continue
            }
            text.append(character)
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.positions = positions
    }

    /// A marker's line and column; (0, 0) for a marker the text does not have, which no position equals.
    public subscript(marker: Character) -> (line: Int, column: Int) {
        positions[marker].map { ($0.line, $0.column) } ?? (0, 0)
    }

    /// `LINE:COL` of a marker, the form some expectations compare with.
    public func at(_ marker: Character) -> String {
        guard let position = positions[marker] else { return "no marker \(marker)" }
        return "\(position.line):\(position.column)"
    }

    /// The text without its markers, as the parser reads it.
    public var bytes: [UInt8] { Array(text.utf8) }
}
