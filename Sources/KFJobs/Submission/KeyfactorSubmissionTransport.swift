#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorAPI
import KeyfactorWire
import NIOCore
import NIOConcurrencyHelpers

extension SubmissionTransport {
    /// The engine's transport over the Keyfactor client: one attempt per call, classified by whether
    /// the request may have reached the server, and reconciliation through ScheduledJobs and JobHistory.
    public static func keyfactor(_ client: KeyfactorClient, clock: @escaping @Sendable () -> Date = { Date() }) -> SubmissionTransport {
        let skew = ClockSkew()
        var transport = SubmissionTransport(
            submit: { request, completion in
                client.submitCustomJobFuture(request).whenComplete { result in
                    switch result {
                    case .success(let submission):
                        skew.record(serverDate: submission.serverDate, local: clock())
                        let response = submission.response
                        completion(.created(
                            jobId: response.jobId, orchestratorId: response.orchestratorId,
                            requestTimestamp: response.requestTimestamp.map { KeyfactorDate.format($0) }, httpStatus: submission.httpStatus))
                    case .failure(let error):
                        let error = KeyfactorClient.classified(error)
                        skew.record(serverDate: error.serverDate, local: clock())
                        completion(classify(error))
                    }
                }
            },
            unschedule: { jobIds, completion in
                Task {
                    do throws(KeyfactorClientError) {
                        try await client.unschedule(.jobIds(jobIds))
                        completion(.done(httpStatus: 204))
                    } catch {
                        completion(classify(error))
                    }
                }
            },
            reconcile: { item, since, known, completion in
                Task {
                    completion(await reconcile(item, since: since.addingTimeInterval(-skew.window), excluding: known, reads: client))
                }
            }
        )
        transport.submitBulk = bulk(client, skew: skew, clock: clock)
        return transport
    }

    /// What an error means for the job: certainly nothing created, refused, fatal, or unknown.
    static func classify(_ error: KeyfactorClientError) -> AttemptResult {
        let info = JobOutcome.ErrorInfo(code: error.serverErrorCode ?? error.code, message: error.serverMessage ?? error.description)
        switch error.disposition {
        case .fatal: return .fatal(info, httpStatus: error.httpStatus)
        case .notSent: return .notSent(info, httpStatus: error.httpStatus, retryAfter: error.retryAfter)
        case .rejected: return .rejected(info, httpStatus: error.httpStatus ?? 400)
        case .unknown: return .unknown(info, httpStatus: error.httpStatus)
        }
    }

    /// Jobs of the item's type on its agent requested since `since`, other than known ones: first
    /// those still scheduled, then those that already ran.
    static func reconcile(_ item: SubmissionItem, since: Date, excluding known: KnownJobIds, reads: some ServerReads) async -> ReconcileResult {
        do throws(KeyfactorClientError) {
            var found = Set<String>()
            let scheduled = try await reads.scheduledJobs(query: "JobType -eq \"\(item.jobTypeName)\"")
            for job in scheduled where job.clientMachine?.lowercased() == item.clientMachine.lowercased() {
                if let requested = job.requestedDate, requested >= since { found.insert(job.id.lowercased()) }
            }
            let history = try await reads.jobHistory(query: "AgentId -eq \"\(item.agentId)\" AND JobType -eq \"\(item.jobTypeName)\"", pageSize: nil)
            for entry in history {
                if let start = entry.operationStart, start >= since { found.insert(entry.jobId.lowercased()) }
            }
            found = found.filter { !known.contains($0) }
            switch found.count {
            case 0: return .none
            case 1: return .found(jobId: found.first ?? "")
            default: return .ambiguous(count: found.count)
            }
        } catch {
            return .failed(JobOutcome.ErrorInfo(code: error.code, message: error.description))
        }
    }
}

/// The difference between the server's clock and ours, from the `Date` headers of its answers, so
/// that the reconciliation window is wide enough whichever clock runs ahead.
final class ClockSkew: Sendable {
    private let largest = NIOLockedValueBox<Double>(0)

    func record(serverDate: Date?, local: Date) {
        guard let serverDate else { return }
        let difference = abs(serverDate.timeIntervalSince(local))
        largest.withLockedValue { $0 = max($0, difference) }
    }

    /// How far before the attempt to look: the skew seen, plus the `Date` header's one-second
    /// resolution and a margin for the server's own processing.
    var window: Double { largest.withLockedValue { $0 } + 2 }
}
