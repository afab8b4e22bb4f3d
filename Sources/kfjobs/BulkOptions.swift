import ArgumentParser

/// `--bulk` and `--bulk-size`: identical jobs for many agents as `POST /OrchestratorJobs/Custom/Bulk` calls.
struct BulkOptions: ParsableArguments {
    @Flag(help: "Send identical jobs (same job type, schedule and fields) for many agents as bulk requests.")
    var bulk = false

    @Option(name: .customLong("bulk-size"), help: ArgumentHelp("Orchestrators per bulk request at most.", valueName: "n"))
    var bulkSize = 100

    func validate() throws {
        guard bulkSize >= 1 else { throw ValidationError("--bulk-size must be at least 1") }
    }

    /// The engine's setting: the group size in bulk mode, `nil` otherwise.
    var size: Int? { bulk ? bulkSize : nil }
}
