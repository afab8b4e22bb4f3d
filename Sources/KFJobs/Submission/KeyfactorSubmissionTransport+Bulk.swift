#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorAPI
import KeyfactorWire

extension SubmissionTransport {
    /// `POST /OrchestratorJobs/Custom/Bulk` over the Keyfactor client, one attempt, its failures
    /// classified as a single request's are.
    static func bulk(
        _ client: KeyfactorClient, skew: ClockSkew, clock: @escaping @Sendable () -> Date
    ) -> @Sendable (BulkJobRequest, @escaping Completion<BulkAttemptResult>) -> Void {
        { request, completion in
            client.submitBulkJobFuture(request).whenComplete { result in
                switch result {
                case .success(let submission):
                    skew.record(serverDate: submission.serverDate, local: clock())
                    let response = submission.response
                    completion(.answered(BulkAnswer(
                        pairs: response.orchestratorJobPairs, failedOrchestratorIds: response.failedOrchestratorIds,
                        requestTimestamp: response.requestTimestamp.map { KeyfactorDate.format($0) }, httpStatus: submission.httpStatus)))
                case .failure(let error):
                    let error = KeyfactorClient.classified(error)
                    skew.record(serverDate: error.serverDate, local: clock())
                    completion(.failed(classify(error)))
                }
            }
        }
    }
}
