#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs

/// `apply --plan FILE`: the saved plan must still be what planning yields now — same inputs (by
/// SHA-256), same server, and the same jobs with the same fingerprints and actions — or nothing is sent.
///
/// A saved plan holds no secrets (they are `***` in it), so apply re-derives the requests from the
/// manifests and proves they are the ones that were reviewed, rather than sending the file's bodies.
enum SavedPlanCheck {
    static func verify(_ path: String, against run: PlanningRun, inputs: [LedgerRecord.InputDigest]) throws {
        let document: PlanDocument
        do {
            document = try PlanDocument.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CommandFailure(message: "cannot read the saved plan \(path): \(ErrorReason.of(error)); make it with kfjobs plan --out", exitCode: 1)
        }
        let again = "; run kfjobs plan --out \(path) again and review it"
        guard document.server == run.session.server else {
            throw CommandFailure(message: "the saved plan \(path) is for \(document.server), not \(run.session.server)\(again)", exitCode: 1)
        }
        if document.resubmitToken != run.plan.resubmitToken {
            let made = document.resubmitToken.map { "with --resubmit \($0)" } ?? "without --resubmit"
            let given = run.plan.resubmitToken.map { "--resubmit \($0)" } ?? "none"
            throw CommandFailure(
                message: "the saved plan \(path) was made \(made), and apply was given \(given); give apply the same --resubmit as the plan", exitCode: 1)
        }
        let saved = Dictionary(document.inputs.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let current = Dictionary(inputs.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        if saved != current {
            let changed = Set(saved.keys).union(current.keys).sorted().filter { saved[$0] != current[$0] }
            throw CommandFailure(
                message: "the manifests changed since the plan \(path) was made (\(changed.joined(separator: ", ")))\(again)", exitCode: 1)
        }
        func signature(_ key: String, _ fingerprint: String, _ action: Plan.Action.Kind) -> String {
            "\(action.rawValue) \(key) \(fingerprint)"
        }
        let planned = Set(document.jobs.map { signature($0.key, $0.fingerprint, $0.action) })
        let now = Set(run.plan.jobs.map { signature($0.key, $0.identity.fingerprint, $0.action.kind) })
        if planned != now {
            let differences = planned.symmetricDifference(now).sorted()
            throw CommandFailure(
                message: "the server or the ledger changed since the plan \(path) was made: \(differences.count) job(s) differ, e.g. \(differences[0])\(again)",
                exitCode: 1)
        }
    }
}
