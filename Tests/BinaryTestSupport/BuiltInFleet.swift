import KeyfactorSimulator

/// Facts of the built-in fleet that the end-to-end tests expect, worked out from the fleet itself.
public enum BuiltInFleet {
    /// The orchestrators `examples/fetch-logs.yaml` selects in the built-in fleet (approved, with
    /// LOGS): the jobs one apply of it makes, the rows its status shows, the tests of its JUnit report.
    public static let logAgents = SimulatorFleet.builtInDefault().agents
        .filter { $0.isApproved && $0.capabilities.contains("LOGS") }.count
}
