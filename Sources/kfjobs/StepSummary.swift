import Portability

/// GitHub Actions' job summary: Markdown appended to the file `$GITHUB_STEP_SUMMARY` names, shown on
/// the run's page. Nothing happens when the variable is unset (any other CI, a terminal).
enum StepSummary {
    /// Appends `markdown`; a file that cannot be written is a warning on stderr, never a failure.
    static func append(_ markdown: String, environment: [String: String]) {
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        let descriptor = SystemCall.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return warn(path) }
        defer { _ = SystemCall.close(descriptor) }
        if !SystemCall.writeAll(descriptor, Array((markdown.hasSuffix("\n") ? markdown : markdown + "\n").utf8)) { warn(path) }
    }

    private static func warn(_ path: String) {
        Terminal.error("warning: cannot write the plan summary to GITHUB_STEP_SUMMARY (\(path)): \(String(cString: strerror(errno))); the plan itself is unaffected")
    }
}
