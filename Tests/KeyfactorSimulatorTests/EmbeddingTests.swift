import Foundation
import KeyfactorSimulator
import Testing

@Suite struct EmbeddingTests {
    /// Runs curl and waits for it synchronously, blocking the calling thread as `Process` users do.
    static func blockingCurl(_ url: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "20", "-H", "x-keyfactor-requested-with: APIClient", url]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { return "" }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    // A host that blocks every thread of Swift's cooperative pool (here: one synchronous child process
    // per core) must not starve the simulator it embeds: the child processes' requests are answered.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func servesWhileTheHostBlocksEveryCooperativeThread() async throws {
        let simulator = try await KeyfactorSimulator.start(fleet: try TestFleet.fleet())
        let url = simulator.baseURL + "/Agents/" + TestFleet.euWeb01
        let answers = await withTaskGroup(of: String.self) { group in
            for _ in 0..<max(2, ProcessInfo.processInfo.activeProcessorCount) {
                group.addTask { Self.blockingCurl(url) }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        // On the system clock there is nothing to move.
        #expect(!simulator.advanceClock(by: 60))
        try await simulator.shutdown()
        #expect(answers.count >= 2)
        #expect(answers.allSatisfy { $0.contains("\"ClientMachine\":\"eu-web-01\"") })
    }
}
