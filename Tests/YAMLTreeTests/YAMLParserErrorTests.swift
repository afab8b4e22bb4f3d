import Diagnostics
import TestSupport
import Testing
@testable import YAMLTree

/// Every YAML-level error, with its exact message and location.
@Suite("YAML errors")
struct YAMLParserErrorTests {
    private func diagnostics(_ text: String, limits: YAMLLimits = YAMLLimits()) -> [Diagnostic] {
        YAMLParser.parse(Array(text.utf8), file: "bad.yaml", limits: limits).diagnostics
    }

    private func expectOne(
        _ marked: MarkedText, message: String, limits: YAMLLimits = YAMLLimits(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let found = diagnostics(marked.text, limits: limits)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        guard let diagnostic = found.first else { return }
        #expect(diagnostic.message == message, sourceLocation: sourceLocation)
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        let place = marked["1️⃣"]
        #expect(diagnostic.location?.line == place.line, sourceLocation: sourceLocation)
        #expect(diagnostic.location?.column == place.column, sourceLocation: sourceLocation)
    }

    @Test func scannerErrorIsLocatedWithLibYAMLsOwnWords() {
        expectOne(MarkedText("jobs:\n  name: a\n  kind: b1️⃣: c\n"), message: "mapping values are not allowed in this context")
    }

    @Test func parserErrorCarriesItsContextAsANote() throws {
        let marked = MarkedText("1️⃣a: [1, 2\nb: 2️⃣3\n")
        let found = diagnostics(marked.text)
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.message == "did not find expected ',' or ']'")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.notes.first?.message == "while parsing a flow sequence")
        #expect(diagnostic.notes.first?.location?.line == 1)
        #expect(diagnostic.notes.first?.location?.column == 4)
    }

    @Test func duplicateKeyIsReportedAtTheSecondWithANoteAtTheFirst() throws {
        let marked = MarkedText("metadata:\n  1️⃣name: a\n  other: b\n  2️⃣name: c\n")
        let found = diagnostics(marked.text)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.message == "duplicate key 'name'")
        #expect(diagnostic.location?.line == marked["2️⃣"].line)
        #expect(diagnostic.location?.column == marked["2️⃣"].column)
        #expect(diagnostic.notes == [Diagnostic.Note("first defined here", at: SourceLocation(file: "bad.yaml", line: marked["1️⃣"].line, column: marked["1️⃣"].column))])
    }

    @Test func everyDuplicateKeyIsReportedNotJustTheFirst() {
        let found = diagnostics("a: 1\na: 2\nb: {x: 1, x: 2}\n")
        #expect(found.map(\.message) == ["duplicate key 'a'", "duplicate key 'x'"])
    }

    @Test func sameTextInDifferentMappingsIsNoDuplicate() {
        #expect(diagnostics("- name: a\n- name: b\n").isEmpty)
    }

    /// Keys are the same key by their text whatever their style, and collection keys by their content.
    @Test(arguments: [
        ("b: 0\n\"a\": 1\n'a': 2\n", 1),
        ("? [x, y]\n: 1\n? [x, y]\n: 2\n", 1),
        ("? {k: v}\n: 1\n? {k: v}\n: 2\n", 1),
        ("? [x]\n: 1\nx: 2\n? [x, y]\n: 3\n? {x: y}\n: 4\n? [y, x]\n: 5\n", 0),
    ])
    func keyIdentity(text: String, duplicates: Int) {
        let found = diagnostics(text)
        #expect(found.count == duplicates)
        #expect(found.allSatisfy { $0.message.hasPrefix("duplicate key ") && $0.location?.line == 3 })
    }

    /// Large mappings look keys up in an index built part-way: a key first defined before the index
    /// exists and one defined after it are both found again, and each note points at the first.
    @Test(arguments: [5, 16, 31, 32, 33, 80])
    func duplicatesInALargeMapping(keys: Int) {
        var lines = (0..<keys).map { "k\($0): \($0)" }
        lines.append("k3: again")
        lines.append("k\(keys - 1): again")
        let found = diagnostics(lines.joined(separator: "\n") + "\n")
        #expect(found.map(\.message) == ["duplicate key 'k3'", "duplicate key 'k\(keys - 1)'"])
        #expect(found.map(\.location?.line) == [keys + 1, keys + 2])
        #expect(found.map { $0.notes.first?.location?.line } == [4, keys])
    }

    @Test func unsupportedTag() {
        expectOne(
            MarkedText("a: 1️⃣!custom value\n"),
            message: "unsupported tag '!custom'; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are allowed"
        )
        #expect(diagnostics("a: !!python/object:os.system x\n").first?.message.hasPrefix("unsupported tag '!!python/object:os.system'") == true)
    }

    @Test func coreTagsAreAccepted() {
        #expect(diagnostics("a: !!str 1\nb: !!int 2\nc: !!map {x: 1}\nd: !!seq [1]\ne: ! x\n").isEmpty)
    }

    @Test func nestingBeyondTheLimitIsAnError() {
        let depth = 300
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let found = diagnostics(text)
        #expect(found.map(\.message) == ["nesting is deeper than 256 levels; flatten the document"])
        #expect(found.first?.location?.column == 257)
    }

    @Test func nestingAtTheLimitIsFine() {
        let text = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(diagnostics(text).isEmpty)
    }

    @Test func deepNestingFarBeyondTheStackIsRejectedNotACrash() {
        let depth = 1_000_000
        let text = String(repeating: "[", count: depth)
        #expect(diagnostics(text).first?.message.hasPrefix("nesting is deeper") == true)
    }

    @Test func billionLaughsFailsFast() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in 1...9 {
            let name = "l\(level)"
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let found = diagnostics(text)
        #expect(found.count == 1)
        #expect(found.first?.message == "aliases expand to more than 100000 nodes in this input; it refuses to grow that large (an alias bomb?)")
    }

    @Test func unknownAlias() {
        expectOne(MarkedText("a: 1️⃣*nowhere\n"), message: "unknown alias '*nowhere'; define the anchor '&nowhere' before using it")
    }

    @Test func inputOverTheSizeLimitIsRefusedBeforeParsing() {
        let limits = YAMLLimits(maxInputBytes: 1024 * 1024)
        let text = "a: " + String(repeating: "x", count: 2 * 1024 * 1024)
        let found = diagnostics(text, limits: limits)
        #expect(found.map(\.message) == ["input is 2 MB, over the limit of 1 MB; raise it with --max-input-size if this file is meant to be this large"])
        #expect(found.first?.location == SourceLocation(file: "bad.yaml", line: 1, column: 1))
    }

    @Test func invalidUTF8IsReportedOnItsLine() throws {
        let bytes = Array("a: 1\nb: 2\nc: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let found = YAMLParser.parse(bytes, file: "bin.yaml").diagnostics
        let diagnostic = try #require(found.first)
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column == 4)
        #expect(diagnostic.message.hasPrefix("invalid UTF-8 ("))
        #expect(diagnostic.message.hasSuffix("save the file as UTF-8"))
    }

    @Test func nulByteIsReportedOnItsLine() throws {
        let bytes = Array("a: 1\r\nb: x".utf8) + [0x00] + Array("y\n".utf8)
        let diagnostic = try #require(YAMLParser.parse(bytes, file: "nul.yaml").diagnostics.first)
        #expect(diagnostic.message == "NUL byte is not allowed in YAML text; is this a binary file?")
        #expect(diagnostic.location == SourceLocation(file: "nul.yaml", line: 2, column: 5))
    }

    @Test func binaryGarbageIsAnErrorNotACrash() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<50 {
            let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let result = YAMLParser.parse(bytes, file: "garbage.bin")
            #expect(result.diagnostics.containsErrors)
            #expect(result.diagnostics.allSatisfy { $0.location != nil })
        }
    }

    @Test func byteOffsetToLocationHandlesEveryLineEnd() {
        let input = Array("ab\ncd\r\nef\rgh".utf8)
        #expect(LibYAMLFailure.location(ofByteOffset: 0, in: input, file: "f") == SourceLocation(file: "f", line: 1, column: 1))
        #expect(LibYAMLFailure.location(ofByteOffset: 4, in: input, file: "f") == SourceLocation(file: "f", line: 2, column: 2))
        #expect(LibYAMLFailure.location(ofByteOffset: 8, in: input, file: "f") == SourceLocation(file: "f", line: 3, column: 2))
        #expect(LibYAMLFailure.location(ofByteOffset: 11, in: input, file: "f") == SourceLocation(file: "f", line: 4, column: 2))
    }
}
