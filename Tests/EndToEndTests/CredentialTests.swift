import BinaryTestSupport
import Foundation
import Testing

extension BinaryTests {
    /// Credentials: refused ones stop the run with exit 3 and a message that says what to check;
    /// accepted ones work; no password ever reaches stdout, stderr or the ledger.
    @Suite("kfjobs credentials (binary)", .serialized)
    struct CredentialTests {
        static let fleet = "auth:\n  basic: {username: svc-kfjobs, password: \"S3cret-pw!\", domain: CORP}\n"

        @Test func refusedCredentialsStopTheRunWithExit3() async throws {
            let harness = try await SimulatorHarness.start(extraYAML: Self.fleet)
            let environment = ["KEYFACTOR_USERNAME": "svc-kfjobs", "KEYFACTOR_PASSWORD": "Wrong-pw-42", "KEYFACTOR_DOMAIN": "CORP"]
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml"], environment: environment)
            #expect(result.status == 3)
            #expect(result.stderr.contains("refused user CORP\\svc-kfjobs"), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("Wrong-pw-42"))
            #expect(try await harness.jobs().isEmpty)
        }

        @Test func acceptedCredentialsWorkAndNeverLeakEvenWithTraceLogging() async throws {
            let harness = try await SimulatorHarness.start(extraYAML: Self.fleet)
            let environment = [
                "KEYFACTOR_USERNAME": "svc-kfjobs", "KEYFACTOR_PASSWORD": "S3cret-pw!", "KEYFACTOR_DOMAIN": "CORP",
                "KFJOBS_LOG_LEVEL": "trace",
            ]
            let result = try await harness.run(["apply", "examples/fetch-logs.yaml"], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("keyfactor request"), "trace logging shows the requests")
            #expect(try await harness.jobs().count == BuiltInFleet.logAgents)
            let ledger = try String(contentsOfFile: harness.ledger, encoding: .utf8)
            for text in [result.stdout, result.stderr, ledger] {
                #expect(!text.contains("S3cret-pw!"))
                #expect(!text.contains("S3cret"))
            }
        }
    }
}
