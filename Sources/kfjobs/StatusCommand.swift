import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs
import KeyfactorWire

/// `kfjobs status`: the server's state of every job the ledgers hold, optionally waiting for them.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the server's state of the ledger's jobs; --wait polls until they finish.",
        discussion: """
            Reads the ledgers (give --ledger more than once for shards) and looks up every live JobId in \
            batched queries, ScheduledJobs then JobHistory. Exit 0 when every job succeeded (recurring jobs \
            count when scheduled), 2 when any failed, warned or is unknown, 3 when the server cannot be used, \
            4 when --wait timed out first.
            """
    )

    @OptionGroup var ledgers: LedgerInputOptions

    @OptionGroup var server: ServerOptions
    @OptionGroup var sandbox: SandboxOptions

    @Flag(help: "Poll with backoff until every immediate or once job has finished.")
    var wait = false

    @Option(name: .customLong("wait-timeout"), help: ArgumentHelp("The longest --wait waits, e.g. 90s, 10m, 1h.", valueName: "duration"))
    var waitTimeout: WaitDuration = WaitDuration(seconds: 600)

    @Option(name: .customLong("fetch-logs"), help: ArgumentHelp(
        "Save the JobStatus/Data of completed FetchLogs jobs here, as <clientMachine>.log.", valueName: "dir"))
    var fetchLogs: String?

    @Option(help: ArgumentHelp("Also write a JUnit XML report to this file.", valueName: "file"))
    var junit: String?

    @Flag(name: .customLong("github-annotations"), help: "Print GitHub annotations for failed jobs (on by default when GITHUB_ACTIONS=true).")
    var githubAnnotations = false

    @Option(help: "text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let state = try ledgers.state()
            // The simulator's state is kept beside the (first) ledger, under its lock.
            let ledgerPath = ledgers.paths[0]
            // Only the lock: the ledger was read above.
            let lock = try server.usesSimulator ? LedgerFiles.open(ledgerPath, runId: RunIdentity.make(), readsState: false).file : nil
            defer { lock?.close() }
            let exitCode = try await ServerSession.with(server, sandbox: sandbox.sandbox(ledger: ledgerPath, saves: true)) { session in
                try await report(state: state, session: session)
            }
            throw ExitCode(exitCode)
        }
    }

    private func report(state: LedgerState, session: ServerSession) async throws -> Int32 {
        let jobs = TrackedJob.live(in: state, server: session.server)
        let elsewhere = TrackedJob.live(in: state).count - jobs.count
        if elsewhere > 0 {
            Terminal.error("note: \(elsewhere) jobs in the ledger belong to another server than \(session.server); not looked up")
        }
        let resolver = StatusResolver(reads: session.client)
        let statuses: [JobStatus]
        let timedOut: Bool
        if wait {
            let waiter = StatusWaiter(resolver: resolver, settings: .init(timeout: waitTimeout.seconds))
            let result = try await waiter.wait(for: jobs) { StatusLines.printWaiting($0) }
            (statuses, timedOut) = (result.statuses, result.timedOut)
        } else {
            (statuses, timedOut) = (try await resolver.resolve(jobs), false)
        }
        if let fetchLogs {
            let logs = try await resolver.fetchLogs(statuses)
            try Self.write(logs, to: fetchLogs)
            Terminal.error("saved \(logs.count) logs in \(fetchLogs)")
        }
        let summary = StatusSummary(statuses, timedOut: timedOut)
        StatusLines.printProblems(statuses, annotations: githubAnnotations)
        if timedOut {
            let pending = statuses.filter { !$0.isSettled }.count
            Terminal.error("timed out after \(waitTimeout.text): \(pending) jobs have not finished")
        }
        switch output {
        case .json: Terminal.output(StatusDocument(statuses, timedOut: timedOut).encoded() + "\n")
        case .text: Terminal.output(Self.table(statuses) + "status: \(summary.text)\n")
        }
        if let junit { try JUnitFile.write(.status(statuses), to: junit) }
        return summary.exitCode
    }

    static func table(_ statuses: [JobStatus]) -> String {
        guard !statuses.isEmpty else { return "the ledgers hold no live jobs\n" }
        return PlanTextRenderer.table(
            header: ["KEY", "ORCHESTRATOR", "JOB TYPE", "STATE", "MESSAGE"],
            rows: statuses.map { status in
                [status.job.key, status.job.clientMachine ?? "-", status.job.jobTypeName ?? "-",
                 status.state.rawValue + (status.recurring ? " (recurring)" : ""), status.message ?? ""]
            })
    }

    /// One file per orchestrator; several runs on one orchestrator go into its file one after another.
    static func write(_ logs: [FetchedLog], to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (machine, group) in Dictionary(grouping: logs, by: \.clientMachine) {
                let text = group.count == 1 ? group[0].data : group.map { "# job \($0.jobId)\n" + $0.data }.joined(separator: "\n")
                let name = machine.map { $0 == "/" || $0 == "\\" || $0 == "\0" ? "_" : $0 }
                let path = URL(fileURLWithPath: directory).appendingPathComponent(String(name) + ".log")
                try Data(text.utf8).write(to: path)
            }
        } catch {
            throw CommandFailure(message: "cannot write logs to \(directory): \(ErrorReason.of(error))", exitCode: 3)
        }
    }
}

/// A duration on the command line (`DurationText`: `90s`, `10m`, `1h30m`, `500ms`, or plain seconds),
/// above zero.
struct WaitDuration: ExpressibleByArgument, Hashable, Sendable {
    var seconds: TimeInterval
    var text: String

    var defaultValueDescription: String { text }

    init(seconds: TimeInterval) {
        self.seconds = seconds
        self.text = seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(Int(seconds))s"
    }

    init?(argument: String) {
        guard let seconds = DurationText.seconds(argument), seconds > 0 else { return nil }
        self.seconds = seconds
        self.text = argument
    }
}
