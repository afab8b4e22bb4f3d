import KFJobs
import NIOConcurrencyHelpers

/// Prints a rollout's events on stderr: a progress line per wave, each wave's start and end, the
/// problems its jobs ended with, and why the rollout stopped. Also hands each wave's engine to the
/// signal watcher, so that Ctrl-C stops the wave in flight.
final class RolloutPrinter: Sendable {
    private let signals: SignalWatcher
    private let annotations: Bool
    private let waveTimeout: WaitDuration
    private let progress = NIOLockedValueBox<ProgressReporter?>(nil)

    init(signals: SignalWatcher, annotations: Bool, waveTimeout: WaitDuration) {
        self.signals = signals
        self.annotations = annotations
        self.waveTimeout = waveTimeout
    }

    @Sendable func print(_ event: Rollout.Event) {
        switch event {
        case .waveStarted(let index, let waves, let jobs, let engine):
            if waves > 1 { Terminal.error("wave \(index + 1) of \(waves): \(jobs) jobs") }
            signals.onFirst { engine.stop() }
            progress.withLockedValue { $0 = ProgressReporter(total: jobs) }
        case .progress(let snapshot):
            progress.withLockedValue { $0 }?.update(snapshot)
        case .waveSubmitted:
            progress.withLockedValue { $0 }?.finish()
        case .polled(let statuses):
            StatusLines.printWaiting(statuses)
        case .waveSettled(_, let statuses):
            StatusLines.printProblems(statuses, annotations: annotations)
        case .waveDone(let index, let waves, let statuses, let failed, let budget):
            if waves > 1 {
                Terminal.error("wave \(index + 1) done: \(StatusSummary(statuses).text); \(failed) failures so far, \(budget) allowed")
            }
        case .stopped(let stop):
            switch stop {
            case .engineStopped:
                break
            case .cannotFollow(let wave, let error):
                Terminal.error("error: cannot follow wave \(wave + 1): \(error)")
            case .tooManyFailures(let wave, let failed, let budget):
                Terminal.error("stopped after wave \(wave + 1): \(failed) jobs failed, more than --max-failures allows (\(budget)); fix the cause and run apply again to continue")
            case .timedOut(let wave):
                Terminal.error("stopped after wave \(wave + 1): its jobs did not finish within --wave-timeout \(waveTimeout.text); run apply again to continue")
            }
        }
    }
}
