import KeyfactorWire
import Testing
@testable import KFJobs

/// The order lanes start in and the chunks committed ahead of them.
@Suite struct LaneFeedTests {
    static func lanes(_ count: Int) -> [[SubmissionItem]] {
        (0..<count).map { index in
            let agent = "agent-\(index)"
            return [SubmissionItem(
                action: .submit,
                identity: JobIdentity(key: "m/j@\(agent)", fingerprint: "f", manifest: "m", job: "j", agentId: agent, clientMachine: agent, jobTypeName: "FetchLogs"),
                request: CustomJobRequest(agentId: agent, jobTypeName: "FetchLogs"))]
        }
    }

    func agent(_ next: LaneFeed.Next) -> String? {
        if case .lane(let lane) = next { return lane.first?.agentId }
        return nil
    }

    @Test func lanesStartInOrderOnlyOnceTheirChunkIsCommitted() {
        var feed = LaneFeed(lanes: Self.lanes(10), chunkSize: 3)
        #expect(feed.chunkCount == 4)
        #expect(feed.chunk(3).count == 1)
        guard case .notCommitted(chunk: 0) = feed.take().next else {
            Issue.record("a lane started before its intents were committed")
            return
        }
        feed.markCommitted(0)
        var started: [String] = []
        var aheads: [Int] = []
        for chunk in 0..<4 {
            while case let (next, ahead) = feed.take(), let agent = agent(next) {
                started.append(agent)
                if let ahead { aheads.append(ahead) }
            }
            if chunk < 3 {
                guard case .notCommitted(chunk: chunk + 1) = feed.take().next else {
                    Issue.record("chunk \(chunk + 1) was not waited for")
                    return
                }
                feed.markCommitted(chunk + 1)
            }
        }
        #expect(started == (0..<10).map { "agent-\($0)" })
        // Two chunks ahead of the first lane of each chunk, while there are any.
        #expect(aheads == [2, 3])
        guard case .noneLeft = feed.take().next else {
            Issue.record("lanes left after all were taken")
            return
        }
    }

    @Test func anEmptyRunHasNoChunks() {
        var feed = LaneFeed(lanes: [], chunkSize: 16)
        #expect(feed.chunkCount == 0)
        guard case .noneLeft = feed.take().next else {
            Issue.record("an empty feed offered a lane")
            return
        }
    }
}
