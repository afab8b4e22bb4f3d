#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs

/// The end of an apply: counts on stdout (text or JSON), each rejected, failed or unknown job and the
/// reason for a stop on stderr.
enum ApplyReportRenderer {
    struct JSONReport: Encodable {
        var run: String
        var ledger: String
        var counts: [String: Int]
        var skipped: Int
        var notStarted: Int
        var stopped: Bool
        var fatalError: JobOutcome.ErrorInfo?
        var failures: [Failure]

        struct Failure: Encodable {
            var key: String
            var outcome: String
            var httpStatus: Int?
            var error: JobOutcome.ErrorInfo?
        }
    }

    static func print(_ report: SubmissionReport, skipped: Int, runId: String, ledger: String, format: OutputFormat) {
        let failures = report.outcomes.values
            .filter(\.kind.isFailure)
            .sorted { $0.key < $1.key }
        for failure in failures {
            let error = failure.error.map { "\($0.code): \($0.message)" } ?? "no detail"
            Terminal.error("\(failure.kind.rawValue): \(failure.key): \(error)")
        }
        if let fatal = report.fatalError {
            Terminal.error("error: the run stopped: \(fatal.message)")
        }
        if let ledgerError = report.ledgerError {
            Terminal.error("error: the run stopped: \(ledgerError)")
        }
        if report.stopped, report.notStarted > 0 {
            Terminal.error("stopped: \(report.notStarted) jobs were not started; run the same command again to resume")
        }
        let counts = report.counts
        switch format {
        case .json:
            let json = JSONReport(
                run: runId, ledger: ledger, counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
                skipped: skipped, notStarted: report.notStarted, stopped: report.stopped, fatalError: report.fatalError,
                failures: failures.map { .init(key: $0.key, outcome: $0.kind.rawValue, httpStatus: $0.httpStatus, error: $0.error) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(json) { Terminal.output(String(decoding: data, as: UTF8.self) + "\n") }
        case .text:
            let order: [JobOutcome.Kind] = [.submitted, .adopted, .replaced, .recreated, .unscheduled, .rejected, .failed, .unknown, .cancelled]
            let parts = order.compactMap { outcome in counts[outcome].map { "\($0) \(outcome.rawValue)" } }
            let summary = parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")
            Terminal.output("applied: \(summary); \(skipped) already in the ledger\(report.notStarted > 0 ? ", \(report.notStarted) not started" : "")\nrun \(runId), ledger \(ledger)\n")
        }
    }
}
