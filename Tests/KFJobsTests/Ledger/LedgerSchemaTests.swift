import Foundation
import Testing
@testable import KFJobs

/// The ledger and plan schemas compiled into the binary are the files in `schemas/`.
@Suite("Ledger and plan schemas")
struct LedgerSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: [("kfjobs-ledger.schema.json", LedgerSchema.json), ("kfjobs-plan.schema.json", PlanSchema.json)])
    func embeddedSchemaIsTheFile(file: String, embedded: String) throws {
        let onDisk = try String(contentsOf: Self.root.appendingPathComponent("schemas/" + file), encoding: .utf8)
        #expect(embedded.trimmingCharacters(in: .whitespacesAndNewlines) == onDisk.trimmingCharacters(in: .whitespacesAndNewlines))
        let object = try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    }
}
