#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs

/// Who and what a run is: its id, the lock holder line, and the ledger's `run` record.
enum RunIdentity {
    /// `20261129T030512Z-3f9a0c`: sortable by time, unique enough for a ledger.
    static func make(now: Date = Date()) -> String {
        let stamp = LedgerTime.format(now).replacingLiteral("-", with: "").replacingLiteral(":", with: "")
        let compact = String(stamp.prefix(15)) + "Z"
        return compact + "-" + NumberText.hex(UInt32.random(in: 0...0xFF_FFFF), width: 6)
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func holder(runId: String) -> String {
        "pid \(getpid()) on \(hostName), run \(runId), since \(LedgerTime.format(Date()))"
    }

    /// The `run` record: version, user, host, arguments, input digests and the CI context.
    static func record(runId: String, server: String, inputs: [LedgerRecord.InputDigest]) -> LedgerRecord {
        let environment = ProcessEnvironment.current
        var record = LedgerRecord(type: .run, at: Date(), run: runId, server: server)
        record.version = BuildVersion.full
        record.user = loginName(environment: environment)
        record.host = hostName
        record.arguments = RunArguments.recorded(Array(CommandLine.arguments.dropFirst()))
        record.inputs = inputs
        let ciNames = ["GITHUB_SHA", "GITHUB_RUN_ID", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "CI_COMMIT_SHA", "CI_PIPELINE_URL"]
        let ci = environment.filter { ciNames.contains($0.key) }
        record.ci = ci.isEmpty ? nil : ci
        return record
    }
}
