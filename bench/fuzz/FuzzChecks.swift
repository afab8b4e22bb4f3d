// Invariants every fuzz target checks after the code under test ran without crashing. A broken invariant
// is reported as a crash (fatalError), so libFuzzer keeps the input that shows it.
import Diagnostics
import Foundation
import YAMLTree

enum FuzzChecks {
    /// The file name every target gives its input.
    static let file = "fuzz.yaml"

    /// Every diagnostic and note is located in the input (file, a line that exists, a positive column),
    /// or has no location at all.
    static func locations(_ diagnostics: [Diagnostic], in bytes: [UInt8]) {
        let lines = lineCount(bytes)
        for diagnostic in diagnostics {
            let locations = [diagnostic.location] + diagnostic.notes.map(\.location)
            for case let location? in locations {
                guard location.file == file, location.line >= 1, location.column >= 1, location.line <= lines + 1 else {
                    fatalError("diagnostic outside the input (\(lines) lines): \(diagnostic)")
                }
            }
            guard !diagnostic.message.isEmpty else { fatalError("empty message: \(diagnostic)") }
        }
    }

    /// The lines libyaml counts: LF, CR, CRLF, and YAML 1.1's NEL, LS and PS.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                lines += 1
            } else if byte == 0x0D {
                lines += 1
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 {
                lines += 1
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                lines += 1
            }
            index += 1
        }
        return lines
    }
}
