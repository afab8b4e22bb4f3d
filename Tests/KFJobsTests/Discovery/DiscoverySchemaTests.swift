import Foundation
import Testing
@testable import KFJobs

@Suite("agents and job-types schemas")
struct DiscoverySchemaTests {
    @Test(arguments: [("kfjobs-agents.schema.json", AgentsSchema.json), ("kfjobs-job-types.schema.json", JobTypesSchema.json)])
    func embeddedSchemaIsTheFile(file: String, embedded: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let onDisk = try String(contentsOf: root.appendingPathComponent("schemas/" + file), encoding: .utf8)
        #expect(embedded.trimmingCharacters(in: .whitespacesAndNewlines) == onDisk.trimmingCharacters(in: .whitespacesAndNewlines))
        let object = try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    }
}
