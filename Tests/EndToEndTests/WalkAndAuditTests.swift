import BinaryTestSupport
import Foundation
import TestSupport
import Testing

extension BinaryTests {
    /// Directory walks skip other tools' YAML and fleets; the run record names the user and keeps
    /// every argument; `--help` lists the commands in the order a newcomer uses them.
    @Suite("directory walks and the run record (binary)", .serialized)
    struct WalkAndAuditTests {
        let scratch = ScratchDirectory("kfjobs-walk")

        @Test func validateWalksTheExamplesAndSkipsTheRecipesAndFleets() throws {
            let result = try KFJobsProcess.run(["validate", "-R", "examples"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "5 manifests in 5 files: valid\n", "\(result.stdout)")
            #expect(result.stderr == "note: skipped 4 files that hold no kfjobs manifest (2 without apiVersion kfjobs/..., 2 simulator fleets); --verbose lists them\n")
            let verbose = try KFJobsProcess.run(["validate", "-R", "examples", "--verbose"])
            #expect(verbose.stderr.contains("note: skipped examples/ci/gitlab-ci.yml: no apiVersion kfjobs/..."), "\(verbose.stderr)")
            #expect(verbose.stderr.contains("note: skipped examples/fleets/default.yaml: kind: SimulatorFleet"))
        }

        @Test func aNamedFileIsAlwaysAManifestAndAWrongKindStillErrors() throws {
            let named = try KFJobsProcess.run(["validate", "examples/fleets/default.yaml"])
            #expect(named.status == 1, "a fleet named on the command line is read as a manifest")
            let folder = try scratch.path("manifests")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "apiVersion: kfjobs/v1\nkind: JobManifets\nmetadata: {name: x}\njobs: [{name: a, jobType: FetchLogs, agents: {query: 'Status -eq 2'}}]\n"
                .write(toFile: folder + "/typo.yaml", atomically: true, encoding: .utf8)
            try "apiVersion: apps/v1\nkind: Deployment\n".write(toFile: folder + "/k8s.yaml", atomically: true, encoding: .utf8)
            let walked = try KFJobsProcess.run(["validate", folder])
            #expect(walked.status == 1)
            #expect(walked.stderr.contains("typo.yaml:2:7: error:"), "\(walked.stderr)")
            #expect(walked.stderr.contains("skipped 1 file that holds no kfjobs manifest") || walked.stderr.contains("skipped 1 file"), "\(walked.stderr)")
            // plan walks the same way.
            let plan = try KFJobsProcess.run(["plan", "-R", "examples", "--simulate", "--ledger", try scratch.path("ledger.jsonl")])
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stderr.contains("note: skipped 4 files"))
        }

        @Test func theRunRecordNamesTheUserAndKeepsEveryArgument() async throws {
            let ledger = try scratch.path("kfjobs-ledger.jsonl")
            let arguments = ["apply", "examples/fetch-logs.yaml", "--simulate", "--allow-env", "MY_SECRET", "--output", "json", "--ledger", ledger]
            let result = try await KFJobsProcess.runOffPool(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let first = try #require(try String(contentsOfFile: ledger, encoding: .utf8).split(separator: "\n").first)
            let record = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
            #expect(record["type"] as? String == "run")
            #expect(record["arguments"] as? [String] == arguments, "every argument as given: none carries a secret")
            let login = try Self.loginName()
            #expect(record["user"] as? String == login)
            #expect(Int(record["user"] as? String ?? "") == nil, "a name, not a number")
        }

        /// `id -un`: the system's own answer, independent of kfjobs.
        static func loginName() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/id")
            process.arguments = ["-un"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        @Test func helpListsTheCommandsInTheOrderANewcomerUsesThem() throws {
            let help = try KFJobsProcess.run(["--help"])
            let order = ["agents", "job-types", "init", "validate", "plan", "apply", "status", "ledger", "unschedule", "simulator", "schema"]
            let positions = order.map { help.stdout.range(of: "\n  \($0) ")?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "\(help.stdout)")
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        }
    }
}
