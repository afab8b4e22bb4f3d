import KFJobs

/// A plan as people read it: a summary line, one line per job definition and matrix combination,
/// then the exclusions and what apply would send, in a deterministic order.
enum PlanTextRenderer {
    static func render(_ plan: Plan, maxJobs: Int, ledgerPath: String, verbose: Bool = false) -> String {
        var text = summary(plan) + "\n"

        if !plan.definitions.isEmpty {
            let rows = plan.definitions.map { definition in
                [
                    "\(definition.manifest)/\(definition.job)" + (definition.combination.map { "[\($0)]" } ?? ""),
                    definition.jobTypeName, definition.schedule,
                    "\(definition.eligible) of \(definition.matched) eligible",
                ]
            }
            text += "\n" + table(header: ["JOB", "JOB TYPE", "SCHEDULE", "ORCHESTRATORS"], rows: rows)
        }
        if !plan.excluded.isEmpty {
            text += "\nexcluded:\n"
            let rows = plan.excluded.map { exclusion in
                ["\(exclusion.manifest)/\(exclusion.job)" + (exclusion.combination.map { "[\($0)]" } ?? ""), exclusion.clientMachine, exclusion.reason]
            }
            text += table(header: nil, rows: rows)
        }
        let changes = plan.jobs.filter { $0.action.kind != .submit && $0.action.kind != .skip }
        if !changes.isEmpty {
            text += "\nchanges to existing jobs:\n"
            text += table(header: nil, rows: changes.map { [$0.action.kind.rawValue, $0.key, Self.change($0.action)] })
        }
        if verbose {
            text += "\njobs:\n" + table(header: nil, rows: plan.jobs.map { [$0.action.kind.rawValue, $0.key] })
        }
        if plan.requestCount > maxJobs {
            text += "\nnote: \(plan.requestCount) requests exceed --max-jobs \(maxJobs); apply refuses this plan until you raise --max-jobs\n"
        }
        return text
    }

    /// The JobId a change concerns, and for drift what happened to it.
    static func change(_ action: Plan.Action) -> String {
        switch action {
        case .recreate(let lost): "\(lost) (gone from the server's scheduled jobs)"
        case .resubmit(let previous): "\(previous) (ran before; --resubmit sends it again)"
        default: action.existingJobId ?? ""
        }
    }

    /// `plan for URL: 3 to submit on 3 orchestrators, 2 already in the ledger, 0 excluded, 0 errors`.
    static func summary(_ plan: Plan) -> String {
        let counts = plan.actionCounts
        let text = "plan for \(plan.server): \(counts[.submit] ?? 0) to submit on \(plan.targetedAgentCount) orchestrator\(plan.targetedAgentCount == 1 ? "" : "s")"
        var extras: [String] = []
        if let skip = counts[.skip] { extras.append("\(skip) already in the ledger") }
        if let adopt = counts[.adopt] { extras.append("\(adopt) to adopt") }
        if let replace = counts[.replace] { extras.append("\(replace) to replace") }
        if let recreate = counts[.recreate] { extras.append("\(recreate) to recreate") }
        if let resubmit = counts[.resubmit] { extras.append("\(resubmit) to resubmit") }
        if let unschedule = counts[.unschedule] { extras.append("\(unschedule) to unschedule") }
        extras.append("\(plan.excluded.count) excluded")
        extras.append("\(plan.errorCount) error\(plan.errorCount == 1 ? "" : "s")")
        return text + ", " + extras.joined(separator: ", ")
    }

    /// Left-aligned columns, two spaces apart, indented by two.
    static func table(header: [String]?, rows: [[String]]) -> String {
        let all = (header.map { [$0] } ?? []) + rows
        guard let columns = all.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return all.map { row in
            "  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.paddedWithSpaces(toLength: widths[index])
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
