import Diagnostics
import Foundation
import Testing
import YAMLTree

/// Reading files that are not plain files, and inputs built to exhaust the parser: each is refused with
/// a diagnostic that says why, in bounded time, and never hangs.
@Suite("Hostile reading")
struct HostileReadingTests {
    private func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-reading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aFIFOWithoutAWriterReadsAsEmptyInsteadOfWaiting() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("fifo.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let read = YAMLSourceCollector().read(fifo)
        #expect(try read.get().bytes.isEmpty)
    }

    @Test func anEndlessDeviceIsReadOnlyUpToTheLimit() {
        let collector = YAMLSourceCollector(limits: YAMLLimits(maxInputBytes: 1 << 20))
        guard case .failure(let refused) = collector.read("/dev/zero") else {
            Issue.record("/dev/zero was accepted")
            return
        }
        #expect(refused.message == "input is over the limit of 1 MB; raise it with --max-input-size if this file is meant to be this large")
        #expect(refused.location == SourceLocation(file: "/dev/zero", line: 1, column: 1))
    }

    @Test func aSymbolicLinkLoopSaysSo() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let loop = directory.appendingPathComponent("loop.yaml").path
        #expect(symlink("loop.yaml", loop) == 0)
        let (sources, diagnostics) = YAMLSourceCollector().collect([loop]) { [] }
        #expect(sources.isEmpty)
        #expect(diagnostics.map(\.message) == ["cannot read \(loop): too many levels of symbolic links"])
    }

    @Test(.timeLimit(.minutes(1))) func recursionDoesNotFollowSymbolicLinksToDirectories() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Two links back to the directory: followed, they would branch for ever (2^depth paths).
        #expect(symlink(".", directory.appendingPathComponent("a").path) == 0)
        #expect(symlink("..", directory.appendingPathComponent("b").path) == 0)
        try Data("x: 1\n".utf8).write(to: directory.appendingPathComponent("one.yaml"))
        let (sources, diagnostics) = YAMLSourceCollector(recursive: true).collect([directory.path]) { [] }
        #expect(diagnostics.isEmpty)
        #expect(sources.map(\.name) == [directory.path + "/one.yaml"])
    }

    @Test func theAliasBudgetCoversTheWholeInputNotEachDocument() {
        // Each document alone spends 60 of a budget of 100: the second one goes over.
        let document = "---\na: &a [x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        let result = YAMLParser.parse(Array((document + document).utf8), file: "f.yaml", limits: YAMLLimits(maxAliasNodes: 100))
        #expect(result.diagnostics.map(\.location?.line) == [6])
        #expect(result.diagnostics.first?.message.hasPrefix("aliases expand to more than 100 nodes in this input") == true)
    }

    @Test func reportingStopsAfterAThousandProblems() {
        let text = "k: 1\n" + String(repeating: "k: 2\n", count: 5_000)
        let result = YAMLParser.parse(Array(text.utf8), file: "f.yaml")
        #expect(result.diagnostics.count == 1_001)
        #expect(result.diagnostics.last?.message == "too many problems; stopped reading after the first 1000, fix them and run again")
        #expect(result.diagnostics.last?.location?.line == 1_002)
    }

    @Test(arguments: [([0xFF, 0xFE] as [UInt8], "UTF-16LE (byte order mark FF FE)"), ([0xFE, 0xFF], "UTF-16BE (byte order mark FE FF)")])
    func utf16IsRefusedRatherThanMisread(mark: [UInt8], name: String) {
        let text = Array("a: 1\n".utf16).flatMap { mark == [0xFF, 0xFE] ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let result = YAMLParser.parse(mark + text, file: "f.yaml")
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.map(\.message) == ["input is \(name); save the file as UTF-8"])
    }

    @Test func badUTF8NamesTheByteItFound() {
        // An overlong encoding: libyaml gives no value for it, and the message once read "byte 0x-1".
        let result = YAMLParser.parse(Array("a: ".utf8) + [0xC0, 0xAF] + Array("\n".utf8), file: "f.yaml")
        #expect(result.diagnostics.map(\.message) == ["invalid UTF-8 (invalid length of a UTF-8 sequence, byte 0xC0 at offset 3); save the file as UTF-8"])
    }

    @Test func aDuplicateComplexKeyIsShownAsWritten() {
        let result = YAMLParser.parse(Array("? [a, {b: c}]\n: 1\n? [a, {b: c}]\n: 2\n".utf8), file: "f.yaml")
        #expect(result.diagnostics.map(\.message) == ["duplicate key '[a, {b: c}]'"])
    }
}
