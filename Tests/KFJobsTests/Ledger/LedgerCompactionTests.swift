import Foundation
import Portability
import Testing
import TestSupport
@testable import KFJobs

/// `LedgerCompaction`: the compacted ledger gives the same state (every entry and run), keeps what
/// reconciling its uncertain keys needs, is a subsequence of the original lines, and a second
/// compaction changes nothing. Checked on seeded random histories with every kind of record.
@Suite("Ledger compaction")
final class LedgerCompactionTests: Sendable {
    let scratch = ScratchDirectory("kfjobs-compact")

    static let servers = ["simulator", "https://kf.example.com/KeyfactorAPI"]
    static let agents = (0..<6).map { String(format: "0b6c5c2e-3f7a-4d3e-9a53-%012x", $0) }

    /// A history as apply, unschedule, kills and faults write it, drawn from `seed`.
    static func history(seed: UInt64, runs: Int = 25, keys: Int = 16) -> [String] {
        var random = SplitMix64(seed: seed)
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        var lines: [String] = []
        var second = 0
        func stamp() -> Date {
            second += 1 + pick(3)
            return Date(timeIntervalSince1970: 1_796_000_000 + Double(second))
        }
        for run in 0..<runs {
            let runId = "run-\(run)"
            let server = servers[pick(4) == 0 ? 1 : 0]
            var runRecord = LedgerRecord(type: .run, at: stamp(), run: runId, server: server)
            runRecord.version = "0.1.0"
            runRecord.arguments = ["apply", "m.yaml"]
            runRecord.inputs = []
            lines.append(String(decoding: runRecord.jsonLine(), as: UTF8.self))
            for key in 0..<keys where pick(3) != 0 {
                // Two keys per orchestrator and job type, as a matrix makes them.
                let agent = agents[key % agents.count]
                let identity = JobIdentity(
                    key: "m/j[depth=\(key)]@\(agent)", fingerprint: "f\(pick(2))", manifest: "m", job: "j", agentId: agent,
                    clientMachine: "node-\(key % agents.count)", jobTypeName: key % 3 == 0 ? "FetchLogs" : "RefreshInventory")
                let shape = pick(10)
                if shape != 9 {
                    lines.append(String(decoding: LedgerRecord(intent: identity, at: stamp(), run: runId, server: server).jsonLine(), as: UTF8.self))
                }
                if shape == 8 { continue }  // killed: an intent without its outcome
                let kinds: [JobOutcome.Kind] = [.submitted, .submitted, .submitted, .adopted, .replaced, .unscheduled, .rejected, .failed, .unknown, .unknown, .cancelled]
                let kind = kinds[pick(kinds.count)]
                var outcome = JobOutcome(kind, identity, at: stamp(), attempts: 1 + pick(3), durationMs: pick(100))
                if [.submitted, .adopted, .replaced, .unscheduled].contains(kind) || (kind == .unknown && pick(2) == 0) {
                    outcome.jobId = UUID(uuid: (UInt8(pick(256)), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, UInt8(run), UInt8(key))).uuidString
                }
                if kind == .rejected { outcome.error = .init(code: "0xA01", message: "no") }
                lines.append(String(decoding: LedgerRecord(outcome: outcome, run: runId, server: server).jsonLine(), as: UTF8.self))
            }
            if pick(10) == 0 { lines.append("   ") }
        }
        return lines
    }

    private func write(_ lines: [String], torn: String? = nil) throws -> String {
        let path = try scratch.path("ledger-\(UUID().uuidString).jsonl")
        try (lines.map { $0 + "\n" }.joined() + (torn ?? "")).write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test(arguments: 1...40)
    func aRandomHistoryCompactsToTheSameState(seed: Int) throws {
        let lines = Self.history(seed: UInt64(seed))
        let path = try write(lines, torn: seed % 5 == 0 ? "{\"v\":1,\"type\":\"outc" : nil)
        let before = try LedgerReader.state(paths: [path])

        let dry = try LedgerCompaction.compact(path: path, holder: "test", dryRun: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(lines.map { $0 + "\n" }.joined()), "a dry run writes nothing")
        #expect(!FileManager.default.fileExists(atPath: LedgerCompaction.temporaryPath(for: path)))

        let summary = try LedgerCompaction.compact(path: path, holder: "test", dryRun: false)
        #expect(summary.recordsAfter == dry.recordsAfter && summary.bytesAfter == dry.bytesAfter, "the dry run told the truth")
        #expect(summary.removedTornLine == (seed % 5 == 0))
        let after = try LedgerReader.state(paths: [path])
        #expect(after.entries == before.entries)
        #expect(after.runs == before.runs)
        #expect(summary.runs == before.runs.count && summary.keys == before.entries.count)
        #expect(summary.uncertainKeys == before.entries.filter(\.isUncertain).count)
        #expect(summary.recordsAfter < summary.recordsBefore, "history was dropped")
        #expect(summary.bytesAfter == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))

        // Kept lines are the original ones, byte for byte, in their order.
        let kept = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var remaining = lines[...]
        for line in kept {
            guard let index = remaining.firstIndex(of: line) else {
                Issue.record("a kept line is not an original one, in order: \(line)")
                break
            }
            remaining = remaining[(index + 1)...]
        }

        // Every JobId reconciling an uncertain key could meet (same server, job type and orchestrator) is still known.
        let records = lines.compactMap { line -> LedgerRecord? in try? JSONDecoder().decode(LedgerRecord.self, from: Data(line.utf8)) }
        for entry in before.entries where entry.isUncertain {
            guard let identity = entry.openIntent?.identity ?? entry.lastOutcome?.identity else { continue }
            for record in records where record.type == .outcome && record.server == entry.server && record.jobTypeName == identity.jobTypeName
                && record.agentId == identity.agentId {
                if let jobId = record.jobId {
                    #expect(after.recordedJobIds(server: entry.server).contains(jobId), "\(jobId) of \(record.key ?? "") is still known")
                }
            }
        }

        // Compacting a compacted ledger changes nothing.
        let once = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try LedgerCompaction.compact(path: path, holder: "test", dryRun: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == once)
        #expect(again.recordsAfter == again.recordsBefore)
    }

    @Test func aLockedLedgerIsNotCompacted() throws {
        let path = try write(Self.history(seed: 99))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let holder = try LedgerFile.open(path: path, holder: "pid 4242 on ci-runner-7, run r-abc")
        #expect {
            _ = try LedgerCompaction.compact(path: path, holder: "test", dryRun: false)
        } throws: { error in
            (error as? LedgerError)?.isLocked == true && "\(error)".contains("pid 4242 on ci-runner-7")
        }
        holder.file.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aCorruptLedgerIsNotCompacted() throws {
        var lines = Self.history(seed: 7)
        lines[5] = "not json"
        let path = try write(lines)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try LedgerCompaction.compact(path: path, holder: "test", dryRun: false)
        } throws: { error in
            (error as? LedgerError)?.corruptLine == 6
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(!FileManager.default.fileExists(atPath: LedgerCompaction.temporaryPath(for: path)))
    }

    /// A temporary file a killed compaction left behind is replaced, and the ledger keeps its mode.
    @Test func aLeftoverTemporaryFileIsReplacedAndTheModeKept() throws {
        let path = try write(Self.history(seed: 3))
        #expect(chmod(path, 0o640) == 0)
        try "half a ledger".write(toFile: LedgerCompaction.temporaryPath(for: path), atomically: false, encoding: .utf8)
        let before = try LedgerReader.state(paths: [path])
        _ = try LedgerCompaction.compact(path: path, holder: "test", dryRun: false)
        #expect(try LedgerReader.state(paths: [path]).entries == before.entries)
        #expect(!FileManager.default.fileExists(atPath: LedgerCompaction.temporaryPath(for: path)))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue == 0o640)
    }
}
