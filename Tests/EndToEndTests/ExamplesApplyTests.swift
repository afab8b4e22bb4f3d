import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// Every manifest a user would copy from `examples/` validates and applies against the simulator's
    /// default fleet: the server then holds exactly the jobs the ledger says were submitted.
    @Suite("examples apply (binary)", .serialized)
    struct ExamplesApplyTests {
        static let examples: [String] = {
            let directory = KFJobsProcess.packageRoot.appendingPathComponent("examples")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "examples/" + $0 }
        }()

        @Test func thereAreExamples() {
            #expect(Self.examples.count >= 5)
        }

        @Test(arguments: examples)
        func exampleValidatesAndApplies(example: String) async throws {
            let validate = try await KFJobsProcess.runOffPool(["validate", example])
            #expect(validate.status == 0, "\(validate.stderr)")
            let harness = try await SimulatorHarness.start()
            let apply = try await harness.run(["apply", example])
            #expect(apply.status == 0, "\(apply.stderr)")
            let records = try LedgerReader.read(path: harness.ledger)
            let created = Set(records.filter { $0.outcome == .submitted }.compactMap(\.jobId))
            #expect(!created.isEmpty)
            #expect(Set(try await harness.jobs().compactMap { $0["JobId"] as? String }) == created)
        }
    }
}
