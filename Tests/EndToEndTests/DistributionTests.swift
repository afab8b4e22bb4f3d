import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// What a release carries beyond the commands: the version with its commit, and the plan on a
    /// GitHub Actions run's page.
    @Suite("version and job summary (binary)", .serialized)
    struct DistributionTests {
        static let secret = "tgt-6Hq+9/zW=&Lm-summary"
        static let manifest = """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata:
              name: secrets
            jobs:
              - name: refresh
                jobType: RefreshInventory
                agents: {query: 'Status -eq 2 AND ClientMachine -startswith "eu-web-"'}
                fields:
                  Target: "${env.SECRET_TARGET}"
                sensitive: [Target]

            """

        /// `--version` gives the release number and the commit (or "development build"); the ledger's
        /// run record carries the same string.
        @Test func theVersionNamesTheCommitAndTheLedgerRecordsIt() async throws {
            let version = try await KFJobsProcess.runOffPool(["--version"])
            #expect(version.status == 0)
            let printed = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(printed.hasPrefix(KFJobsVersion.current + " ("), "\(printed)")
            #expect(printed.hasSuffix(")") && printed.count > KFJobsVersion.current.count + 3, "\(printed)")
            let harness = try await SimulatorHarness.start()
            defer { Task { try? await harness.stop() } }
            let apply = try await harness.run(["apply", "examples/fetch-logs.yaml"])
            #expect(apply.status == 0, "\(apply.stderr)")
            let runs = try LedgerReader.read(path: harness.ledger).filter { $0.type == .run }
            #expect(runs.map(\.version) == [printed])
        }

        @Test func planAppendsAMarkdownSummaryWithoutSecretsWhenGitHubAsksForOne() async throws {
            let harness = try await SimulatorHarness.start()
            defer { Task { try? await harness.stop() } }
            try Self.manifest.write(toFile: harness.path("secrets.yaml"), atomically: true, encoding: .utf8)
            let summary = harness.path("step-summary.md")
            try "earlier step\n".write(toFile: summary, atomically: true, encoding: .utf8)
            let plan = try await harness.run(
                ["plan", harness.path("secrets.yaml"), "examples/fetch-logs.yaml", "--allow-env", "SECRET_TARGET"],
                environment: ["GITHUB_STEP_SUMMARY": summary, "SECRET_TARGET": Self.secret])
            #expect(plan.status == 0, "\(plan.stderr)")
            let markdown = try String(contentsOfFile: summary, encoding: .utf8)
            #expect(markdown.hasPrefix("earlier step\n### kfjobs plan\n\nplan for "), "\(markdown)")
            #expect(markdown.contains("| job | job type | schedule | orchestrators |\n| --- | --- | --- | --- |\n"), "\(markdown)")
            #expect(markdown.contains("| secrets/refresh | RefreshInventory | "), "\(markdown)")
            #expect(markdown.contains("| fetch-logs/all-logs | FetchLogs | "), "\(markdown)")
            #expect(!markdown.contains(Self.secret))
            #expect(!plan.stdout.contains(Self.secret) && !plan.stderr.contains(Self.secret))

            // Without the variable nothing is written anywhere.
            let quiet = try await harness.run(["plan", "examples/fetch-logs.yaml"], environment: ["GITHUB_STEP_SUMMARY": ""])
            #expect(quiet.status == 0)
            #expect(try String(contentsOfFile: summary, encoding: .utf8) == markdown)
        }
    }
}
