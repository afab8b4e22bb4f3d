import AsyncHTTPClient
import BinaryTestSupport
import Foundation
import Testing

extension BinaryTests {
    /// `.stopsHarnesses` stops, and waits for, the simulators a test started: once the scope has
    /// returned, the port no longer answers and the scratch folder is gone.
    @Suite struct HarnessTeardownTests {
        @Test func theScopeStopsEveryHarnessItsTestStarted() async throws {
            let test = try #require(Test.current)
            let started = Box()
            try await HarnessTeardown().provideScope(for: test, testCase: nil) {
                let first = try await SimulatorHarness.start()
                let second = try await SimulatorHarness.start()
                started.value = [first, second]
                var request = HTTPClientRequest(url: first.simulator.rootURL + "/_simulator/stats")
                // No idle keep-alive connection for the graceful shutdown to wait out.
                request.headers.add(name: "Connection", value: "close")
                let answer = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                #expect(answer.status == .ok)
                _ = try await answer.body.collect(upTo: 1 << 20)
            }
            #expect(started.value.count == 2)
            for harness in started.value {
                #expect(!Self.accepts(port: harness.simulator.port), "the simulator on \(harness.simulator.port) still listens")
                #expect(!FileManager.default.fileExists(atPath: harness.directory.path))
            }
        }

        /// Whether something accepts a TCP connection on 127.0.0.1:port (refused at once when nothing
        /// listens; an HTTP client would retry until its deadline).
        static func accepts(port: Int) -> Bool {
            #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }

        final class Box: @unchecked Sendable {
            var value: [SimulatorHarness] = []
        }
    }
}
