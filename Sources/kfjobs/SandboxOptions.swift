import ArgumentParser

/// `--fresh`, for the commands whose `--simulate` keeps the simulator's state beside the ledger.
struct SandboxOptions: ParsableArguments {
    @Flag(help: "With --simulate: start the simulator empty instead of from its saved state beside the ledger.")
    var fresh = false

    /// The sandbox of `ledger`; `saves` when the command holds the ledger's lock and may change the state.
    func sandbox(ledger: String, saves: Bool) -> SimulatorSandbox {
        SimulatorSandbox(statePath: SimulatorStateFile.path(forLedger: ledger), fresh: fresh, saves: saves)
    }
}

/// Where an embedded simulator's state is kept between commands, and whether this one writes it back.
struct SimulatorSandbox {
    var statePath: String
    /// Start empty whatever the file holds (it is replaced when the command saves).
    var fresh: Bool
    /// Only commands holding the ledger's lock save: plan reads the state and leaves it as it was.
    var saves: Bool
}
