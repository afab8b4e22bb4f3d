import KFJobs

/// A plan as Markdown for the page of a GitHub Actions run (`$GITHUB_STEP_SUMMARY`): the summary line,
/// the job definitions, the exclusions and the changes to existing jobs. Field values are never
/// shown, so no secret can reach the page.
enum PlanMarkdownRenderer {
    /// Rows shown per table; GitHub keeps at most 1 MiB of summary per step.
    static let rowLimit = 100

    static func render(_ plan: Plan, maxJobs: Int) -> String {
        var text = "### kfjobs plan\n\n" + escaped(PlanTextRenderer.summary(plan)) + "\n"
        if !plan.definitions.isEmpty {
            text += "\n" + table(
                header: ["job", "job type", "schedule", "orchestrators"],
                rows: plan.definitions.map { definition in
                    [
                        "\(definition.manifest)/\(definition.job)" + (definition.combination.map { "[\($0)]" } ?? ""),
                        definition.jobTypeName, definition.schedule, "\(definition.eligible) of \(definition.matched) eligible",
                    ]
                })
        }
        if !plan.excluded.isEmpty {
            text += "\n**Excluded**\n\n" + table(
                header: ["job", "orchestrator", "reason"],
                rows: plan.excluded.map { exclusion in
                    ["\(exclusion.manifest)/\(exclusion.job)" + (exclusion.combination.map { "[\($0)]" } ?? ""), exclusion.clientMachine, exclusion.reason]
                })
        }
        let changes = plan.jobs.filter { $0.action.kind != .submit && $0.action.kind != .skip }
        if !changes.isEmpty {
            text += "\n**Changes to existing jobs**\n\n" + table(
                header: ["action", "key", "existing JobId"], rows: changes.map { [$0.action.kind.rawValue, $0.key, PlanTextRenderer.change($0.action)] })
        }
        if plan.requestCount > maxJobs {
            text += "\n> [!WARNING]\n> \(plan.requestCount) requests exceed `--max-jobs \(maxJobs)`: apply refuses this plan until you raise it\n"
        }
        return text
    }

    /// A Markdown table of at most `rowLimit` rows, with a line saying how many were left out.
    static func table(header: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map(escaped).joined(separator: " | ") + " |\n" }
        var text = line(header) + "|" + String(repeating: " --- |", count: header.count) + "\n"
        for row in rows.prefix(rowLimit) { text += line(row) }
        if rows.count > rowLimit { text += "\n… and \(rows.count - rowLimit) more (the whole plan: `kfjobs plan --out plan.json`)\n" }
        return text
    }

    /// Text with the characters that would start Markdown or HTML made literal.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "|\\`*_[]<>#".contains(character) { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        return result
    }
}
