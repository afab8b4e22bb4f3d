#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs
import NIOConcurrencyHelpers

/// The live progress of an apply on stderr: a line redrawn in place on a terminal, plain lines at
/// most every five seconds otherwise (so CI logs stay readable).
final class ProgressReporter: Sendable {
    private struct State {
        var lastPrint = Date.distantPast
        var last: SubmissionProgress?
        var printedInPlace = false
    }

    private let total: Int
    private let started = Date()
    private let interactive = Terminal.stderrIsTerminal
    private let state = NIOLockedValueBox(State())

    init(total: Int) {
        self.total = total
    }

    func update(_ progress: SubmissionProgress) {
        let line: String? = state.withLockedValue { state in
            state.last = progress
            let now = Date()
            let interval = interactive ? 0.1 : 5
            guard now.timeIntervalSince(state.lastPrint) >= interval || progress.done == progress.total else { return nil }
            state.lastPrint = now
            if interactive { state.printedInPlace = true }
            return describe(progress, now: now)
        }
        guard let line, total > 0 else { return }
        Terminal.errorText(interactive ? "\r\u{1B}[K" + line : line + "\n")
    }

    func finish() {
        let inPlace = state.withLockedValue { $0.printedInPlace }
        if inPlace { Terminal.errorText("\n") }
    }

    private func describe(_ progress: SubmissionProgress, now: Date) -> String {
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(progress.done) / elapsed
        let remaining = rate > 0 ? Double(progress.total - progress.done) / rate : 0
        let counts = progress.counts
        let ok = [.submitted, .adopted, .replaced, .recreated, .unscheduled].reduce(0) { $0 + (counts[$1] ?? 0) }
        return "[\(progress.done)/\(progress.total)] \(NumberText.fixed(rate, fractionDigits: 0))/s, "
            + "ETA \(NumberText.fixed(remaining, fractionDigits: 0))s: \(ok) ok, \(counts[.rejected] ?? 0) rejected, "
            + "\(counts[.failed] ?? 0) failed, \(counts[.unknown] ?? 0) unknown"
    }
}
