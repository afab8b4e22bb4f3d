import Foundation
import Portability
import Testing

/// The pieces that stand in for what FoundationEssentials lacks (issue 18: no full Foundation in the
/// binary), each against what the full Foundation gives, which this test target still links.
@Suite("Portability against Foundation")
struct PortabilityTests {
    /// Every scalar of the Basic Multilingual Plane and a few beyond, as one-scalar strings.
    private static let scalars: [Unicode.Scalar] = (0..<0x1_0000).compactMap(Unicode.Scalar.init) + [
        "\u{1F600}", "\u{E0020}", "\u{10FFFD}",
    ]

    @Test("whitespace is CharacterSet.whitespaces, whitespace and newlines .whitespacesAndNewlines")
    func whitespaceSets() {
        for scalar in Self.scalars {
            let text = String(scalar)
            #expect(scalar.isHorizontalWhitespace == text.trimmingCharacters(in: .whitespaces).isEmpty, "U+\(String(scalar.value, radix: 16))")
            #expect(scalar.isWhitespaceOrNewline == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                    "U+\(String(scalar.value, radix: 16))")
        }
    }

    private static let trimCases = [
        "", " ", "  a b \t", "\t\tx", "\u{00A0}x\u{3000}", "\r\n x \r\n", "\n", "a\u{2028}", "\u{85}b\u{85}",
        "-\u{301}ab-", "--a--", "---", "[::1]", "[]", "/KeyfactorAPI/", "//", ".a.b.", "é ", " e\u{301}", "😀 ",
    ]

    @Test("trimming whitespace, whitespace and newlines, and given scalars")
    func trimming() {
        for text in Self.trimCases {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
            #expect(text[...].trimmingWhitespace() == text[...].trimmingCharacters(in: .whitespaces))
            for set in ["-", "[]", "/", "."] {
                #expect(text.trimmingScalars(in: set) == text.trimmingCharacters(in: CharacterSet(charactersIn: set)),
                        "\(text.debugDescription) trimming \(set)")
            }
        }
    }

    /// Texts without a combining mark after a match, where NSString's search and a literal one agree
    /// (see `literalWhereFoundationIsNot`).
    private static let replaceCases = [
        "", "a", "100%", "50% of 10%", "a\r\nb", "\r\r\n\n", "it's", "'''", "say \"hi\"", "${a} $${b}", "2026-11-28T10:15:00Z",
        "aaa", "aaaa", "é-é", "😀:😀", "token=s3cr3t&x=s3cr3t", "s3cr3ts3cr3t", "ab", "a-b-c-",
    ]
    private static let targets = ["%", "\r", "\n", "'", "\"", "${", "-", ":", "aa", "s3cr3t", "😀", "é", "ab"]

    @Test("replacingLiteral is replacingOccurrences(of:with:)")
    func replacing() {
        for text in Self.replaceCases {
            for target in Self.targets {
                #expect(text.replacingLiteral(target, with: "<\(target.count)>") == text.replacingOccurrences(of: target, with: "<\(target.count)>"),
                        "\(text.debugDescription) replacing \(target.debugDescription)")
            }
            #expect(text.replacingLiteral("", with: "x") == text)
        }
        // The annotation escape, the first of its three replacements taking "\r\n" apart.
        let escaped = "50%\r\ndone\n".replacingLiteral("%", with: "%25").replacingLiteral("\r", with: "%0D").replacingLiteral("\n", with: "%0A")
        #expect(escaped == "50%25%0D%0Adone%0A")
    }

    @Test("firstLiteralRange is range(of:)")
    func firstRange() {
        for text in Self.replaceCases + ["https://kf.example.com", "at position 3", "agent-{index:03}", "{ind{index}"] {
            for target in Self.targets + ["://", "position ", "{index"] {
                let ours = text.firstLiteralRange(of: target).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
                let foundation = text.range(of: target).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
                #expect(ours == foundation, "\(text.debugDescription) finding \(target.debugDescription)")
                if let range = text.firstLiteralRange(of: target) { #expect(String(text[range]) == target) }
            }
        }
    }

    @Test("literal where NSString's search skips a match a combining mark follows")
    func literalWhereFoundationIsNot() {
        // Foundation leaves "'\u{301}" alone, which would leave a YAML single quote unescaped.
        #expect("'\u{301}x".replacingOccurrences(of: "'", with: "''") == "'\u{301}x")
        #expect("'\u{301}x".replacingLiteral("'", with: "''") == "''\u{301}x")
        #expect("position \u{301}3".range(of: "position ") == nil)
        #expect("position \u{301}3".firstLiteralRange(of: "position ") != nil)
    }

    @Test("percentEncoded is addingPercentEncoding with the unreserved characters")
    func percentEncoding() {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        for text in ["", "abc", "a b", "a+b=c&d", "100%", "JobType -eq \"FetchLogs\"", "é", "e\u{301}", "😀", "~._-", "/?#[]@!$'()*,;", "\u{0}\u{7F}"] {
            #expect(text.percentEncoded(keeping: \.isURLUnreserved) == text.addingPercentEncoding(withAllowedCharacters: unreserved), "\(text.debugDescription)")
        }
        for scalar in (0..<0x80).compactMap(Unicode.Scalar.init) {
            #expect(scalar.isURLUnreserved == unreserved.contains(scalar))
        }
    }

    @Test("paddedWithSpaces is padding(toLength:withPad:startingAt:), cutting too")
    func padding() {
        for text in ["", "ok", "warning", "skipped", "a longer name", "é", "e\u{301}", "😀x", "x😀"] {
            for length in [0, 1, 2, 8, 12] {
                #expect(text.paddedWithSpaces(toLength: length) == text.padding(toLength: length, withPad: " ", startingAt: 0),
                        "\(text.debugDescription) to \(length)")
            }
        }
    }

    @Test("NumberText is String(format:)")
    func numbers() {
        let values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.05, 0.0005, 1.0005, 123.4567, 999.95, 1e20, 1e300, 12_345.678, .nan, .infinity, -.infinity]
        for value in values {
            for digits in [0, 1, 3] {
                #expect(NumberText.fixed(value, fractionDigits: digits) == String(format: "%.\(digits)f", value), "\(value) with \(digits)")
            }
        }
        for value: UInt32 in [0, 1, 0xABC, 0xFF_FFFF, 0x1234_5678] {
            #expect(NumberText.hex(value, width: 6) == String(format: "%06x", value))
        }
    }

    @Test("ErrorReason gives strerror's words for file errors")
    func errorReasons() throws {
        #expect(ErrorReason.system(ENOENT) == String(cString: strerror(ENOENT)))
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/file"))
            Issue.record("read a file that does not exist")
        } catch {
            #expect(ErrorReason.of(error) == "No such file or directory")
        }
        do {
            try Data().write(to: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/file"))
            Issue.record("wrote into a folder that does not exist")
        } catch {
            #expect(ErrorReason.of(error) == "No such file or directory")
        }
        #expect(ErrorReason.of(POSIXError(.EACCES)) == "Permission denied")
        struct Decoded: Decodable { let a: Int }
        do {
            _ = try JSONDecoder().decode(Decoded.self, from: Data("{}".utf8))
            Issue.record("decoded a missing key")
        } catch {
            // Foundation's own sentence for a decoding error.
            #expect(ErrorReason.of(error) == error.localizedDescription.replacingOccurrences(of: "The operation could not be completed. ", with: ""))
        }
        do {
            _ = try JSONDecoder().decode(Decoded.self, from: Data(#"{"a": "x"}"#.utf8))
            Issue.record("decoded a string as a number")
        } catch {
            #expect(ErrorReason.of(error) == error.localizedDescription.replacingOccurrences(of: "The operation could not be completed. ", with: ""))
        }
    }

    @Test("StandardStream writes every byte and reads to the end or past the limit")
    func standardStream() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let text = String(repeating: "é-line\n", count: 20_000)
        // Larger than a pipe's buffer: the writer runs beside the reader.
        let writeEnd = descriptors[1]
        let writer = Thread {
            StandardStream.write(text, to: writeEnd)
            _ = SystemCall.close(writeEnd)
        }
        writer.start()
        let read = StandardStream.read(descriptors[0], limit: 1 << 20)
        _ = SystemCall.close(descriptors[0])
        #expect(read.elementsEqual(text.utf8))
        #expect(read == Array(text.utf8))

        // Past the limit the reading stops; 100 bytes is one atomic pipe write, read at once.
        #expect(pipe(&descriptors) == 0)
        StandardStream.write(String(repeating: "x", count: 100), to: descriptors[1])
        _ = SystemCall.close(descriptors[1])
        let prefix = StandardStream.read(descriptors[0], limit: 10)
        _ = SystemCall.close(descriptors[0])
        #expect(prefix.count == 100)
        #expect(StandardStream.read(-1, limit: 10).isEmpty)
    }

    @Test("SystemLock excludes")
    func lock() async {
        final class Counter: @unchecked Sendable {
            let lock = SystemLock()
            var value = 0
        }
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10_000 { counter.lock.withLock { counter.value += 1 } }
                }
            }
        }
        #expect(counter.lock.withLock { counter.value } == 80_000)
    }
}
