import Foundation
import KFJobs
import KFJobsManifest
import Testing

@Suite("Examples and the JSON Schema")
struct ExamplesAndSchemaTests {
    static let examples: [String] = {
        let folder = ManifestTestSupport.repositoryRoot.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test("there are examples for every idea the format has")
    func examplesExist() {
        #expect(Self.examples == [
            "explicit-agents.yaml", "fetch-logs.yaml", "matrix-rollout.yaml", "recurring-schedules.yaml", "refresh-inventory.yaml",
        ])
    }

    @Test("every example decodes and expands without a problem, and names the schema on its first line", arguments: examples)
    func exampleIsValid(name: String) throws {
        let url = ManifestTestSupport.repositoryRoot.appendingPathComponent("examples").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/kfjobs-manifest.schema.json\n"))
        let decoded = ManifestTestSupport.decode([(file: name, text: text)])
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        let expanded = ManifestExpander(now: ManifestTestSupport.now).expand(decoded.manifests)
        #expect(expanded.diagnostics.isEmpty)
        #expect(!expanded.instances.isEmpty)
    }

    @Test("the schema embedded in the binary is the repository's schema file")
    func embeddedSchema() throws {
        let url = ManifestTestSupport.repositoryRoot.appendingPathComponent("schemas/kfjobs-manifest.schema.json")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(ManifestSchema.json + "\n" == file)
    }

    @Test("the embedded schema is JSON that declares draft-07 and describes every property")
    func schemaShape() throws {
        let object = try JSONSerialization.jsonObject(with: Data(ManifestSchema.json.utf8))
        let schema = try #require(object as? [String: Any])
        #expect(schema["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        var undescribed: [String] = []
        func visit(_ value: Any, path: String) {
            if let dictionary = value as? [String: Any] {
                if let properties = dictionary["properties"] as? [String: Any] {
                    for (name, property) in properties {
                        guard let property = property as? [String: Any] else { continue }
                        if property["description"] == nil { undescribed.append(path + "/" + name) }
                    }
                }
                for (key, child) in dictionary { visit(child, path: path + "/" + key) }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { visit(child, path: path + "/\(index)") }
            }
        }
        visit(schema, path: "")
        #expect(undescribed == [])
    }
}
