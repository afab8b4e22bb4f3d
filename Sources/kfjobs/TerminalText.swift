import Portability
/// Text from an input made safe and readable on a terminal: what a hostile file puts in a value must
/// neither drive the terminal (escape sequences, bidirectional overrides) nor flood it (a line of
/// megabytes under every diagnostic).
enum TerminalText {
    /// The longest message printed whole; a longer one (quoting a huge value) keeps its two ends.
    static let maxMessage = 1_000
    /// Source lines longer than this are cut to a window around the caret.
    static let maxLine = 200

    /// The data of a GitHub annotation (`::error ...::DATA`), escaped as the runner reads it: `%`, CR
    /// and LF as `%25`, `%0D`, `%0A`.
    static func annotationData(_ text: String) -> String {
        text.replacingLiteral("%", with: "%25").replacingLiteral("\r", with: "%0D").replacingLiteral("\n", with: "%0A")
    }

    /// Control characters and bidirectional controls written as `\u{1B}`; an overlong message shortened.
    static func message(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        if scalars.count > maxMessage {
            scalars = Array(scalars.prefix(maxMessage * 6 / 10)) + Array(" … ".unicodeScalars) + Array(scalars.suffix(maxMessage * 3 / 10))
        }
        var result = String.UnicodeScalarView()
        for scalar in scalars {
            if isUnsafe(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The line as shown under a diagnostic, and the caret's column in it: each unsafe character becomes
    /// one visible stand-in (so the caret still lines up), and a long line is cut around the column.
    static func sourceLine(_ line: [Unicode.Scalar], column: Int) -> (text: String, column: Int) {
        var window = line[...]
        var caretColumn = column
        var cutBefore = false
        if line.count > maxLine {
            let start = min(max(0, column - 1 - maxLine / 2), line.count - maxLine)
            window = line[start..<(start + maxLine)]
            cutBefore = start > 0
            if cutBefore { caretColumn = column - start + 1 }
        }
        var view = String.UnicodeScalarView()
        if cutBefore { view.append("…") }
        for scalar in window {
            guard scalar != "\t", isUnsafe(scalar) else {
                view.append(scalar)
                continue
            }
            // The Control Pictures block has a symbol for each C0 control (U+2400 + code) and DEL.
            if scalar.value < 0x20 {
                view.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            } else {
                view.append(scalar.value == 0x7F ? "\u{2421}" : "\u{FFFD}")
            }
        }
        if window.endIndex < line.count { view.append("…") }
        return (String(view), caretColumn)
    }

    /// C0 and C1 controls (but tab), DEL, and the bidirectional embeddings, overrides and isolates.
    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
