import Diagnostics
import Foundation
import Testing
import TestSupport
import YAMLTree

/// Inputs meant to hurt: each must be refused with a located error (or, for the empty ones, yield no
/// document), never crash, and never be read whole when it is over the size limit.
@Suite("Hostile YAML inputs")
struct HostileInputTests {
    enum Hostile: String, CaseIterable, CustomTestStringConvertible {
        case deepNesting, aliasBomb, hugeScalar, invalidUTF8, nulByte, binaryGarbage, deepMappings, unclosedQuote

        var testDescription: String { rawValue }

        func bytes() -> [UInt8] {
            switch self {
            case .deepNesting:
                return Array(String(repeating: "[", count: 100_000).utf8)
            case .deepMappings:
                return Array((0..<1_000).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined().utf8)
            case .aliasBomb:
                var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                for level in 1...9 {
                    text += "l\(level): &l\(level) [" + Array(repeating: level == 1 ? "*a" : "*l\(level - 1)", count: 9).joined(separator: ",") + "]\n"
                }
                return Array(text.utf8)
            case .hugeScalar:
                return Array("a: ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024)
            case .invalidUTF8:
                return Array("jobs:\n  - name: ok\n  - name: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
            case .nulByte:
                return Array("a: 1\n".utf8) + [0] + Array("b: 2\n".utf8)
            case .binaryGarbage:
                var generator = SplitMix64(seed: 7)
                return (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            case .unclosedQuote:
                return Array("a: \"never closed\nb: 2\n".utf8)
            }
        }
    }

    @Test(arguments: Hostile.allCases)
    func rejectedWithALocatedError(input: Hostile) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("\(input.rawValue).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(input.bytes())))

        let collector = YAMLSourceCollector()
        let diagnostics: [Diagnostic]
        switch collector.read(path) {
        case .success(let source):
            diagnostics = source.parse().diagnostics
        case .failure(let refused):
            // Only the oversized input may be refused before it is read: that is what bounds memory.
            #expect(input == .hugeScalar)
            diagnostics = [refused]
        }
        #expect(diagnostics.containsErrors)
        let first = try #require(diagnostics.first)
        #expect(first.location?.file == path)
        #expect((first.location?.line ?? 0) >= 1)
    }

    @Test(arguments: ["", "# only\n# comments\n", "\n\n   \n"])
    func emptyInputsHaveNoDocument(text: String) {
        let result = YAMLParser.parse(Array(text.utf8), file: "empty.yaml")
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func aTenMegabyteManifestStillLoads() {
        var text = "apiVersion: kfjobs/v1\nkind: JobManifest\nmetadata: {name: big}\njobs:\n"
        var index = 0
        while text.utf8.count < 10 * 1024 * 1024 {
            text += "  - name: job-\(index)\n    jobType: FetchLogs\n    agents: {query: 'Status -eq 2'}\n    fields: {A: \"\(index)\"}\n"
            index += 1
        }
        let result = YAMLParser.parse(Array(text.utf8), file: "big.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.first?.root?["jobs"]?.sequence?.count == index)
    }
}
