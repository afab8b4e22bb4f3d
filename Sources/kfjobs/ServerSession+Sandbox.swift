#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorSimulator

extension ServerSession {
    /// Starts the embedded simulator: from the sandbox's saved state when there is one and `--fresh`
    /// was not given, else empty. A state made on another fleet is refused (exit 64), naming `--fresh`.
    static func startSimulator(fleet: SimulatorFleet, sandbox: SimulatorSandbox?) async throws -> KeyfactorSimulator {
        guard let sandbox, !sandbox.fresh, let snapshot = try SimulatorStateFile.load(sandbox.statePath) else {
            return try await KeyfactorSimulator.start(fleet: fleet)
        }
        guard snapshot.fleetIdentity == fleet.identity else {
            throw CommandFailure(
                message: "the simulator state \(sandbox.statePath) was made with fleet '\(snapshot.fleetName)', not with this fleet '\(fleet.name)'; "
                    + "give the fleet it was made with, or run with --fresh to start the simulator empty on this one",
                exitCode: 64)
        }
        return try await KeyfactorSimulator.start(
            fleet: fleet, options: KeyfactorSimulator.Options(clock: snapshot.resumedClock(), restoring: snapshot))
    }

    /// Writes the embedded simulator's state back beside the ledger, when this command keeps it.
    /// A failure is said on stderr: the command's own work (the ledger) is done by then.
    func saveSandbox() {
        guard let sandbox, sandbox.saves, let simulator else { return }
        do {
            try SimulatorStateFile.save(simulator.snapshot(), to: sandbox.statePath)
        } catch {
            Terminal.error("error: \(error)")
        }
    }
}
