import BinaryTestSupport
import Foundation
import KFJobs
import TestSupport
import Testing

extension BinaryTests {
    /// `kfjobs agents`, `kfjobs job-types` and `kfjobs init` as a newcomer runs them, against the
    /// embedded simulator's default fleet.
    @Suite("agents, job-types and init (binary)", .serialized)
    struct DiscoveryCommandTests {
        let scratch = ScratchDirectory("kfjobs-discovery")

        func run(_ arguments: [String]) async throws -> KFJobsProcess.Result {
            try await KFJobsProcess.runOffPool(arguments, in: URL(fileURLWithPath: try scratch.path("")))
        }

        @Test func agentsCountsWhatThePlansExpectGuardCounts() async throws {
            let agents = try await run(["agents", "--query", #"Status -eq 2 AND Capabilities -contains "LOGS""#, "--job-type", "FetchLogs", "--simulate"])
            #expect(agents.status == 0, "\(agents.stderr)")
            #expect(agents.stdout.hasSuffix("21 matched, 21 eligible for FetchLogs: an expect guard would count 21\n"), "\(agents.stdout)")
            let plan = try await KFJobsProcess.runOffPool(["plan", "examples/fetch-logs.yaml", "--simulate", "--ledger", try scratch.path("ledger.jsonl")])
            #expect(plan.stdout.contains("21 of 21 eligible"), "the plan's own count for the same query")
            // The whole query matches more (not approved ones too), each with the plan's reason.
            let all = try await run(["agents", "--query", "ClientMachine -startswith \"eu-\"", "--job-type", "FetchLogs", "--last-seen-within", "1d", "--simulate", "--output", "json"])
            #expect(all.status == 0)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
            let rows = try #require(document["agents"] as? [[String: Any]])
            let reasons = Dictionary(uniqueKeysWithValues: rows.map { ($0["clientMachine"] as? String ?? "", $0["reason"] as? String ?? "") })
            #expect(reasons["eu-app-03"] == "not approved (New)" || reasons["eu-app-03"]?.hasPrefix("not approved") == true)
            #expect(reasons["eu-db-03"] == "no LOGS capability, which FetchLogs needs")
            #expect(reasons["eu-web-04"]?.hasPrefix("last seen 3d ago") == true, "\(reasons)")
            #expect(reasons["eu-web-01"] == "")
            #expect(document["matched"] as? Int == 11)
            #expect(document["eligible"] as? Int == rows.filter { $0["eligible"] as? Bool == true }.count)
            #expect(try SchemaValidation.validate([all.stdout.replacingOccurrences(of: "\n", with: " ")], schema: "kfjobs-agents.schema.json") == [true])
        }

        @Test func agentsByIdsAndNamesAndAsCSV() async throws {
            let csv = try await run(["agents", "--client-machines", "eu-web-01,us-web-05", "no-such-host", "--simulate", "--output", "csv"])
            #expect(csv.status == 1, "a name that matches nothing fails, as in a plan")
            let lines = csv.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "clientMachine,agentId,status,platform,version,capabilities,lastSeen,eligible,reason")
            #expect(lines.count == 3)
            #expect(lines.contains { $0.hasPrefix("us-web-05,") && $0.contains(",false,not approved") })
            #expect(csv.stderr.contains("error: no orchestrator is named 'no-such-host'"))
            let id = try #require(lines.first { $0.hasPrefix("eu-web-01,") }?.split(separator: ",")[1])
            let byId = try await run(["agents", "--ids", String(id).uppercased(), "--simulate"])
            #expect(byId.status == 0, "\(byId.stderr)")
            #expect(byId.stdout.contains("eu-web-01"))
            #expect(byId.stdout.hasSuffix("1 matched, 1 eligible: an expect guard would count 1\n"))
            #expect(try await run(["agents", "--simulate"]).status == 64)
            #expect(try await run(["agents", "--query", "Status -eq 2", "--ids", String(id), "--simulate"]).status == 64)
        }

        @Test func aBadQueryIsTheServersMessageUnderTheQuery() async throws {
            let result = try await run(["agents", "--query", "Status -eq 2 AND Colour -eq \"red\"", "--simulate"])
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("--query:1:18: error: the server rejected this query: invalid query at position 18: unknown field") == true, "\(result.stderr)")
            #expect(lines.dropFirst().first == "Status -eq 2 AND Colour -eq \"red\"")
            #expect(lines.dropFirst(2).first == String(repeating: " ", count: 17) + "^")
        }

        @Test func jobTypesShowsEveryFieldAndFetchLogsAsBuiltIn() async throws {
            let text = try await run(["job-types", "--simulate"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.hasPrefix("FetchLogs (built in)"))
            #expect(text.stdout.contains("RotateSSHKeys"))
            #expect(text.stdout.range(of: #"KeyBits\s+Integer\s+yes\s+4096"#, options: .regularExpression) != nil, "\(text.stdout)")
            let json = try await run(["job-types", "RefreshInventory", "--simulate", "--output", "json"])
            #expect(json.status == 0)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let types = try #require(document["jobTypes"] as? [[String: Any]])
            #expect(types.count == 1)
            let fields = try #require(types.first?["fields"] as? [[String: Any]])
            #expect(fields.map { $0["name"] as? String } == ["Target", "Depth", "IncludeExpired"])
            #expect(fields[1]["type"] as? String == "Integer" && fields[1]["default"] as? String == "2")
            #expect(try SchemaValidation.validate([json.stdout.replacingOccurrences(of: "\n", with: " ")], schema: "kfjobs-job-types.schema.json") == [true])
            let printed = try await run(["schema", "job-types"])
            #expect(printed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == JobTypesSchema.json.trimmingCharacters(in: .whitespacesAndNewlines))
            let unknown = try await run(["job-types", "refreshinventory", "--simulate"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("did you mean 'RefreshInventory'?"), "\(unknown.stderr)")
        }

        /// Every job type of the default fleet: the starter manifest is refused until its
        /// placeholders are filled, then validates and plans.
        @Test(arguments: ["FetchLogs", "RefreshInventory", "RotateSSHKeys", "PurgeTempFiles"])
        func initWritesAManifestThatPlansOnceFilledIn(jobType: String) async throws {
            let file = try scratch.path("starter.yaml")
            let written = try await run(["init", "--job-type", jobType, "--simulate", "--out", "starter.yaml"])
            #expect(written.status == 0, "\(written.stderr)")
            var text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema="))
            let placeholders = ["'<FILL IN: String>'": "'a-target'", "'<FILL IN: Integer>'": "'7'"].filter { text.contains($0.key) }
            if !placeholders.isEmpty {
                let refused = try await run(["validate", "starter.yaml"])
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("still holds the placeholder kfjobs init wrote; fill it in with a value of type"), "\(refused.stderr)")
                #expect(refused.stderr.range(of: #"starter\.yaml:\d+:\d+: error: field '"#, options: .regularExpression) != nil)
                for (placeholder, value) in placeholders { text = text.replacingOccurrences(of: placeholder, with: value) }
                try text.write(toFile: file, atomically: true, encoding: .utf8)
            }
            let validate = try await run(["validate", "starter.yaml"])
            #expect(validate.status == 0, "\(validate.stderr)")
            let plan = try await run(["plan", "starter.yaml", "--simulate", "--ledger", "starter-ledger.jsonl"])
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
            #expect(plan.stdout.contains(" 0 errors"))
        }

        @Test func initNeverOverwritesWithoutForce() async throws {
            let file = try scratch.path("mine.yaml")
            try "keep me\n".write(toFile: file, atomically: true, encoding: .utf8)
            let refused = try await run(["init", "--job-type", "FetchLogs", "--simulate", "--out", "mine.yaml"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("--force"))
            #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me\n")
            let forced = try await run(["init", "--job-type", "FetchLogs", "--name", "logs", "--simulate", "--out", "mine.yaml", "--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try String(contentsOfFile: file, encoding: .utf8).contains("  name: logs\n"))
            let stdout = try await run(["init", "--job-type", "RotateSSHKeys", "--query", "ClientMachine -startswith \"us-\"", "--simulate"])
            #expect(stdout.status == 0)
            #expect(stdout.stdout.contains("      # KeyBits: Integer, required, default 4096\n"), "\(stdout.stdout)")
            #expect(stdout.stdout.contains("# Comment: String, optional, no default"))
        }
    }
}

/// Whether JSON texts validate against `schemas/NAME`, by python's jsonschema (an independent reader).
enum SchemaValidation {
    static func validate(_ documents: [String], schema: String) throws -> [Bool] {
        try BinaryTests.SchemaConformanceTests.validate(documents, schema: schema)
    }
}
