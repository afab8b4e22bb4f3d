import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// The `kfjobs` lines of `examples/ci/`, run in order against the simulator as the pipelines would,
    /// the apply shards concurrently as the CI systems run them.
    @Suite("CI recipes (binary)", .serialized)
    struct CIRecipeTests {
        /// Every kfjobs command of a recipe, split into arguments (the recipes quote nothing in them): the
        /// `kfjobs ...` lines of a script (also after `CONDITION || `), and the `args:` of the kfjobs
        /// action's steps.
        static func commands(in recipe: String) throws -> [[String]] {
            let text = try String(contentsOf: KFJobsProcess.packageRoot.appendingPathComponent("examples/ci/" + recipe), encoding: .utf8)
            return text.split(separator: "\n").compactMap { line in
                var trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("- ") { trimmed.removeFirst(2) }
                // GitHub's expression is one word once its inner blanks go.
                trimmed = trimmed.replacingOccurrences(of: "${{ matrix.shard }}", with: "${{matrix.shard}}")
                if trimmed.hasPrefix("args: ") { return trimmed.split(separator: " ").dropFirst().map(String.init) }
                if let guarded = trimmed.range(of: " || kfjobs ") { trimmed = "kfjobs " + trimmed[guarded.upperBound...] }
                guard trimmed.hasPrefix("kfjobs ") else { return nil }
                return trimmed.split(separator: " ").dropFirst().map(String.init)
            }
        }

        /// The shard count of a recipe: GitHub's `matrix: shard: [1, ..., N]`, GitLab's `parallel: N`.
        static func shardCount(in recipe: String) throws -> Int {
            let text = try String(contentsOf: KFJobsProcess.packageRoot.appendingPathComponent("examples/ci/" + recipe), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("shard: [") { return trimmed.split(separator: ",").count }
                if trimmed.hasPrefix("parallel: "), let count = Int(trimmed.dropFirst(10).prefix { $0.isNumber }) { return count }
            }
            throw HarnessError(message: "\(recipe) has no shard matrix")
        }

        /// The command of shard `index` of `count`, as the CI system expands its variables.
        static func shard(_ arguments: [String], index: Int, count: Int) -> [String] {
            arguments.map {
                $0.replacingOccurrences(of: "${{matrix.shard}}", with: "\(index)")
                    .replacingOccurrences(of: "$CI_NODE_INDEX", with: "\(index)")
                    .replacingOccurrences(of: "$CI_NODE_TOTAL", with: "\(count)")
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

        /// Runs the recipe's apply line once per shard, all at once, and returns each shard's result.
        static func applyShards(_ apply: [String], count: Int, harness: SimulatorHarness, in root: URL) async throws -> [Int: KFJobsProcess.Result] {
            try await withThrowingTaskGroup(of: (Int, KFJobsProcess.Result).self) { group in
                for index in 1...count {
                    let arguments = shard(apply, index: index, count: count) + ["--url", harness.simulator.baseURL]
                    group.addTask { (index, try await KFJobsProcess.runOffPool(arguments, in: root)) }
                }
                var results: [Int: KFJobsProcess.Result] = [:]
                for try await (index, result) in group { results[index] = result }
                return results
            }
        }

        /// The recipes' "merge the shards' ledgers" step: a ledger is a list of records, so the shards'
        /// files concatenated read as one.
        static func mergeLedgers(count: Int, in root: URL) throws {
            var merged = Data()
            for index in 1...count {
                let path = root.appendingPathComponent("ledger/kfjobs-ledger-\(index).jsonl")
                if FileManager.default.fileExists(atPath: path.path) { merged += try Data(contentsOf: path) }
            }
            try merged.write(to: root.appendingPathComponent("merged-ledger.jsonl"))
        }

        static func plannedKeys(_ plan: URL) throws -> [String] {
            let document = try JSONDecoder().decode(PlanDocument.self, from: Data(contentsOf: plan))
            return document.jobs.filter { $0.action == .submit }.map(\.key)
        }

        @Test(arguments: ["github-actions.yml", "gitlab-ci.yml"])
        func theRecipesCommandsRunAgainstTheSimulator(recipe: String) async throws {
            let commands = try Self.commands(in: recipe)
            #expect(commands.map { $0[0] } == ["validate", "plan", "ledger", "apply", "status", "plan"])
            #expect(commands[2].prefix(2) == ["ledger", "compact"], "the monthly compaction")
            let drift = try #require(commands.last)
            #expect(drift.contains("--detailed-exitcode"), "the last job is the scheduled drift check")
            let count = try Self.shardCount(in: recipe)
            #expect(count == 4)
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            let root = try Self.workspace(in: harness)
            var results: [String: KFJobsProcess.Result] = [:]
            var shards: [Int: KFJobsProcess.Result] = [:]
            for arguments in commands {
                if arguments[0] == "apply" {
                    shards = try await Self.applyShards(arguments, count: count, harness: harness, in: root)
                    continue
                }
                if arguments[0] == "ledger" {
                    // The first month there is no ledger yet: nothing to compact, and not an error.
                    for index in 1...count {
                        let result = try await KFJobsProcess.runOffPool(Self.shard(arguments, index: index, count: count), in: root)
                        #expect(result.status == 0, "shard \(index): \(result.stderr)")
                        #expect(result.stdout.contains("nothing to compact"), "shard \(index): \(result.stdout)")
                    }
                    continue
                }
                if arguments.contains("--detailed-exitcode") {
                    try Self.mergeLedgers(count: count, in: root)
                    results["drift"] = try await KFJobsProcess.runOffPool(arguments + ["--url", harness.simulator.baseURL], in: root)
                    continue
                }
                let connected = arguments[0] == "validate" ? arguments : arguments + ["--url", harness.simulator.baseURL]
                results[arguments[0]] = try await KFJobsProcess.runOffPool(connected, in: root)
            }
            #expect(results["validate"]?.status == 0, "\(results["validate"]?.stderr ?? "")")
            #expect(results["plan"]?.status == 0, "\(results["plan"]?.stderr ?? "")")
            let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("plan.json"))) as? [String: Any]
            #expect((plan?["jobs"] as? [Any])?.isEmpty == false, "the plan artifact holds the jobs")
            // The default fleet has two orchestrators that fail every job: the shards holding their jobs
            // report them (exit 2), the others succeed; status over all the ledgers lists them.
            #expect(shards.count == count)
            for (index, result) in shards {
                #expect([0, 2].contains(result.status), "shard \(index): \(result.stderr)")
                #expect(result.stderr.contains("wave 1 of "), "shard \(index): \(result.stderr)")
                #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("ledger/kfjobs-ledger-\(index).jsonl").path))
                let xml = try String(contentsOf: root.appendingPathComponent("apply-junit-\(index).xml"), encoding: .utf8)
                #expect(try JUnitSchema.validate(xml) == "valid", "apply-junit-\(index).xml")
            }
            #expect(shards.values.contains { $0.status == 2 })
            // The next month's compaction of each shard's ledger keeps every job's state.
            let compact = try #require(commands.first { $0[0] == "ledger" })
            for index in 1...count {
                let path = root.appendingPathComponent("ledger/kfjobs-ledger-\(index).jsonl").path
                let before = try LedgerReader.state(paths: [path])
                let result = try await KFJobsProcess.runOffPool(Self.shard(compact, index: index, count: count), in: root)
                #expect(result.status == 0, "shard \(index): \(result.stderr)")
                #expect(result.stdout.contains("compacted ledger/kfjobs-ledger-\(index).jsonl"), "\(result.stdout)")
                let after = try LedgerReader.state(paths: [path])
                #expect(after.entries == before.entries && after.runs == before.runs, "shard \(index)")
            }
            #expect(results["status"]?.status == 2, "\(results["status"]?.stderr ?? "")")
            #expect(results["status"]?.stderr.contains("failed: fetch-logs/all-logs@") == true)
            let xml = try String(contentsOf: root.appendingPathComponent("status-junit.xml"), encoding: .utf8)
            #expect(try JUnitSchema.validate(xml) == "valid", "status-junit.xml")

            // The scheduled drift check: nothing to do after the rollout (exit 0); once a recurring job
            // is unscheduled behind kfjobs's back, exit 2 with the job to recreate.
            #expect(results["drift"]?.status == 0, "\(results["drift"]?.stdout ?? "") \(results["drift"]?.stderr ?? "")")
            try Self.mergeLedgers(count: count, in: root)
            let ledger = try LedgerReader.read(path: root.appendingPathComponent("merged-ledger.jsonl").path)
            let recurringJob = try #require(ledger.first { $0.outcome == .submitted && $0.jobTypeName == "PurgeTempFiles" }?.jobId)
            try await harness.unscheduleOnServer(jobIds: [recurringJob])
            let alarm = try await KFJobsProcess.runOffPool(drift + ["--url", harness.simulator.baseURL], in: root)
            #expect(alarm.status == 2, "\(alarm.stderr)")
            #expect(alarm.stdout.contains("1 to recreate"), "\(alarm.stdout)")
        }

        /// The shards, run concurrently against one server, together create exactly the jobs of the
        /// unsharded plan, each once; and the shards' ledgers concatenated (the recipes' plan step) leave
        /// nothing to submit.
        @Test(arguments: ["github-actions.yml", "gitlab-ci.yml"])
        func theShardsTogetherCreateThePlansJobsOnceEach(recipe: String) async throws {
            let commands = try Self.commands(in: recipe)
            let apply = try #require(commands.first { $0[0] == "apply" })
            let count = try Self.shardCount(in: recipe)
            let harness = try await SimulatorHarness.start(jobDelay: "0s")
            defer { Task { try? await harness.stop() } }
            let root = try Self.workspace(in: harness)
            let plan = try await KFJobsProcess.runOffPool(
                ["plan", "-R", "manifests", "--ledger", "none.jsonl", "--out", "whole.json", "--url", harness.simulator.baseURL], in: root)
            #expect(plan.status == 0, "\(plan.stderr)")
            let planned = try Self.plannedKeys(root.appendingPathComponent("whole.json"))
            #expect(planned.count > count, "enough jobs for every shard to have some")

            _ = try await Self.applyShards(apply, count: count, harness: harness, in: root)
            var keysByShard: [Int: [String]] = [:]
            var jobIds: [String] = []
            for index in 1...count {
                let records = try LedgerReader.read(path: root.appendingPathComponent("ledger/kfjobs-ledger-\(index).jsonl").path)
                let submitted = records.filter { $0.outcome == .submitted }
                keysByShard[index] = submitted.compactMap(\.key)
                jobIds += submitted.compactMap(\.jobId)
            }
            let allKeys = keysByShard.values.flatMap { $0 }
            #expect(allKeys.sorted() == planned.sorted(), "every planned job submitted by exactly one shard, once")
            #expect(keysByShard.values.allSatisfy { !$0.isEmpty }, "every shard had work")
            let created = try await harness.jobs().compactMap { $0["JobId"] as? String }
            #expect(created.count == planned.count, "the server holds each planned job once")
            #expect(Set(created) == Set(jobIds) && jobIds.count == Set(jobIds).count)

            // The recipes' plan step: the shards' ledgers concatenated read as one ledger.
            try Self.mergeLedgers(count: count, in: root)
            let replan = try await KFJobsProcess.runOffPool(
                ["plan", "-R", "manifests", "--ledger", "merged-ledger.jsonl", "--out", "again.json", "--url", harness.simulator.baseURL], in: root)
            #expect(replan.status == 0, "\(replan.stderr)")
            #expect(try Self.plannedKeys(root.appendingPathComponent("again.json")).isEmpty, "nothing left to submit")
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
