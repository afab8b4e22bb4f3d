import KFJobs

/// The lines `status` and apply's waves print on stderr about job states.
enum StatusLines {
    /// Each failed, warned or unknown job with its message; as GitHub annotations too when asked (or
    /// when running on GitHub Actions).
    static func printProblems(_ statuses: [JobStatus], annotations: Bool) {
        let annotate = annotations || ProcessEnvironment.current["GITHUB_ACTIONS"] == "true"
        for status in statuses where status.state.isProblem {
            let machine = status.job.clientMachine.map { " on \($0)" } ?? ""
            let line = "\(status.state.rawValue): \(status.job.key)\(machine): \(status.message ?? "no message")"
            Terminal.error(line)
            if annotate {
                let command = status.state == .warning ? "warning" : "error"
                Terminal.error("::\(command) title=kfjobs \(status.state.rawValue)::\(TerminalText.annotationData(line))")
            }
        }
    }

    /// The progress of a wait, at every poll that leaves jobs pending.
    static func printWaiting(_ statuses: [JobStatus]) {
        let pending = statuses.filter { !$0.isSettled }.count
        guard pending > 0 else { return }
        Terminal.error("waiting for \(pending) of \(statuses.count) jobs: \(StatusSummary(statuses).text)")
    }
}
