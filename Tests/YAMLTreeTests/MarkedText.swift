/// Text with emoji markers (`1️⃣`, `2️⃣`, ...) that tests place where a diagnostic or node must land.
///
/// The markers are removed from the text and their 1-based line and column (in Unicode scalars, as
/// libyaml counts) are recorded, so tests never count columns by hand.
struct MarkedText {
    static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    let text: String
    let positions: [Character: (line: Int, column: Int)]

    init(_ marked: String) {
        var text = ""
        var positions: [Character: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if Self.markers.contains(character) {
                positions[character] = (line, column)
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

    subscript(marker: Character) -> (line: Int, column: Int) {
        positions[marker] ?? (0, 0)
    }

    var bytes: [UInt8] { Array(text.utf8) }
}
