import Dispatch
import Foundation
import KeyfactorWire
import NIOConcurrencyHelpers
@testable import KFJobs

/// A submission transport answering as each test scripts, recording what reached it and watching
/// the engine's invariants as requests arrive: the concurrency bound, one request per (agent, job
/// type) in flight, and every intent in the ledger before its request leaves.
final class ScriptedSubmissionServer: Sendable {
    struct Seen {
        var inFlight = 0
        var maxInFlight = 0
        var lanesInFlight: Set<String> = []
        var laneOverlap = false
        var requests: [CustomJobRequest] = []
        var bulkRequests: [BulkJobRequest] = []
        var unscheduled: [[String]] = []
        /// The agents looked up by reconciliation, in order.
        var reconciled: [String] = []
        var intentMissingAtSend = false
    }

    let seen = NIOLockedValueBox(Seen())
    let ledgerPath: String
    /// Answers within the call, on the engine's thread, instead of from another thread later.
    let answersInline: Bool
    let answer: @Sendable (CustomJobRequest, Int) -> AttemptResult
    let bulkAnswer: (@Sendable (BulkJobRequest, Int) -> BulkAttemptResult)?
    let reconcileAnswer: @Sendable (SubmissionItem) -> ReconcileResult

    /// `answer` and `bulk` get the request and how many times this same request has been sent.
    init(
        ledgerPath: String, answersInline: Bool = false,
        reconcile: @escaping @Sendable (SubmissionItem) -> ReconcileResult = { _ in .none },
        bulk: (@Sendable (BulkJobRequest, Int) -> BulkAttemptResult)? = nil,
        answer: @escaping @Sendable (CustomJobRequest, Int) -> AttemptResult
    ) {
        self.ledgerPath = ledgerPath
        self.answersInline = answersInline
        self.answer = answer
        self.bulkAnswer = bulk
        self.reconcileAnswer = reconcile
    }

    var transport: SubmissionTransport {
        var transport = SubmissionTransport(
            submit: { request, completion in
                let lanes = [request.agentId + "/" + request.jobTypeName]
                let attempt = self.enter(lanes) { seen in
                    seen.requests.append(request)
                    return seen.requests.filter { $0 == request }.count
                }
                self.checkIntents([request.agentId])
                self.respond {
                    let result = self.answer(request, attempt)
                    self.leave(lanes)
                    completion(result)
                }
            },
            unschedule: { ids, completion in
                self.seen.withLockedValue { $0.unscheduled.append(ids) }
                self.respond { completion(.done(httpStatus: 204)) }
            },
            reconcile: { item, _, _, completion in
                let lanes = [item.agentId + "/" + item.jobTypeName]
                self.enter(lanes) { $0.reconciled.append(item.agentId) }
                self.respond {
                    let result = self.reconcileAnswer(item)
                    self.leave(lanes)
                    completion(result)
                }
            }
        )
        if let bulkAnswer {
            transport.submitBulk = { request, completion in
                let lanes = request.orchestratorIds.map { $0 + "/" + request.jobTypeName }
                let attempt = self.enter(lanes) { seen in
                    seen.bulkRequests.append(request)
                    return seen.bulkRequests.filter { $0 == request }.count
                }
                self.checkIntents(request.orchestratorIds)
                self.respond {
                    let result = bulkAnswer(request, attempt)
                    self.leave(lanes)
                    completion(result)
                }
            }
        }
        return transport
    }

    /// Takes the lanes of a request (an overlap with one in flight is a bug) and records it.
    private func enter<T>(_ lanes: [String], _ record: (inout Seen) -> T) -> T {
        seen.withLockedValue { seen in
            seen.inFlight += 1
            seen.maxInFlight = max(seen.maxInFlight, seen.inFlight)
            for lane in lanes where !seen.lanesInFlight.insert(lane).inserted { seen.laneOverlap = true }
            return record(&seen)
        }
    }

    private func leave(_ lanes: [String]) {
        seen.withLockedValue { seen in
            seen.inFlight -= 1
            for lane in lanes { seen.lanesInFlight.remove(lane) }
        }
    }

    private func respond(_ body: @escaping @Sendable () -> Void) {
        if answersInline { body() } else { DispatchQueue.global().async(execute: body) }
    }

    private func checkIntents(_ agents: [String]) {
        let ledger = (try? String(contentsOfFile: ledgerPath, encoding: .utf8)) ?? ""
        let intents = ledger.split(separator: "\n").filter { $0.contains("\"type\":\"intent\"") }
        for agent in agents where !intents.contains(where: { $0.contains("\"agentId\":\"\(agent)\"") }) {
            seen.withLockedValue { $0.intentMissingAtSend = true }
        }
    }
}
