/// Text with position markers (`1️⃣`, `2️⃣`, …) taken out, and the line and column where each was.
///
/// Tests write the marker where a diagnostic must land instead of counting columns by hand (as
/// swift-format's test support does). Columns count Unicode scalars, as the YAML parser does.
struct MarkedText {
    static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    /// The text without its markers.
    let text: String
    /// Each marker's 1-based line and column in `text`.
    let positions: [Character: (line: Int, column: Int)]

    init(_ marked: String) {
        var text = ""
        var positions: [Character: (line: Int, column: Int)] = [:]
        var line = 1, column = 1
        for character in marked {
            if Self.markers.contains(character) {
                positions[character] = (line, column)
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.positions = positions
    }

    /// `LINE:COL` of a marker, the form the expectations compare with.
    func at(_ marker: Character) -> String {
        guard let position = positions[marker] else { return "no marker \(marker)" }
        return "\(position.line):\(position.column)"
    }
}
