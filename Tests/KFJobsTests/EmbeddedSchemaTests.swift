import Foundation
import Testing
@testable import KFJobs

/// The schemas the domain module compiles into the binary (`kfjobs schema NAME`) are the files in
/// `schemas/`, and each is a draft-07 JSON Schema.
@Suite("Embedded schemas")
struct EmbeddedSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: [
        ("kfjobs-ledger.schema.json", LedgerSchema.json), ("kfjobs-plan.schema.json", PlanSchema.json),
        ("kfjobs-status.schema.json", StatusSchema.json), ("kfjobs-unschedule.schema.json", UnscheduleSchema.json),
        ("kfjobs-agents.schema.json", AgentsSchema.json), ("kfjobs-job-types.schema.json", JobTypesSchema.json),
        ("kfjobs-ledger-compact.schema.json", LedgerCompactSchema.json),
    ])
    func embeddedSchemaIsTheFile(file: String, embedded: String) throws {
        let onDisk = try String(contentsOf: Self.root.appendingPathComponent("schemas/" + file), encoding: .utf8)
        #expect(embedded.trimmingCharacters(in: .whitespacesAndNewlines) == onDisk.trimmingCharacters(in: .whitespacesAndNewlines))
        let object = try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    }
}
