import BinaryTestSupport
import Foundation
import KFJobs

/// The invariant every reliability test ends on: the server holds exactly one job per planned key
/// (one per round when the keys were resubmitted, `apply --resubmit TOKEN`), and `kfjobs ledger`
/// says `submitted` or `adopted` with that job's JobId (the latest round's) for each.
///
/// The planned keys come from `kfjobs plan --output json` taken before anything was applied, and the
/// server's jobs from `/_simulator/jobs`: neither is the ledger under test. A server job is matched to
/// a key by its orchestrator, job type and the fields the plan sends (a matrix gives one orchestrator
/// several keys that differ only in their fields).
struct ExactlyOnce {
    /// What the server and the ledger hold, against the plan.
    struct Findings {
        var planned = 0
        var serverJobs = 0
        /// Jobs beyond the first (beyond one per round) for a planned key.
        var duplicates = 0
        /// Planned keys with no job (fewer jobs than rounds) on the server.
        var losses: [String] = []
        /// Server jobs that match no planned key (or more than one).
        var strays: [String] = []
        /// Keys whose ledger row is missing, not submitted/adopted, or names another JobId.
        var ledgerMismatches: [String] = []

        var holds: Bool { duplicates == 0 && losses.isEmpty && strays.isEmpty && ledgerMismatches.isEmpty }

        var summary: String {
            "\(planned) planned keys, \(serverJobs) jobs on the server, \(duplicates) duplicates, \(losses.count) losses, "
                + "\(strays.count) strays, \(ledgerMismatches.count) ledger mismatches"
                + (ledgerMismatches.isEmpty ? "" : " (first: \(ledgerMismatches.prefix(3).joined(separator: "; ")))")
                + (losses.isEmpty ? "" : " (lost: \(losses.prefix(3).joined(separator: ", ")))")
        }
    }

    let planned: [PlanDocument.Job]

    /// Plans `manifests` against the harness's simulator with its (still empty) ledger.
    static func plan(_ harness: SimulatorHarness, manifests: [String], maxJobs: Int) async throws -> ExactlyOnce {
        let result = try await harness.run(["plan"] + manifests + ["--output", "json", "--max-jobs", String(maxJobs)])
        guard result.status == 0 else { throw HarnessError(message: "plan exited \(result.status): \(result.stderr)") }
        let document = try PlanDocument.decode(Data(result.stdout.utf8))
        return ExactlyOnce(planned: document.jobs)
    }

    /// Compares the server and `kfjobs ledger --output json` with the plan: `rounds` jobs per key,
    /// the ledger's latest under `token` when one is given.
    func check(_ harness: SimulatorHarness, rounds: Int = 1, token: String? = nil) async throws -> Findings {
        var findings = Findings(planned: planned.count)
        let serverJobs = try await harness.jobs()
        findings.serverJobs = serverJobs.count

        var byLane: [String: [PlanDocument.Job]] = [:]
        for job in planned { byLane[Self.lane(job.agentId, job.jobTypeName), default: []].append(job) }
        var jobsByKey: [String: [String]] = [:]
        for serverJob in serverJobs {
            let jobId = (serverJob["JobId"] as? String ?? "").lowercased()
            let agentId = serverJob["AgentId"] as? String ?? ""
            let jobType = serverJob["JobTypeName"] as? String ?? ""
            var fields: [String: String] = [:]
            for field in serverJob["JobFields"] as? [[String: Any]] ?? [] {
                if let name = field["JobTypeField"] as? String { fields[name] = field["Value"] as? String }
            }
            let candidates = (byLane[Self.lane(agentId, jobType)] ?? []).filter { job in
                job.request.jobFields.allSatisfy { name, value in value == "***" || fields[name] == value }
            }
            guard candidates.count == 1, let key = candidates.first?.key else {
                findings.strays.append("\(jobId) (\(jobType) on \(agentId), \(candidates.count) candidate keys)")
                continue
            }
            jobsByKey[key, default: []].append(jobId)
        }
        for job in planned {
            let ids = jobsByKey[job.key] ?? []
            if ids.count < rounds { findings.losses.append(job.key) }
            findings.duplicates += max(0, ids.count - rounds)
        }

        let ledger = try await KFJobsProcess.runOffPool(["ledger", "--output", "json", "--ledger", harness.ledger])
        guard ledger.status == 0, let rows = try JSONSerialization.jsonObject(with: Data(ledger.stdout.utf8)) as? [[String: Any]] else {
            throw HarnessError(message: "kfjobs ledger exited \(ledger.status): \(ledger.stderr)")
        }
        var rowByKey: [String: [String: Any]] = [:]
        for row in rows { if let key = row["key"] as? String { rowByKey[key] = row } }
        for job in planned {
            guard let row = rowByKey[job.key] else {
                findings.ledgerMismatches.append("\(job.key): not in the ledger")
                continue
            }
            let outcome = row["outcome"] as? String ?? ""
            let jobId = (row["jobId"] as? String ?? "").lowercased()
            let onServer = jobsByKey[job.key] ?? []
            let recordedToken = row["resubmitToken"] as? String
            if !["submitted", "adopted"].contains(outcome) || onServer.count != rounds || !onServer.contains(jobId) || recordedToken != token {
                findings.ledgerMismatches.append("\(job.key): ledger \(outcome) \(jobId) token \(recordedToken ?? "-"), server \(onServer)")
            }
        }
        return findings
    }

    private static func lane(_ agentId: String, _ jobType: String) -> String {
        agentId.lowercased() + "\u{0}" + jobType.lowercased()
    }
}
