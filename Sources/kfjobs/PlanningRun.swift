import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs

/// What plan and apply share: manifests to instances, a server session, the planner, the exit codes
/// of their failures.
struct PlanningRun {
    var loaded: ManifestLoading.Result
    var printer: DiagnosticPrinter
    var session: ServerSession
    var plan: Plan
    /// The ledger the plan was made from.
    var ledger: LedgerState

    /// Loads, connects, plans and runs `body` with the result; the session is closed on every path.
    /// Exits 1 on manifest errors, 3 when the server is unusable.
    static func with<T>(
        manifests: ManifestOptions, server: ServerOptions, ledger: LedgerState, prune: Bool, concurrency: Int = 16,
        sandbox: SimulatorSandbox? = nil, now: Date, resubmit: ResubmitToken? = nil, _ body: (PlanningRun) async throws -> T
    ) async throws -> T {
        let (loaded, printer) = try manifests.load(now: now)
        return try await ServerSession.with(server, concurrency: concurrency, sandbox: sandbox) { session in
            let planner = Planner(server: session.server, now: now, ledger: ledger, prune: prune, resubmitToken: resubmit)
            let plan = try await planner.plan(loaded.instances, manifests: Set(loaded.manifests.map(\.name.value)), using: session.client)
            return try await body(PlanningRun(loaded: loaded, printer: printer, session: session, plan: plan, ledger: ledger))
        }
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning `CommandFailure`s into their message and exit code.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            Terminal.error(failure.message.hasPrefix("error:") ? failure.message : "error: " + failure.message)
            throw ExitCode(failure.exitCode)
        }
    }
}
