import ArgumentParser
import Foundation
import KFJobs

/// The rollout options of apply: waves, the failure budget, the wait per wave, a JUnit report.
struct WaveOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Submit at most this many jobs (N, or P% of the plan) per wave, wait for them, then go on.", valueName: "N|P%"))
    var wave: Amount?

    @Option(name: .customLong("max-failures"), help: ArgumentHelp(
        "With --wave: stop (exit 2) once more jobs than this (N, or P% of those sent so far) failed or warned.",
        valueName: "N|P%"))
    var maxFailures: Amount = .count(0)

    @Option(name: .customLong("wave-timeout"), help: ArgumentHelp("With --wave: the longest one wave is waited for, e.g. 10m.", valueName: "duration"))
    var waveTimeout: WaitDuration = WaitDuration(seconds: 600)

    @Option(help: ArgumentHelp("Also write a JUnit XML report (one test case per job) to this file.", valueName: "file"))
    var junit: String?

    /// Whether apply goes through the rollout path rather than one plain submission.
    var isActive: Bool { wave != nil || junit != nil }

    /// `N` or `P%`.
    enum Amount: ExpressibleByArgument, Hashable, Sendable {
        case count(Int)
        case percent(Double)

        init?(argument: String) {
            if argument.hasSuffix("%") {
                guard let value = Double(argument.dropLast()), value > 0, value <= 100 else { return nil }
                self = .percent(value)
            } else {
                guard let value = Int(argument), value >= 0 else { return nil }
                self = .count(value)
            }
        }

        var defaultValueDescription: String {
            switch self {
            case .count(let count): String(count)
            case .percent(let percent): "\(percent)%"
            }
        }

        /// The amount out of `total`: a percentage rounds up, so `1%` of anything is at least one.
        func of(_ total: Int) -> Int {
            switch self {
            case .count(let count): count
            case .percent(let percent): Int((Double(total) * percent / 100).rounded(.up))
            }
        }
    }

    func validate() throws {
        if case .count(let size) = wave, size < 1 { throw ValidationError("--wave must be at least 1 job or a percentage") }
    }
}

extension ApplyCommand {
    /// Submits `items` in waves (one wave of everything without --wave), waits for each wave's jobs as
    /// `status --wait` does, stops once failures exceed --max-failures, writes the JUnit report; returns
    /// the exit code. Re-running apply continues: the ledger holds what earlier waves submitted.
    func applyInWaves(
        items: [SubmissionItem], planned: [Plan.Job], ledger: LedgerFile, runId: String, session: ServerSession, signals: SignalWatcher,
        recordedJobIds: Set<String>
    ) async -> Int32 {
        let size = max(waves.wave?.of(items.count) ?? items.count, 1)
        // At least one (possibly empty) wave, so that the report always comes from an engine.
        let batches = items.isEmpty ? [[]] : stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
        let resolver = StatusResolver(source: .keyfactor(session.client))
        var outcomes: [String: JobOutcome] = [:]
        var states: [String: JobStatus] = [:]
        var combined: SubmissionReport?
        var notStarted = 0
        var exitCode: Int32 = 0
        var sent = 0
        signals.onSecond { ledger.close() }

        for (index, batch) in batches.enumerated() {
            if signals.received != nil || exitCode != 0 {
                notStarted += batch.count
                continue
            }
            if batches.count > 1 { Terminal.error("wave \(index + 1) of \(batches.count): \(batch.count) jobs") }
            let engine = SubmissionEngine(
                items: batch, ledger: ledger, run: runId, server: session.server,
                settings: submissionSettings(requestTimeout: session.client.settings.timeout),
                transport: .keyfactor(session.client),
                recordedJobIds: recordedJobIds.union(outcomes.values.compactMap { $0.jobId?.lowercased() }))
            signals.onFirst { engine.stop() }
            let progress = ProgressReporter(total: batch.count)
            let report = await engine.run { progress.update($0) }
            progress.finish()
            outcomes.merge(report.outcomes) { $1 }
            if var merged = combined {
                merged.outcomes.merge(report.outcomes) { $1 }
                merged.notStarted += report.notStarted
                merged.fatalError = merged.fatalError ?? report.fatalError
                merged.ledgerError = merged.ledgerError ?? report.ledgerError
                merged.stopped = merged.stopped || report.stopped
                combined = merged
            } else {
                combined = report
            }
            sent += batch.count
            let code = ApplyExit.code(report, signal: signals.received)
            if code == 3 || code >= 128 {
                exitCode = code
                continue
            }
            guard waves.wave != nil else { continue }

            // Wait for what this wave created, then weigh every failure of the run so far.
            let created = report.outcomes.values.compactMap { outcome -> TrackedJob? in
                guard outcome.kind.isLive, let jobId = outcome.jobId else { return nil }
                return TrackedJob(identity: outcome.identity, server: session.server, jobId: jobId, run: runId, outcome: outcome.kind)
            }.sorted { $0.key < $1.key }
            let waited: StatusWaiter.Result
            do {
                waited = try await StatusCommand.waitFor(created, resolver: resolver, timeout: waves.waveTimeout.seconds)
            } catch {
                Terminal.error("error: cannot follow wave \(index + 1): \(error)")
                exitCode = 3
                continue
            }
            for status in waited.statuses { states[status.job.key] = status }
            StatusCommand.printProblems(waited.statuses, annotations: manifests.githubAnnotations)
            let failed = outcomes.values.filter(\.kind.isFailure).count
                + states.values.filter { $0.state == .failed || $0.state == .warning }.count
            let budget = waves.maxFailures.of(sent)
            if failed > budget {
                Terminal.error("stopped after wave \(index + 1): \(failed) jobs failed, more than --max-failures allows (\(budget)); fix the cause and run apply again to continue")
                exitCode = 2
            } else if waited.timedOut {
                Terminal.error("stopped after wave \(index + 1): its jobs did not finish within --wave-timeout \(waves.waveTimeout.text); run apply again to continue")
                exitCode = 4
            } else if batches.count > 1 {
                Terminal.error("wave \(index + 1) done: \(StatusSummary(waited.statuses).text); \(failed) failures so far, \(budget) allowed")
            }
        }

        // Failures within the budget let the rollout go on, but they are still failures.
        if exitCode == 0, states.values.contains(where: { $0.state.isProblem }) { exitCode = 2 }
        let skipped = planned.filter { $0.action.kind == .skip }.count
        // The first wave always runs (nothing can have stopped it yet), so there is a report.
        guard var report = combined else { return 3 }
        report.notStarted += notStarted
        ApplyReportRenderer.print(report, skipped: skipped, runId: runId, ledger: planning.ledger, format: output)
        if let junit = waves.junit {
            do {
                try JUnitFile.write(.apply(planned: planned, outcomes: outcomes, states: states), to: junit)
            } catch {
                Terminal.error("error: \(error)")
                exitCode = max(exitCode, 3)
            }
        }
        if exitCode != 0 { return exitCode }
        return ApplyExit.code(report, signal: signals.received)
    }
}
