import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs

/// `kfjobs apply PATH...`: plan, then submit every job concurrently and record each outcome.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Plan, then submit the jobs and write the ledger of JobIds.",
        discussion: """
            Stops before sending anything if the plan has an error (exit 1). Re-running resumes: jobs the \
            ledger records as submitted with the same fingerprint are skipped, and uncertain ones are looked \
            up on the server before anything is sent again.
            """
    )

    @OptionGroup var manifests: ManifestOptions
    @OptionGroup var server: ServerOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var waves: WaveOptions
    @OptionGroup var bulk: BulkOptions
    @OptionGroup var sandbox: SandboxOptions

    @Option(help: ArgumentHelp("Requests in flight at most.", valueName: "n"))
    var concurrency = 16

    @Option(help: ArgumentHelp("Requests started per second at most (default: unlimited).", valueName: "n"))
    var rate: Double?

    @Option(help: ArgumentHelp("Retries of a request that certainly created nothing (429, 503, no connection).", valueName: "n"))
    var retries = 5

    @Option(help: ArgumentHelp("Only this shard of the plan: K/N, K from 1; a key's shard is stable as the plan changes.", valueName: "K/N"))
    var shard: Shard?

    @Flag(name: .customLong("dry-run"), help: "Only plan (the same as kfjobs plan).")
    var dryRun = false

    @Option(name: .customLong("plan"), help: ArgumentHelp(
        "Submit exactly this saved plan (from plan --out); refused if the manifests, the server or the plan's jobs changed since.",
        valueName: "file"))
    var savedPlan: String?

    @Option(help: "text or json (the final report).")
    var output: OutputFormat = .text

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be a number of requests per second above 0") }
    }

    func run() async throws {
        try await reportingFailures {
            guard !dryRun else {
                return try await PlanningRun.with(
                    manifests: manifests, server: server, ledger: try LedgerFiles.state(ifPresent: planning.ledger),
                    prune: planning.prune, sandbox: sandbox.sandbox(ledger: planning.ledger, saves: false), now: Date(),
                    resubmit: try planning.resubmitToken()
                ) { run in
                    try PlanOutput.emit(run, format: output, out: nil, maxJobs: planning.maxJobs, ledgerPath: planning.ledger)
                }
            }
            let signals = SignalWatcher()
            let runId = RunIdentity.make()
            let opened = try LedgerFiles.open(planning.ledger, runId: runId)
            defer { opened.file.close() }
            if let torn = opened.removedTornLine {
                Terminal.error("warning: \(planning.ledger): removed a torn last line (\(torn.utf8.count) bytes) left by an interrupted run")
            }
            let code = try await PlanningRun.with(
                manifests: manifests, server: server, ledger: opened.state, prune: planning.prune, concurrency: concurrency,
                sandbox: sandbox.sandbox(ledger: planning.ledger, saves: true), now: Date(), resubmit: try planning.resubmitToken()
            ) { run in
                try await submit(run, ledger: opened.file, runId: runId, signals: signals)
            }
            // The session (and so the sandbox's save) is closed by now.
            throw ExitCode(ApplyExit.sandboxChecked(code))
        }
    }

    /// Checks the plan, records the run, submits in waves (one wave without --wave), prints the
    /// report; returns the exit code.
    private func submit(_ run: PlanningRun, ledger: LedgerFile, runId: String, signals: SignalWatcher) async throws -> Int32 {
        run.printer.print(run.loaded.diagnostics + run.plan.diagnostics)
        guard run.plan.errorCount == 0 else {
            Terminal.error(ErrorCount.summary(run.plan.diagnostics) + "; nothing was submitted")
            throw ExitCode(1)
        }
        // Hashed once here: the saved plan's check and the run record both need the digests.
        let inputs = run.loaded.inputs
        if let savedPlan { try SavedPlanCheck.verify(savedPlan, against: run, inputs: inputs) }
        let prepared: ApplyPreparation
        do {
            prepared = try ApplyPreparation(plan: run.plan, shard: shard, maxJobs: planning.maxJobs)
        } catch {
            throw CommandFailure(message: error.description, exitCode: 1)
        }
        if let sandbox = run.session.sandbox, sandbox.saves, run.session.simulator != nil, !prepared.items.isEmpty {
            // Before any job is created: a disk too full to keep the sandbox's state stops the run here.
            try SimulatorStateFile.reserve(sandbox.statePath, jobs: prepared.items.count)
        }
        try LedgerFiles.append([RunIdentity.record(runId: runId, server: run.session.server, inputs: inputs)], to: ledger)

        let session = run.session
        let settings = submissionSettings(requestTimeout: session.client.settings.timeout)
        let printer = RolloutPrinter(signals: signals, annotations: manifests.githubAnnotations, waveTimeout: waves.waveTimeout)
        signals.onSecond { ledger.close() }
        let result = await waves.rollout.run(
            prepared.items, server: session.server, runId: runId, resolver: StatusResolver(reads: session.client),
            recordedJobIds: run.ledger.recordedJobIds(server: session.server),
            makeEngine: { batch, recorded in
                SubmissionEngine(
                    items: batch, ledger: ledger, run: runId, server: session.server, settings: settings,
                    transport: .keyfactor(session.client), recordedJobIds: recorded)
            },
            stopRequested: { signals.received != nil }, onEvent: printer.print)

        ApplyReportRenderer.print(result.report, skipped: prepared.skipped, runId: runId, ledger: planning.ledger, format: output)
        var code = ApplyExit.code(result, signal: signals.received)
        if let junit = waves.junit {
            do {
                try JUnitFile.write(.apply(planned: prepared.planned, outcomes: result.report.outcomes, states: result.states), to: junit)
            } catch {
                Terminal.error("error: \(error)")
                code = max(code, 3)
            }
        }
        return code
    }

    /// How hard to push, from the flags; a request may act on the server until its timeout has passed.
    func submissionSettings(requestTimeout: Double) -> SubmissionSettings {
        SubmissionSettings(
            concurrency: concurrency, ratePerSecond: rate, retries: retries,
            settleInterval: requestTimeout + 2, bulkSize: bulk.size)
    }
}

/// The exit code of an apply, in DESIGN.md's order: 130/143, 3, 2, 4.
enum ApplyExit {
    /// 3 instead when the sandbox could not keep its state (it said why on stderr); 130/143 stay.
    static func sandboxChecked(_ code: Int32) -> Int32 {
        guard code < 128, SimulatorStateFile.saveFailed.load(ordering: .relaxed) else { return code }
        return 3
    }

    static func code(_ result: Rollout.Result, signal: Int32?) -> Int32 {
        if let signal { return 128 + signal }
        let report = result.report
        if report.fatalError != nil || report.ledgerError != nil { return 3 }
        switch result.stop {
        case .cannotFollow?: return 3
        case .tooManyFailures?: return 2
        case .timedOut?: return 4
        case .engineStopped?, nil: break
        }
        // Failures within the --max-failures budget let the rollout go on, but they are still failures.
        if report.hasJobFailures || result.states.values.contains(where: \.state.isProblem) { return 2 }
        return 0
    }
}
