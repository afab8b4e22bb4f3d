import ArgumentParser
import Foundation
import KFJobs

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

    @Option(help: ArgumentHelp("A ledger to read (repeatable; default kfjobs-ledger.jsonl).", valueName: "file"))
    var ledger: [String] = []

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
            let state = try Self.readLedgers(ledger)
            // The simulator's state is kept beside the (first) ledger, under its lock.
            let ledgerPath = ledger.first ?? "kfjobs-ledger.jsonl"
            let lock = try server.usesSimulator ? StatusCommand.lockSandbox(ledger: ledgerPath) : nil
            defer { lock?.close() }
            let session = try await ServerSession.open(server, sandbox: sandbox.sandbox(ledger: ledgerPath, saves: true)) { source in
                DiagnosticPrinter(sources: [source], environment: ProcessInfo.processInfo.environment)
            }
            let exitCode: Int32
            do {
                exitCode = try await report(state: state, session: session)
            } catch {
                await session.close()
                throw error
            }
            await session.close()
            throw ExitCode(exitCode)
        }
    }

    private func report(state: LedgerState, session: ServerSession) async throws -> Int32 {
        let jobs = TrackedJob.live(in: state, server: session.server)
        let elsewhere = TrackedJob.live(in: state).count - jobs.count
        if elsewhere > 0 {
            Terminal.error("note: \(elsewhere) jobs in the ledger belong to another server than \(session.server); not looked up")
        }
        let resolver = StatusResolver(source: .keyfactor(session.client))
        let statuses: [JobStatus]
        let timedOut: Bool
        do {
            if wait {
                let result = try await Self.waitFor(jobs, resolver: resolver, timeout: waitTimeout.seconds)
                (statuses, timedOut) = (result.statuses, result.timedOut)
            } else {
                (statuses, timedOut) = (try await resolver.resolve(jobs), false)
            }
        } catch {
            throw PlanningRun.serverFailure(error)
        }
        if let fetchLogs {
            do {
                let logs = try await resolver.fetchLogs(statuses)
                try Self.write(logs, to: fetchLogs)
                Terminal.error("saved \(logs.count) logs in \(fetchLogs)")
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw PlanningRun.serverFailure(error)
            }
        }
        let summary = StatusSummary(statuses, timedOut: timedOut)
        Self.printProblems(statuses, annotations: githubAnnotations)
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

    /// Waits as `--wait` does, with a progress line on stderr at every poll.
    static func waitFor(_ jobs: [TrackedJob], resolver: StatusResolver, timeout: TimeInterval) async throws -> StatusWaiter.Result {
        let waiter = StatusWaiter(resolver: resolver, settings: .init(timeout: timeout))
        return try await waiter.wait(for: jobs) { statuses in
            let pending = statuses.filter { !$0.isSettled }.count
            guard pending > 0 else { return }
            Terminal.error("waiting for \(pending) of \(statuses.count) jobs: \(StatusSummary(statuses).text)")
        }
    }

    /// Each failed, warned or unknown job with its message on stderr; as GitHub annotations too when asked.
    static func printProblems(_ statuses: [JobStatus], annotations: Bool) {
        let annotate = annotations || ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true"
        for status in statuses where status.state.isProblem {
            let machine = status.job.clientMachine.map { " on \($0)" } ?? ""
            let line = "\(status.state.rawValue): \(status.job.key)\(machine): \(status.message ?? "no message")"
            Terminal.error(line)
            if annotate {
                let command = status.state == .warning ? "warning" : "error"
                Terminal.error("::\(command) title=kfjobs \(status.state.rawValue)::\(annotationEscape(line))")
            }
        }
    }

    static func annotationEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
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

    /// Every ledger's records; the default ledger when none is named. Missing is exit 1, unusable exit 3.
    static func readLedgers(_ paths: [String]) throws -> LedgerState {
        var state = LedgerState()
        for path in paths.isEmpty ? ["kfjobs-ledger.jsonl"] : paths {
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure(message: "no such ledger: \(path)", exitCode: 1)
            }
            do {
                try LedgerReader.read(path: path, into: &state)
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: 3)
            }
        }
        return state
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
            throw CommandFailure(message: "cannot write logs to \(directory): \(error.localizedDescription)", exitCode: 3)
        }
    }
}

/// A duration on the command line: `90s`, `10m`, `1h`, `1h30m`, or plain seconds.
struct WaitDuration: ExpressibleByArgument, Hashable, Sendable {
    var seconds: TimeInterval
    var text: String

    var defaultValueDescription: String { text }

    init(seconds: TimeInterval) {
        self.seconds = seconds
        self.text = seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(Int(seconds))s"
    }

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var total = 0.0
        var digits = ""
        for character in argument {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits) {
                total += value * unit
                digits = ""
            } else {
                return nil
            }
        }
        if !digits.isEmpty {
            // Bare seconds only when the whole argument is a number.
            guard digits == argument, let value = Double(digits) else { return nil }
            total = value
        }
        guard total > 0 else { return nil }
        self.seconds = total
        self.text = argument
    }
}

extension StatusCommand {
    /// Holds the ledger's lock while `--simulate` reads and writes the simulator's state beside it.
    static func lockSandbox(ledger: String) throws -> LedgerFile {
        do {
            // Only the lock: the ledger was read already.
            return try LedgerFile.open(path: ledger, holder: RunIdentity.holder(runId: RunIdentity.make()), readsState: false).file
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 3)
        }
    }
}
