import CLibYAML
import Diagnostics

extension LibYAMLFailure {
    /// libyaml's problem as a located diagnostic.
    ///
    /// The reader (bad encoding, control characters) reports only a byte offset, which is turned into
    /// a line and column here; the scanner and parser report a mark, and their context becomes a note.
    func diagnostic(file: String, input: [UInt8]) -> Diagnostic {
        switch kind {
        case YAML_READER_ERROR:
            let location = Self.location(ofByteOffset: problemOffset, in: input, file: file)
            return .error(readerMessage(input: input), at: location)
        case YAML_MEMORY_ERROR:
            return .error("out of memory while reading YAML", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            var notes: [Diagnostic.Note] = []
            if let context, contextMark != problemMark {
                notes.append(Diagnostic.Note(context, at: contextMark.located(in: file)))
            } else if let context {
                return .error("\(problem) (\(context))", at: problemMark.located(in: file))
            }
            return .error(problem, at: problemMark.located(in: file), notes: notes)
        }
    }

    private func readerMessage(input: [UInt8]) -> String {
        if problem == "control characters are not allowed" {
            if problemValue == 0 {
                return "NUL byte is not allowed in YAML text; is this a binary file?"
            }
            return "control character U+\(Self.hex(Int(problemValue), width: 4)) is not allowed in YAML text"
        }
        if problem.contains("UTF-8") || problem.contains("UTF-16") || problem == "invalid Unicode character" {
            // libyaml gives the offending value only for some problems (-1 otherwise): show the byte
            // at the offset, which is what a hex editor would find.
            let byte = (0..<input.count).contains(problemOffset) ? "byte 0x\(Self.hex(Int(input[problemOffset]), width: 2)) at offset \(problemOffset)" : "at the end of the input"
            return "invalid UTF-8 (\(problem), \(byte)); save the file as UTF-8"
        }
        return problem
    }

    private static func hex(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset; CR, LF and CRLF end lines.
    static func location(ofByteOffset offset: Int, in input: [UInt8], file: String) -> SourceLocation {
        let end = min(max(offset, 0), input.count)
        var line = 1
        var column = 1
        var index = 0
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < end {
            let byte = input[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= input.count || input[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80, byte != 0x0D {
                column += 1
            }
            index += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
