#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs

extension JUnitReport {
    /// An apply's report: one case per planned job. A job rejected, failed or unknown fails with the
    /// server's message; one that ran (with --wave) and failed or warned fails with the history message;
    /// one never started is skipped; the rest pass.
    static func apply(planned: [Plan.Job], outcomes: [String: JobOutcome], states: [String: JobStatus]) -> JUnitReport {
        JUnitReport(suiteName: "kfjobs apply", cases: planned.map { job in
            let classname = "\(job.identity.manifest)/\(job.identity.job)"
            if job.action.kind == .skip {
                return TestCase(classname: classname, name: job.key, verdict: .passed, output: "already in the ledger")
            }
            guard let record = outcomes[job.key] else {
                return TestCase(classname: classname, name: job.key, verdict: .skipped(message: "not started"))
            }
            let outcome = record.kind
            let time = Double(record.durationMs) / 1000
            let output = "\(outcome.rawValue)\(record.jobId.map { " as job \($0)" } ?? "") on \(job.identity.clientMachine)"
            switch outcome {
            case .rejected, .failed, .unknown:
                let message = record.error.map { "\($0.code): \($0.message)" } ?? "\(outcome.rawValue) with no detail"
                return TestCase(classname: classname, name: job.key, verdict: .failure(type: outcome.rawValue, message: message), time: time, output: output)
            case .cancelled:
                return TestCase(classname: classname, name: job.key, verdict: .skipped(message: "cancelled before the request left"), time: time, output: output)
            case .submitted, .adopted, .replaced, .recreated, .unscheduled:
                if let status = states[job.key], status.state.isProblem {
                    let message = status.message ?? "the job \(status.state.rawValue)"
                    return TestCase(classname: classname, name: job.key, verdict: .failure(type: status.state.rawValue, message: message), time: time, output: output)
                }
                return TestCase(classname: classname, name: job.key, verdict: .passed, time: time, output: output)
            }
        })
    }
}
