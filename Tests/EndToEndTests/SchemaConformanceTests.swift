import BinaryTestSupport
import Foundation
import TestSupport
import Testing
@testable import KFJobs

extension BinaryTests {
    /// What kfjobs writes validates against the schemas it publishes, checked by an independent reader
    /// (python's jsonschema): ledger records of every kind, a real apply's ledger, a real plan.
    @Suite("Schema conformance", .serialized)
    struct SchemaConformanceTests {
        @Test func everyRecordKindValidatesAndABrokenOneDoesNot() throws {
            var run = LedgerRecord(type: .run, at: Date(), run: "r", server: "simulator")
            run.version = "0.1.0"
            run.arguments = ["apply", "x.yaml"]
            run.inputs = [.init(path: "x.yaml", sha256: String(repeating: "a", count: 64))]
            var intent = LedgerRecord(type: .intent, at: Date(), run: "r", server: "simulator")
            intent.key = "m/j@a"
            intent.fingerprint = "f"
            intent.agentId = "a"
            intent.jobTypeName = "FetchLogs"
            var outcome = intent
            outcome.type = .outcome
            outcome.outcome = .rejected
            outcome.attempts = 1
            outcome.httpStatus = 400
            outcome.error = .init(code: "0xA0110002", message: "bad")
            var broken = outcome
            broken.attempts = 0
            let lines = [run, intent, outcome, broken].map { String(decoding: LedgerCoding.encode($0), as: UTF8.self) }
            #expect(try Self.validate(lines, schema: "kfjobs-ledger.schema.json") == [true, true, true, false])
        }

        @Test func aRealApplysLedgerAndPlanValidate() async throws {
            let harness = try await SimulatorHarness.start()
            let plan = try await harness.run(["plan", "examples/fetch-logs.yaml", "--output", "json"])
            #expect(plan.status == 0)
            #expect(try Self.validate([plan.stdout.replacingOccurrences(of: "\n", with: " ")], schema: "kfjobs-plan.schema.json") == [true])
            let apply = try await harness.run(["apply", "examples/fetch-logs.yaml"])
            #expect(apply.status == 0)
            let lines = try String(contentsOfFile: harness.ledger, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(lines.count == 2 * BuiltInFleet.logAgents + 1, "a run record, and an intent and an outcome a job")
            #expect(try Self.validate(lines, schema: "kfjobs-ledger.schema.json") == Array(repeating: true, count: lines.count))
        }

        /// Whether each JSON text (one a line) validates against `schemas/NAME`.
        static func validate(_ documents: [String], schema: String) throws -> [Bool] {
            let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft7Validator(json.load(open(sys.argv[1])))
            print(json.dumps([validator.is_valid(json.loads(line)) for line in sys.stdin.read().splitlines()]))
            """
            let output = try PythonCheck.run(
                script, arguments: [KFJobsProcess.packageRoot.appendingPathComponent("schemas/" + schema).path],
                input: documents.joined(separator: "\n"))
            return (try? JSONDecoder().decode([Bool].self, from: Data(output.utf8))) ?? []
        }
    }
}
