import BinaryTestSupport
import Foundation
import KeyfactorAPI
import KeyfactorSimulator
import TestProxy
import Testing

extension BinaryTests {
    /// `kfjobs doctor` through the binary against the simulator with each dialect and quirk, a bad
    /// password, an unreachable port and a refusing proxy.
    @Suite("kfjobs doctor (binary)", .serialized)
    struct DoctorCommandTests {
        struct Report: Decodable {
            struct Check: Decodable {
                var name: String
                var status: String
                var found: String
                var action: String?
            }
            var server: String
            var canWork: Bool
            var checks: [Check]

            func check(_ name: String) -> Check? { checks.first { $0.name == name } }
            func checks(_ name: String) -> [Check] { checks.filter { $0.name == name } }
        }

        /// The built-in fleet with `server` lines added.
        static func fleet(server lines: String = "", extra: String = "") -> String {
            // The built-in fleet's own casing line gives way to one in `lines`.
            let anchor = "  casing: pascal\n"
            let replacement = lines.contains("casing:") ? lines : anchor + lines
            return SimulatorFleet.builtInDefaultYAML.replacingOccurrences(of: anchor, with: replacement)
                + (extra.isEmpty ? "" : "\n" + extra)
        }

        func doctor(_ harness: SimulatorHarness, environment: [String: String] = [:], text: Bool = false) async throws
            -> (KFJobsProcess.Result, Report?)
        {
            let result = try await harness.runNoLedger(["doctor"] + (text ? [] : ["--output", "json"]), environment: environment)
            return (result, text ? nil : try? JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8)))
        }

        @Test func aWellBehavedServerPassesAndTheJSONMatchesItsSchema() async throws {
            let harness = try await SimulatorHarness.start(fleetYAML: Self.fleet())
            defer { Task { try? await harness.stop() } }
            let (result, decoded) = try await doctor(harness)
            let report = try #require(decoded, "\(result.stdout)\(result.stderr)")
            #expect(result.status == 0, "\(result.stdout)")
            #expect(report.canWork)
            #expect(report.server == harness.simulator.baseURL)
            #expect(!report.checks.contains { $0.status == "failed" })
            for name in ["url", "proxy", "dns", "tcp", "tls", "credentials", "auth", "status", "endpoint", "casing", "paging", "total-count", "query", "clock"] {
                #expect(report.check(name) != nil, "no \(name) check")
            }
            #expect(report.check("status")?.found.contains("product version 11.0.0.0") == true)
            #expect(report.checks("endpoint").count == 8)
            #expect(report.check("casing")?.found.contains("PascalCase (AgentId)") == true)
            #expect(report.check("paging")?.found == "the server honours ReturnLimit and pq.returnLimit; kfjobs sends ReturnLimit")
            #expect(report.check("total-count")?.status == "ok")
            #expect(report.check("clock")?.status == "ok")
            #expect(try SchemaConformanceTests.validate([result.stdout.replacingOccurrences(of: "\n", with: " ")], schema: "kfjobs-doctor.schema.json") == [true])
            let schema = try await KFJobsProcess.runOffPool(["schema", "doctor"])
            let file = try String(contentsOf: KFJobsProcess.packageRoot.appendingPathComponent("schemas/kfjobs-doctor.schema.json"), encoding: .utf8)
            #expect(schema.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == file.trimmingCharacters(in: .whitespacesAndNewlines))

            let (text, _) = try await doctor(harness, text: true)
            #expect(text.status == 0)
            #expect(text.stdout.contains("ok      tcp         connected to 127.0.0.1:"))
            #expect(text.stdout.hasSuffix("kfjobs can work against \(harness.simulator.baseURL)\n"))
        }

        @Test(arguments: [
            // (server lines, check, status, found or action contains, exit)
            ("  casing: camel\n", "casing", "ok", "camelCase (agentId)", Int32(0)),
            ("  totalCount: false\n", "total-count", "warning", "lists carry no x-total-count header", Int32(0)),
            ("  parameterSpelling: prefixed\n", "paging", "failed", "ignores ReturnLimit and honours only pq.returnLimit", Int32(3)),
            ("  parameterSpelling: plain\n", "paging", "ok", "honours ReturnLimit (not pq.returnLimit)", Int32(0)),
            ("  rejectQueryFields: {jobHistory: [JobId]}\n", "query", "failed", "rejects a query on JobId", Int32(3)),
            ("  forbidden: [jobHistory]\n", "endpoint", "failed", "grant the account Agent Management read (/agents/management/read/)", Int32(3)),
                        // Date has whole seconds: the skew read is within a second of the one set.
            ("  clockSkew: 10m\n", "clock", "failed", "s ahead of this machine's", Int32(3)),
            ("  clockSkew: -2m\n", "clock", "warning", "s behind this machine's", Int32(0)),
        ])
        func eachQuirkIsFound(server: String, name: String, status: String, text: String, exit: Int32) async throws {
            let harness = try await SimulatorHarness.start(fleetYAML: Self.fleet(server: server))
            defer { Task { try? await harness.stop() } }
            let (result, decoded) = try await doctor(harness)
            let report = try #require(decoded, "\(result.stdout)\(result.stderr)")
            #expect(result.status == exit, "\(result.stdout)")
            let matching = report.checks(name).filter { $0.status == status && ($0.found + ($0.action ?? "")).contains(text) }
            #expect(matching.count == 1, "\(report.checks(name).map { "\($0.status): \($0.found) / \($0.action ?? "")" })")
            if name == "clock", let found = matching.first?.found,
               let seconds = found.split(separator: " ").compactMap({ Int($0) }).first {
                #expect(abs(seconds - (server.contains("-2m") ? 120 : 600)) <= 1, "\(found)")
            }
        }

        @Test func aBadPasswordFailsAuthWithoutShowingIt() async throws {
            let harness = try await SimulatorHarness.start(fleetYAML: Self.fleet(extra: "auth:\n  basic: {username: svc, password: \"Right-pw\"}\n"))
            defer { Task { try? await harness.stop() } }
            let (result, decoded) = try await doctor(harness, environment: ["KEYFACTOR_USERNAME": "svc", "KEYFACTOR_PASSWORD": "Wr0ng-pw"])
            let report = try #require(decoded)
            #expect(result.status == 3)
            #expect(report.check("auth")?.status == "failed")
            #expect(report.check("auth")?.found == "authentication failed: the server refused user svc (HTTP 401); check KEYFACTOR_USERNAME, KEYFACTOR_PASSWORD and KEYFACTOR_DOMAIN")
            #expect(!(result.stdout + result.stderr).contains("Wr0ng-pw"))
            let (good, _) = try await doctor(harness, environment: ["KEYFACTOR_USERNAME": "svc", "KEYFACTOR_PASSWORD": "Right-pw"])
            #expect(good.status == 0, "\(good.stdout)")
        }

        @Test func oauthChecksTheTokenEndpoint() async throws {
            let harness = try await SimulatorHarness.start(fleetYAML: Self.fleet(extra: "auth:\n  oauth: {clientId: kfjobs-ci, clientSecret: \"Cl1ent-secret\"}\n"))
            defer { Task { try? await harness.stop() } }
            let tokenURL = harness.simulator.rootURL + "/oauth2/token"
            var environment = ["KEYFACTOR_AUTH_CLIENT_ID": "kfjobs-ci", "KEYFACTOR_AUTH_CLIENT_SECRET": "Cl1ent-secret",
                               "KEYFACTOR_AUTH_TOKEN_URL": tokenURL]
            let (good, report) = try await doctor(harness, environment: environment)
            #expect(good.status == 0, "\(good.stdout)")
            #expect(report?.check("token")?.found == "\(tokenURL) issued a token to client kfjobs-ci")
            #expect(report?.checks("proxy").count == 2, "the server and the token endpoint")
            environment["KEYFACTOR_AUTH_CLIENT_SECRET"] = "Wr0ng-secret"
            let (bad, badReport) = try await doctor(harness, environment: environment)
            #expect(bad.status == 3)
            #expect(badReport?.check("token")?.status == "failed")
            #expect(badReport?.check("token")?.found.contains("refused client kfjobs-ci") == true)
            let printed = bad.stdout + bad.stderr + good.stdout + good.stderr
            #expect(!printed.contains("Cl1ent-secret") && !printed.contains("Wr0ng-secret"))
        }

        @Test func anUnreachablePortFailsAtTCP() async throws {
            let port = try await KFJobsProcess.runOffPool(["doctor", "--url", "http://127.0.0.1:1/KeyfactorAPI", "--output", "json"])
            let report = try #require(try? JSONDecoder().decode(Report.self, from: Data(port.stdout.utf8)))
            #expect(port.status == 3)
            #expect(report.check("tcp")?.status == "failed")
            #expect(report.check("tcp")?.found == "cannot connect to 127.0.0.1:1: connection refused")
            #expect(report.check("auth")?.status == "skipped")
        }

        @Test func aRefusingProxyIsNamed() async throws {
            let harness = try await SimulatorHarness.start(fleetYAML: Self.fleet())
            defer { Task { try? await harness.stop() } }
            let proxy = try await TestProxy.start(.init(credentials: ("alice", "Pr0xy-pw")))
            defer { Task { try? await proxy.shutdown() } }
            let url = proxy.url(username: "alice", password: "wrong-Pr0xy-pw")
            let (result, decoded) = try await doctor(harness, environment: ["HTTP_PROXY": url])
            let report = try #require(decoded, "\(result.stdout)\(result.stderr)")
            #expect(result.status == 3)
            #expect(report.check("proxy")?.found == "\(harness.simulator.baseURL) goes through the proxy http://***@127.0.0.1:\(proxy.port) (HTTP_PROXY)")
            #expect(report.check("tcp")?.found == "connected to the proxy 127.0.0.1:\(proxy.port)")
            #expect(report.check("auth")?.status == "failed")
            #expect(report.check("auth")?.found.contains("through the proxy http://***@127.0.0.1:\(proxy.port) (HTTP_PROXY): the proxy requires authentication (HTTP 407)") == true)
            #expect(!(result.stdout + result.stderr).contains("Pr0xy-pw"))

            let (through, _) = try await doctor(harness, environment: ["HTTP_PROXY": proxy.url(username: "alice", password: "Pr0xy-pw")])
            #expect(through.status == 0, "\(through.stdout)")
            #expect(proxy.stats.tunnels.count >= 1)
            let (closed, closedReport) = try await doctor(harness, environment: ["HTTP_PROXY": "http://127.0.0.1:1"])
            #expect(closed.status == 3)
            #expect(closedReport?.check("tcp")?.found == "cannot connect to the proxy 127.0.0.1:1: connection refused")
        }

        @Test func badSettingsAreAFailedCheck() async throws {
            let result = try await KFJobsProcess.runOffPool(["doctor", "--url", "https://kf.example.com/KeyfactorAPI"],
                                                             environment: ["KEYFACTOR_CLIENT_TIMEOUT": "soon"])
            #expect(result.status == 3)
            #expect(result.stdout.contains("failed  settings    KEYFACTOR_CLIENT_TIMEOUT must be a number of seconds, like 60 or 60s, not soon; fix the setting named"))
        }
    }
}
