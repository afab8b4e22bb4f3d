import Foundation
import Testing
import YAMLTree

/// Turning the paths a user gives into inputs: files, directories, `-R`, stdin, missing paths.
@Suite("Input collection")
struct YAMLSourceCollectorTests {
    private func makeTree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-inputs-\(UUID().uuidString)")
        for path in ["b.yaml", "a.yml", "notes.txt", "sub/c.yaml", "sub/deeper/d.yml", ".hidden.yaml"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x: \(path)\n".utf8).write(to: url)
        }
        return root
    }

    @Test func directoryYieldsItsYAMLFilesInNameOrder() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let (sources, diagnostics) = YAMLSourceCollector().collect([root.path]) { [] }
        #expect(diagnostics.isEmpty)
        #expect(sources.map { URL(fileURLWithPath: $0.name).lastPathComponent } == ["a.yml", "b.yaml"])
    }

    @Test func recursiveAlsoReadsSubdirectories() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let (sources, _) = YAMLSourceCollector(recursive: true).collect([root.path + "/"]) { [] }
        #expect(sources.map { String($0.name.dropFirst(root.path.count + 1)) } == ["a.yml", "b.yaml", "sub/c.yaml", "sub/deeper/d.yml"])
    }

    @Test func standardInputIsNamedAndReadOnce() {
        let (sources, _) = YAMLSourceCollector().collect(["-", "-"]) { Array("a: 1\n".utf8) }
        #expect(sources == [YAMLSource(name: "<stdin>", bytes: Array("a: 1\n".utf8))])
    }

    @Test func missingPathIsAnError() {
        let (sources, diagnostics) = YAMLSourceCollector().collect(["/nonexistent/kfjobs.yaml"]) { [] }
        #expect(sources.isEmpty)
        #expect(diagnostics.map(\.message) == ["no such file or directory: /nonexistent/kfjobs.yaml"])
    }

    @Test func directoryWithoutYAMLIsAnError() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = root.appendingPathComponent("sub/deeper/empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let (_, diagnostics) = YAMLSourceCollector().collect([empty.path]) { [] }
        #expect(diagnostics.map(\.message) == ["no *.yaml or *.yml files in directory \(empty.path) (use -R to include subdirectories)"])
    }
}
