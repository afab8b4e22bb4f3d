import Foundation
@testable import KFJobs
import KeyfactorWire
import Testing

/// What apply sends from a plan: the shard's jobs, the `--max-jobs` refusal, skipped jobs counted.
@Suite("Apply preparation")
struct ApplyPreparationTests {
    static func plan(submit: Int, skip: Int) -> Plan {
        let jobs = (0..<(submit + skip)).map { index in
            Plan.Job(
                identity: JobIdentity(
                    key: "m/j@agent-\(index)", fingerprint: "f", manifest: "m", job: "j", agentId: "agent-\(index)",
                    clientMachine: "host-\(index)", jobTypeName: "FetchLogs"),
                action: index < submit ? .submit : .skip(jobId: "J-\(index)"),
                request: CustomJobRequest(agentId: "agent-\(index)", jobTypeName: "FetchLogs"))
        }
        return Plan(server: "simulator", jobs: jobs)
    }

    @Test func everyJobThatSendsARequestBecomesAnItem() throws {
        let prepared = try ApplyPreparation(plan: Self.plan(submit: 5, skip: 3), shard: nil, maxJobs: 5)
        #expect(prepared.planned.count == 8)
        #expect(prepared.items.count == 5)
        #expect(prepared.skipped == 3)
    }

    @Test func aPlanOverTheLimitIsRefusedSayingWhatToDo() {
        #expect(throws: ApplyPreparation.TooManyRequests(requests: 5, limit: 4)) {
            try ApplyPreparation(plan: Self.plan(submit: 5, skip: 3), shard: nil, maxJobs: 4)
        }
        let message = ApplyPreparation.TooManyRequests(requests: 5, limit: 4).description
        #expect(message.contains("raise --max-jobs"))
    }

    /// The shards of a plan cover it exactly once, and the limit counts only the shard's requests.
    @Test func shardsPartitionThePlanAndTheLimitIsPerShard() throws {
        let plan = Self.plan(submit: 40, skip: 0)
        let shards = try (1...4).map { index in
            try ApplyPreparation(plan: plan, shard: try #require(Shard(parsing: "\(index)/4")), maxJobs: 39)
        }
        let keys = shards.flatMap { $0.items.map(\.key) }
        #expect(keys.count == 40)
        #expect(Set(keys).count == 40)
        #expect(shards.allSatisfy { $0.items.count < 40 })
    }
}
