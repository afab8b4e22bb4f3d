import ArgumentParser
import Foundation
import KFJobs
import KeyfactorWire

/// `kfjobs unschedule --run RUN_ID | --key KEY...`: removes the still-scheduled jobs a run created (or
/// the chosen keys'), after listing them, and records each in the ledger as `unscheduled`.
struct UnscheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unschedule",
        abstract: "Remove a run's (or chosen keys') still-scheduled jobs and record it in the ledger.",
        discussion: """
            Lists the jobs first, then removes those still in ScheduledJobs through \
            POST /OrchestratorJobs/Unschedule; jobs that already ran are left alone and listed. Holds the \
            ledger's lock while it works. With --dry-run, only lists.
            """
    )

    @Option(name: .customLong("run"), help: ArgumentHelp("The run whose jobs to remove (see kfjobs ledger).", valueName: "run-id"))
    var runId: String?

    @Option(help: ArgumentHelp("A job key to remove (repeatable).", valueName: "key"))
    var key: [String] = []

    @Option(help: ArgumentHelp("The ledger to read and write.", valueName: "file"))
    var ledger = "kfjobs-ledger.jsonl"

    @OptionGroup var server: ServerOptions
    @OptionGroup var sandbox: SandboxOptions

    @Flag(name: .customLong("dry-run"), help: "Only list what would be removed.")
    var dryRun = false

    @Option(help: "text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        guard (runId == nil) != key.isEmpty else { throw ValidationError("give either --run or --key, not both") }
    }

    func run() async throws {
        try await reportingFailures {
            guard FileManager.default.fileExists(atPath: ledger) else {
                throw CommandFailure(message: "no such ledger: \(ledger)", exitCode: 1)
            }
            let newRun = RunIdentity.make()
            let opened: LedgerFile.Opened
            do {
                opened = try LedgerFile.open(path: ledger, holder: RunIdentity.holder(runId: newRun))
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: 3)
            }
            defer { opened.file.close() }
            let session = try await ServerSession.open(server, sandbox: sandbox.sandbox(ledger: ledger, saves: !dryRun)) { source in
                DiagnosticPrinter(sources: [source], environment: ProcessInfo.processInfo.environment)
            }
            do {
                try await unschedule(opened: opened, session: session, runId: newRun)
            } catch {
                await session.close()
                throw error
            }
            await session.close()
        }
    }

    private func unschedule(opened: LedgerFile.Opened, session: ServerSession, runId: String) async throws {
        let state = opened.state
        let chosen = try select(from: state, server: session.server)
        guard !chosen.isEmpty else {
            let which = self.runId.map { "from run " + $0 } ?? "for those keys"
            if output == .json { return printJSON(run: nil, removed: [], gone: []) }
            Terminal.output("nothing to unschedule: no live jobs \(which) on \(session.server)\n")
            return
        }
        let stillScheduled: Set<String>
        do {
            var found = Set<String>()
            for query in StatusQuery.batches(field: "Id", ids: chosen.map { $0.jobId.lowercased() }) {
                for job in try await session.client.listScheduledJobs(query: query, pageSize: 200) { found.insert(job.id.lowercased()) }
            }
            stillScheduled = found
        } catch {
            throw PlanningRun.serverFailure(error)
        }
        let removable = chosen.filter { stillScheduled.contains($0.jobId.lowercased()) }
        let gone = chosen.filter { !stillScheduled.contains($0.jobId.lowercased()) }
        if output == .text {
            Terminal.output((dryRun ? "would unschedule" : "unscheduling") + " \(removable.count) jobs:\n" + PlanTextRenderer.table(
                header: ["KEY", "ORCHESTRATOR", "JOB TYPE", "JOB ID"],
                rows: removable.map { [$0.key, $0.clientMachine ?? "-", $0.jobTypeName ?? "-", $0.jobId] }))
        }
        for item in gone {
            Terminal.error("not scheduled any more (it ran, or was removed): \(item.key) \(item.jobId)")
        }
        guard !dryRun, !removable.isEmpty else {
            if output == .json { printJSON(run: nil, removed: removable, gone: gone) }
            return
        }

        do {
            try opened.file.append([RunIdentity.record(runId: runId, server: session.server, inputs: [])], durable: true)
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 3)
        }
        // The body has no query-string limit, but a bounded batch keeps each request small.
        for batch in stride(from: 0, to: removable.count, by: 500).map({ Array(removable[$0..<min($0 + 500, removable.count)]) }) {
            let started = Date()
            do {
                try await session.client.unschedule(.jobIds(batch.map(\.jobId)))
            } catch {
                throw PlanningRun.serverFailure(error)
            }
            let records = batch.map { job in
                let at = Date()
                let outcome = JobOutcome(
                    .unscheduled, job.identity, at: at, attempts: 1, durationMs: Int(Date().timeIntervalSince(started) * 1000), jobId: job.jobId)
                return LedgerRecord(outcome: outcome, run: runId, server: session.server)
            }
            do {
                try opened.file.append(records, durable: true)
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: 3)
            }
        }
        if output == .json { return printJSON(run: runId, removed: removable, gone: gone) }
        Terminal.output("unscheduled \(removable.count) jobs; \(gone.count) were no longer scheduled\nrun \(runId), ledger \(ledger)\n")
    }

    /// The result as `schemas/kfjobs-unschedule.schema.json` describes it.
    private func printJSON(run: String?, removed: [TrackedJob], gone: [TrackedJob]) {
        struct Job: Encodable {
            var key: String
            var jobId: String
            var clientMachine: String?
            var jobTypeName: String?
        }
        struct Document: Encodable {
            var run: String?
            var dryRun: Bool
            var ledger: String
            var unscheduled: [Job]
            var notScheduled: [Job]
        }
        let job = { (item: TrackedJob) in Job(key: item.key, jobId: item.jobId, clientMachine: item.clientMachine, jobTypeName: item.jobTypeName) }
        let document = Document(run: run, dryRun: dryRun, ledger: ledger, unscheduled: removed.map(job), notScheduled: gone.map(job))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(document) { Terminal.output(String(decoding: data, as: UTF8.self) + "\n") }
    }

    /// The live jobs of the run, or of the keys; an unknown run or key is an error (exit 1).
    private func select(from state: LedgerState, server: String) throws -> [TrackedJob] {
        let live = TrackedJob.live(in: state, server: server)
        if let wanted = runId {
            guard state.runs.contains(where: { $0.run == wanted }) else {
                throw CommandFailure(message: "no run \(wanted) in \(ledger)", exitCode: 1)
            }
            return live.filter { $0.run == wanted }
        }
        var chosen: [TrackedJob] = []
        for wanted in key {
            guard let job = live.first(where: { $0.key == wanted }) else {
                throw CommandFailure(message: "no live job for key \(wanted) in \(ledger)", exitCode: 1)
            }
            chosen.append(job)
        }
        return chosen
    }
}
