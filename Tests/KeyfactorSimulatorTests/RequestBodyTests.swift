import Foundation
import KeyfactorSimulator
import NIOCore
import NIOPosix
import Testing

/// Bodies the simulator cannot read whole: too large (413), or cut off by the client.
@Suite struct RequestBodyTests {
    @Test func aBodyOverTwoMegabytesIsAnswered413() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let padding = String(repeating: "x", count: 2 * 1024 * 1024)
            let reply = try await harness.post(
                "/OrchestratorJobs/Custom", SubmissionTests.request(TestFleet.euWeb01, "FetchLogs", fields: #"{"Pad":"\#(padding)"}"#))
            #expect(reply.status == 413)
            #expect(reply.object["Message"] as? String == "the request body is larger than 2 MB")
            let stats = try await harness.send(.GET, "/_simulator/stats", api: false, headers: []).object
            #expect((stats["Requests"] as? [String: [String: Int]])?["POST /OrchestratorJobs/Custom"] == ["413": 1])
            #expect(try await harness.createdJobs().isEmpty)
        }
    }

    /// A client that closes its connection part-way through a body (as a client racing with itself
    /// over a pooled connection does) sent no oversized body: the request is counted as aborted.
    @Test func aBodyCutOffByTheClientIsCountedAsAbortedNot413() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            let root = try #require(URL(string: harness.simulator.rootURL))
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: try #require(root.host), port: try #require(root.port)).get()
            let head = "POST /KeyfactorAPI/OrchestratorJobs/Custom HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "x-keyfactor-requested-with: APIClient\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            try await channel.writeAndFlush(ByteBuffer(string: head + #"{"AgentId":"#)).get()
            try await channel.close().get()

            // The server notices the close on its own event loop: wait until it has counted the request.
            var counted: [String: Int]?
            for _ in 0..<500 where counted == nil {
                let stats = try await harness.send(.GET, "/_simulator/stats", api: false, headers: []).object
                counted = (stats["Requests"] as? [String: [String: Int]])?["POST /OrchestratorJobs/Custom"]
                if counted == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(counted == ["aborted": 1])
            #expect(try await harness.createdJobs().isEmpty)
        }
    }
}
