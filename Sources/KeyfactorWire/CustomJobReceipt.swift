#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a submitter keeps from the answer to `POST /OrchestratorJobs/Custom`: the created job's
/// identity, without the echoed schedule and fields that `CustomJobResponse` also reads.
///
/// Reading the schedule back was half the cost of decoding each answer, and the engine records only
/// these members; it reads them as leniently as `CustomJobResponse` does.
public struct CustomJobReceipt: Sendable, Hashable, Decodable {
    public var jobId: String
    public var orchestratorId: String
    public var requestTimestamp: Date?

    public init(jobId: String, orchestratorId: String, requestTimestamp: Date? = nil) {
        self.jobId = jobId
        self.orchestratorId = orchestratorId
        self.requestTimestamp = requestTimestamp
    }

    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        jobId = try wire.decode(String.self, "JobId")
        orchestratorId = try wire.decodeIfPresent(String.self, "OrchestratorId") ?? ""
        // The seed's documentation page spells it "RequestTimestmap"; accept both.
        requestTimestamp = try wire.decodeDateIfPresent("RequestTimestamp")
            ?? wire.decodeDateIfPresent("RequestTimestmap")
    }
}
