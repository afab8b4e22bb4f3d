import ArgumentParser
import Foundation
import KFJobs
import KeyfactorAPI
import YAMLTree

/// What plan and apply share: manifests to instances, a server session, the planner, the exit codes
/// of their failures.
struct PlanningRun {
    var loaded: ManifestLoading.Result
    var printer: DiagnosticPrinter
    var session: ServerSession
    var plan: Plan
    /// The ledger the plan was made from.
    var ledger: LedgerState

    /// Loads, connects and plans. Exits 1 on manifest errors, 3 when the server is unusable.
    static func make(
        manifests: ManifestOptions, server: ServerOptions, ledgerRecords: [LedgerRecord], prune: Bool, concurrency: Int = 16,
        sandbox: SimulatorSandbox? = nil, now: Date, resubmit: ResubmitToken? = nil
    ) async throws -> PlanningRun {
        let (loaded, printer) = try manifests.load(now: now)
        let session = try await ServerSession.open(server, concurrency: concurrency, sandbox: sandbox) { source in
            DiagnosticPrinter(sources: [source], environment: ProcessInfo.processInfo.environment)
        }
        do {
            let ledger = LedgerState(records: ledgerRecords)
            let planner = Planner(server: session.server, now: now, ledger: ledger, prune: prune, resubmitToken: resubmit)
            let plan = try await planner.plan(loaded.instances, manifests: Set(loaded.manifests.map(\.name.value)), using: session.client)
            return PlanningRun(loaded: loaded, printer: printer, session: session, plan: plan, ledger: ledger)
        } catch {
            await session.close()
            throw Self.serverFailure(error)
        }
    }

    /// A client error as the one-line failure it is (exit 3: unreachable, refused credentials or permission).
    static func serverFailure(_ error: any Error) -> CommandFailure {
        if let error = error as? CommandFailure { return error }
        return CommandFailure(message: "error: \(error)", exitCode: 3)
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
