import BinaryTestSupport
import Foundation
import Testing

/// The one place the built-in fleet's count of FetchLogs targets is written as a number: the other
/// tests use `BuiltInFleet.logAgents`, worked out from the fleet, and the README shows the figure.
struct BuiltInFleetTests {
    @Test func theFetchLogsExampleTargetsTwentyOneAgentsAsTheREADMESays() throws {
        #expect(BuiltInFleet.logAgents == 21)
        let readme = try String(contentsOf: KFJobsProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("immediate  \(BuiltInFleet.logAgents) of \(BuiltInFleet.logAgents) eligible"))
        #expect(readme.contains("applied: \(BuiltInFleet.logAgents) submitted"))
    }
}
