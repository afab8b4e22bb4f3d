import ArgumentParser
import Dispatch
import Foundation
import KFJobs
import KeyfactorWire

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
            if dryRun {
                let run = try await PlanningRun.make(
                    manifests: manifests, server: server, ledgerRecords: try planning.readLedger(), prune: planning.prune,
                    sandbox: sandbox.sandbox(ledger: planning.ledger, saves: false), now: Date(), resubmit: try planning.resubmitToken())
                await run.session.close()
                return try PlanOutput.emit(run, format: output, out: nil, maxJobs: planning.maxJobs, ledgerPath: planning.ledger)
            }
            try await apply()
        }
    }

    private func apply() async throws {
        let signals = SignalWatcher()
        let runId = RunIdentity.make()
        let opened: LedgerFile.Opened
        do {
            opened = try LedgerFile.open(path: planning.ledger, holder: RunIdentity.holder(runId: runId))
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 3)
        }
        defer { opened.file.close() }
        if let torn = opened.removedTornLine {
            Terminal.error("warning: \(planning.ledger): removed a torn last line (\(torn.utf8.count) bytes) left by an interrupted run")
        }

        let run = try await PlanningRun.make(
            manifests: manifests, server: server, ledgerRecords: opened.records, prune: planning.prune, concurrency: concurrency,
            sandbox: sandbox.sandbox(ledger: planning.ledger, saves: true), now: Date(), resubmit: try planning.resubmitToken())
        run.printer.print(run.loaded.diagnostics + run.plan.diagnostics)
        guard run.plan.errorCount == 0 else {
            Terminal.error(ErrorCount.summary(run.plan.diagnostics) + "; nothing was submitted")
            await run.session.close()
            throw ExitCode(1)
        }
        if let savedPlan {
            do {
                try SavedPlanCheck.verify(savedPlan, against: run)
            } catch {
                await run.session.close()
                throw error
            }
        }
        var jobs = run.plan.jobs
        if let shard { jobs = jobs.filter { shard.contains($0.key) } }
        let requests = jobs.filter(\.action.sendsRequest).count
        guard requests <= planning.maxJobs else {
            await run.session.close()
            throw CommandFailure(
                message: "the plan sends \(requests) requests, more than --max-jobs \(planning.maxJobs); review it with kfjobs plan, then raise --max-jobs to apply it",
                exitCode: 1)
        }

        let items = jobs.compactMap(SubmissionItem.init(planned:))
        do {
            try opened.file.append([RunIdentity.record(runId: runId, server: run.session.server, inputs: run.loaded.inputs)], durable: true)
        } catch {
            await run.session.close()
            throw CommandFailure(message: "\(error)", exitCode: 3)
        }
        let recordedJobIds = run.ledger.recordedJobIds(server: run.session.server)
        if waves.isActive {
            let code = await applyInWaves(
                items: items, planned: jobs, ledger: opened.file, runId: runId, session: run.session, signals: signals,
                recordedJobIds: recordedJobIds)
            await run.session.close()
            opened.file.close()
            throw ExitCode(code)
        }
        let engine = SubmissionEngine(
            items: items, ledger: opened.file, run: runId, server: run.session.server,
            settings: submissionSettings(requestTimeout: run.session.client.settings.timeout),
            transport: .keyfactor(run.session.client), recordedJobIds: recordedJobIds)
        signals.onFirst { engine.stop() }
        signals.onSecond { opened.file.close() }
        let progress = ProgressReporter(total: items.count)
        let report = await engine.run { progress.update($0) }
        progress.finish()
        await run.session.close()

        let skipped = jobs.filter { $0.action.kind == .skip }.count
        ApplyReportRenderer.print(report, skipped: skipped, runId: runId, ledger: planning.ledger, format: output)
        opened.file.close()
        throw ExitCode(ApplyExit.code(report, signal: signals.received))
    }
}

extension ApplyCommand {
    /// How hard to push, from the flags; a request may act on the server until its timeout has passed.
    func submissionSettings(requestTimeout: Double) -> SubmissionSettings {
        SubmissionSettings(
            concurrency: concurrency, ratePerSecond: rate, retries: retries,
            settleInterval: requestTimeout + 2, bulkSize: bulk.size)
    }
}

/// The exit code of an apply, in DESIGN.md's order: 130/143, 3, 2.
enum ApplyExit {
    static func code(_ report: SubmissionReport, signal: Int32?) -> Int32 {
        if let signal { return 128 + signal }
        if report.fatalError != nil || report.ledgerError != nil { return 3 }
        if report.hasJobFailures { return 2 }
        return 0
    }
}
