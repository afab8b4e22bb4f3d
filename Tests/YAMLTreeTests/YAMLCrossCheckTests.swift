import Foundation
import TestSupport
import Testing
import YAMLTree

/// Our tree against an independent reader of the same text: PyYAML's libyaml-based `CBaseLoader`,
/// which, like us, keeps every scalar as its text.
@Suite("YAML cross-check against PyYAML", .pythonCheckers)
struct YAMLCrossCheckTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/crosscheck")

    /// A document as JSON-ready values: scalars as their text, null only for a missing root.
    static func jsonValue(_ node: YAMLNode?) -> Any {
        guard let node else { return NSNull() }
        switch node.content {
        case .scalar(let scalar):
            return scalar.text
        case .sequence(let items):
            return items.map { jsonValue($0) }
        case .mapping(let pairs):
            var object: [String: Any] = [:]
            for pair in pairs { object[pair.key.text ?? ""] = jsonValue(pair.value) }
            return object
        }
    }

    @Test func everyCorpusDocumentMatchesPyYAML() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 40)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-crosscheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(file)))
            let result = YAMLParser.parse(bytes, file: file)
            #expect(result.diagnostics.isEmpty, "\(file): \(result.diagnostics)")
            let documents = result.documents.map { Self.jsonValue($0.root) }
            let json = try JSONSerialization.data(withJSONObject: documents, options: [.sortedKeys])
            try json.write(to: output.appendingPathComponent(file + ".json"))
        }
        let mismatches = try Self.runPython(corpus: Self.corpus.path, ours: output.path)
        #expect(mismatches == "[]", "documents that differ from PyYAML: \(mismatches)")
    }

    /// Loads each corpus file with CBaseLoader and compares it with our JSON; prints the differing names.
    private static func runPython(corpus: String, ours: String) throws -> String {
        let script = """
        import glob, json, os, sys, yaml
        corpus, ours = sys.argv[1], sys.argv[2]
        bad = []
        for path in sorted(glob.glob(os.path.join(corpus, '*.yaml'))):
            with open(path, 'rb') as f:
                theirs = list(yaml.load_all(f, Loader=yaml.CBaseLoader))
            with open(os.path.join(ours, os.path.basename(path) + '.json'), encoding='utf-8') as f:
                mine = json.load(f)
            if theirs != mine:
                bad.append(os.path.basename(path))
        print(json.dumps(bad))
        """
        return try PythonCheck.run(script, arguments: [corpus, ours])
    }
}
