import BinaryTestSupport
import Foundation
import TestProxy
import Testing

extension BinaryTests {
    /// The binary through a real CONNECT proxy on 127.0.0.1: plan and apply pass through it, NO_PROXY
    /// bypasses it, a refusing proxy is an exit-3 error naming it, and its credentials never show.
    @Suite("proxies (binary)", .serialized)
    struct ProxyCommandTests {
        @Test func applyGoesThroughTheProxyAndNoProxyBypassesIt() async throws {
            let harness = try await SimulatorHarness.start()
            defer { Task { try? await harness.stop() } }
            let proxy = try await TestProxy.start(.init(credentials: ("ci", "Pr0xy-s3cret")))
            defer { Task { try? await proxy.shutdown() } }
            let environment = ["http_proxy": proxy.url(username: "ci", password: "Pr0xy-s3cret"), "KFJOBS_LOG_LEVEL": "trace"]
            let apply = try await harness.run(["apply", "examples/fetch-logs.yaml"], environment: environment)
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(proxy.stats.tunnels.count >= 1)
            #expect(proxy.stats.tunnels.allSatisfy { $0 == "127.0.0.1:\(harness.simulator.port)" })
            #expect(!(apply.stdout + apply.stderr).contains("Pr0xy-s3cret"))
            #expect(try await harness.jobs().count == 21)

            let before = proxy.stats.tunnels.count
            let bypass = try await harness.run(["plan", "examples/fetch-logs.yaml"], environment: environment.merging(["NO_PROXY": "127.0.0.0/8"]) { $1 })
            #expect(bypass.status == 0, "\(bypass.stderr)")
            #expect(proxy.stats.tunnels.count == before)
        }

        @Test func aRefusingProxyIsExit3NamingTheProxy() async throws {
            let harness = try await SimulatorHarness.start()
            defer { Task { try? await harness.stop() } }
            let proxy = try await TestProxy.start(.init(credentials: ("ci", "right")))
            defer { Task { try? await proxy.shutdown() } }
            let refused = try await harness.run(["plan", "examples/fetch-logs.yaml"],
                                                environment: ["HTTP_PROXY": proxy.url(username: "ci", password: "Wr0ng-secret")])
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("through the proxy http://***@127.0.0.1:\(proxy.port) (HTTP_PROXY): the proxy requires authentication (HTTP 407); the proxy refused the user and password in HTTP_PROXY"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("Wr0ng-secret"))
            let closed = try await harness.run(["plan", "examples/fetch-logs.yaml"], environment: ["HTTP_PROXY": "http://127.0.0.1:1"])
            #expect(closed.status == 3)
            #expect(closed.stderr.contains("through the proxy http://127.0.0.1:1 (HTTP_PROXY): cannot connect to the proxy (connection refused)"), "\(closed.stderr)")
            #expect(try await harness.jobs().isEmpty)
        }

        @Test func severalCredentialSetsAreNamedOnStderrWithoutValues() async throws {
            let harness = try await SimulatorHarness.start()
            defer { Task { try? await harness.stop() } }
            let result = try await harness.run(["plan", "examples/fetch-logs.yaml"], environment: [
                "KEYFACTOR_AUTH_ACCESS_TOKEN": "T0ken-value", "KEYFACTOR_USERNAME": "svc", "KEYFACTOR_PASSWORD": "Pa55-value",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("note: using a ready access token (KEYFACTOR_AUTH_ACCESS_TOKEN); ignoring Basic credentials (KEYFACTOR_USERNAME, KEYFACTOR_PASSWORD)"))
            #expect(!(result.stdout + result.stderr).contains("T0ken-value"))
            #expect(!(result.stdout + result.stderr).contains("Pa55-value"))
        }
    }
}
