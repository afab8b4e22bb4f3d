import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
    var ledger = LedgerFiles.defaultPath

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
            try LedgerFiles.requireExisting(ledger)
            let newRun = RunIdentity.make()
            let opened = try LedgerFiles.open(ledger, runId: newRun)
            defer { opened.file.close() }
            try await ServerSession.with(server, sandbox: sandbox.sandbox(ledger: ledger, saves: !dryRun)) { session in
                try await unschedule(opened: opened, session: session, runId: newRun)
            }
        }
    }

    private func unschedule(opened: LedgerFile.Opened, session: ServerSession, runId: String) async throws {
        let unscheduler = Unscheduler(server: session.server)
        let chosen: [TrackedJob]
        do throws(Unscheduler.SelectionProblem) {
            let selection = self.runId.map(Unscheduler.Selection.run) ?? .keys(key)
            chosen = try unscheduler.select(selection, from: opened.state)
        } catch .noSuchRun(let wanted) {
            throw CommandFailure(message: "no run \(wanted) in \(ledger)", exitCode: 1)
        } catch .noLiveJob(let wanted) {
            throw CommandFailure(message: "no live job for key \(wanted) in \(ledger)", exitCode: 1)
        }
        guard !chosen.isEmpty else {
            let which = self.runId.map { "from run " + $0 } ?? "for those keys"
            if output == .json { return printJSON(run: nil, removed: [], gone: []) }
            Terminal.output("nothing to unschedule: no live jobs \(which) on \(session.server)\n")
            return
        }
        let found = try await unscheduler.find(chosen, reads: session.client)
        if output == .text {
            Terminal.output((dryRun ? "would unschedule" : "unscheduling") + " \(found.removable.count) jobs:\n" + PlanTextRenderer.table(
                header: ["KEY", "ORCHESTRATOR", "JOB TYPE", "JOB ID"],
                rows: found.removable.map { [$0.key, $0.clientMachine ?? "-", $0.jobTypeName ?? "-", $0.jobId] }))
        }
        for item in found.gone {
            Terminal.error("not scheduled any more (it ran, or was removed): \(item.key) \(item.jobId)")
        }
        guard !dryRun, !found.removable.isEmpty else {
            if output == .json { printJSON(run: nil, removed: found.removable, gone: found.gone) }
            return
        }
        try LedgerFiles.append([RunIdentity.record(runId: runId, server: session.server, inputs: [])], to: opened.file)
        try await unscheduler.remove(found.removable, runId: runId, client: session.client, ledger: opened.file)
        if output == .json { return printJSON(run: runId, removed: found.removable, gone: found.gone) }
        Terminal.output("unscheduled \(found.removable.count) jobs; \(found.gone.count) were no longer scheduled\nrun \(runId), ledger \(ledger)\n")
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
}
