extension JUnitReport {
    /// A report of job states: succeeded passes; failed and warning fail with the server's message;
    /// unknown is an error; jobs still waiting are skipped; recurring jobs pass (they are scheduled).
    public static func status(_ statuses: [JobStatus], suiteName: String = "kfjobs status") -> JUnitReport {
        JUnitReport(suiteName: suiteName, cases: statuses.map { status in
            let verdict: TestCase.Verdict
            switch status.state {
            case .succeeded: verdict = .passed
            case .failed: verdict = .failure(type: "failed", message: status.message ?? "the job failed")
            case .warning: verdict = .failure(type: "warning", message: status.message ?? "the job completed with a warning")
            case .unknown: verdict = .error(type: "unknown", message: status.message ?? "the job was not found on the server")
            case .scheduled where status.recurring: verdict = .passed
            case .scheduled, .waiting, .inProcess: verdict = .skipped(message: "still \(status.state.rawValue) when the report was written")
            }
            return TestCase(
                classname: classname(status.job), name: status.job.key, verdict: verdict,
                output: "state \(status.state.rawValue)\(status.recurring ? " (recurring)" : ""), job \(status.job.jobId) on \(status.job.clientMachine ?? status.job.agentId ?? "?")")
        })
    }

    /// `manifest/job`, or the key's part before `@` when the ledger did not name them.
    static func classname(_ job: TrackedJob) -> String {
        if let manifest = job.manifest, let name = job.job { return "\(manifest)/\(name)" }
        return String(job.key.split(separator: "@").first ?? Substring(job.key))
    }
}
