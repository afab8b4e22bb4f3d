import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// The `kfjobs` lines of `examples/ci/`, run in order against the simulator as the pipelines would.
    @Suite("CI recipes (binary)", .serialized)
    struct CIRecipeTests {
        /// Every `kfjobs ...` command line of a recipe, split into arguments (the recipes quote nothing in them).
        static func commands(in recipe: String) throws -> [[String]] {
            let text = try String(contentsOf: KFJobsProcess.packageRoot.appendingPathComponent("examples/ci/" + recipe), encoding: .utf8)
            return text.split(separator: "\n").compactMap { line in
                var trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("- ") { trimmed.removeFirst(2) }
                guard trimmed.hasPrefix("kfjobs ") else { return nil }
                return trimmed.split(separator: " ").dropFirst().map(String.init)
            }
        }

        /// A repository as the pipelines see it: the example manifests under manifests/.
        static func workspace(in harness: SimulatorHarness) throws -> URL {
            let root = harness.directory.appendingPathComponent("repo")
            let manifests = root.appendingPathComponent("manifests")
            try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("ledger"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: KFJobsProcess.packageRoot.appendingPathComponent("examples/fetch-logs.yaml"), to: manifests.appendingPathComponent("fetch-logs.yaml"))
            try SimulatorHarness.recurringManifestText.write(to: manifests.appendingPathComponent("housekeeping.yaml"), atomically: true, encoding: .utf8)
            return root
        }

        @Test(arguments: ["github-actions.yml", "gitlab-ci.yml"])
        func theRecipesCommandsRunAgainstTheSimulator(recipe: String) async throws {
            let commands = try Self.commands(in: recipe)
            #expect(commands.map { $0[0] } == ["validate", "plan", "apply", "status"])
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let root = try Self.workspace(in: harness)
            var results: [String: KFJobsProcess.Result] = [:]
            for arguments in commands {
                let connected = arguments[0] == "validate" ? arguments : arguments + ["--url", harness.simulator.baseURL]
                results[arguments[0]] = try await KFJobsProcess.runOffPool(connected, in: root)
            }
            #expect(results["validate"]?.status == 0, "\(results["validate"]?.stderr ?? "")")
            #expect(results["plan"]?.status == 0, "\(results["plan"]?.stderr ?? "")")
            let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("plan.json"))) as? [String: Any]
            #expect((plan?["jobs"] as? [Any])?.isEmpty == false, "the plan artifact holds the jobs")
            // The default fleet has two orchestrators that fail every job: apply reports them (exit 2,
            // whether or not the rollout stopped early), and status lists them with their messages.
            #expect(results["apply"]?.status == 2, "\(results["apply"]?.stderr ?? "")")
            #expect(results["apply"]?.stderr.contains("wave 1 of ") == true)
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("ledger/kfjobs-ledger.jsonl").path))
            #expect(results["status"]?.status == 2)
            #expect(results["status"]?.stderr.contains("failed: fetch-logs/all-logs@") == true)
            for report in ["apply-junit.xml", "status-junit.xml"] {
                let xml = try String(contentsOf: root.appendingPathComponent(report), encoding: .utf8)
                #expect(try JUnitSchema.validate(xml) == "valid", "\(report)")
            }
        }

        @Test func validateAnnotatesTheMergeRequestOnGitHub() async throws {
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let root = try Self.workspace(in: harness)
            try "apiVersion: kfjobs/v1\nkind: JobManifest\nmetadata:\n  name: broken\njobs:\n  - name: x\n    jobTyp: FetchLogs\n"
                .write(to: root.appendingPathComponent("manifests/broken.yaml"), atomically: true, encoding: .utf8)
            let validate = try #require(try Self.commands(in: "github-actions.yml").first { $0[0] == "validate" })
            let result = try await KFJobsProcess.runOffPool(validate, environment: ["GITHUB_ACTIONS": "true"], in: root)
            #expect(result.status == 1)
            #expect(result.stderr.contains("::error file=manifests/broken.yaml,line=7,col=5::"), "\(result.stderr)")
        }
    }
}
