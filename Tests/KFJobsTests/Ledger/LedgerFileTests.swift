import Foundation
import KeyfactorWire
import Testing
import TestSupport
@testable import KFJobs

/// The ledger file: append and read back, lock, torn-line repair, corruption, latest state per key.
@Suite("Ledger file")
final class LedgerFileTests: Sendable {
    /// This test's ledgers, removed after it.
    let scratch = ScratchDirectory("kfjobs-ledger")

    /// A new ledger path in this test's scratch directory.
    private func temporaryLedger() throws -> String {
        try scratch.path("ledger-\(UUID().uuidString).jsonl")
    }

    private func record(_ type: LedgerRecord.RecordType, key: String?, outcome: LedgerRecord.Outcome? = nil, jobId: String? = nil, run: String = "run-1") -> LedgerRecord {
        var record = LedgerRecord(type: type, at: Date(timeIntervalSince1970: 1_796_000_000.25), run: run, server: "https://kf.example.com/KeyfactorAPI")
        record.key = key
        record.outcome = outcome
        record.jobId = jobId
        record.agentId = key.map { _ in "0b6c5c2e-3f7a-4d3e-9a53-1d2f4b9c8e71" }
        return record
    }

    @Test func recordsRoundTripAsOneGreppableLineEach() throws {
        let path = try temporaryLedger()
        let opened = try LedgerFile.open(path: path, holder: "pid 1 on test")
        let written = [record(.run, key: nil), record(.intent, key: "m/j@a"), record(.outcome, key: "m/j@a", outcome: .submitted, jobId: "J-1")]
        try opened.file.append(written, durable: true)
        opened.file.close()

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[2].contains("\"jobId\":\"J-1\""))
        #expect(lines[2].contains("\"server\":\"https://kf.example.com/KeyfactorAPI\""), "slashes are not escaped")
        #expect(lines[0].hasPrefix("{\"at\":\"2026-11-30T00:53:20.250Z\""))
        #expect(try LedgerReader.read(path: path) == written)
    }

    @Test func timesAreRFC3339UTCWithMilliseconds() {
        #expect(LedgerTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(LedgerTime.format(Date(timeIntervalSince1970: 1_796_000_000.25)) == "2026-11-30T00:53:20.250Z")
        #expect(LedgerTime.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func aSecondWriterIsRefusedAndToldWhoHoldsTheLock() throws {
        let path = try temporaryLedger()
        let first = try LedgerFile.open(path: path, holder: "pid 4242 on ci-runner-7, run r-abc")
        #expect {
            _ = try LedgerFile.open(path: path, holder: "pid 2")
        } throws: { error in
            let ledgerError = error as? LedgerError
            return ledgerError?.isLocked == true && "\(error)".contains("pid 4242 on ci-runner-7, run r-abc")
        }
        first.file.close()
        let second = try LedgerFile.open(path: path, holder: "pid 2")
        second.file.close()
    }

    @Test func aTornLastLineIsCutBackUnderTheLock() throws {
        let path = try temporaryLedger()
        let good = String(decoding: LedgerCoding.encode(record(.intent, key: "m/j@a")), as: UTF8.self)
        try (good + "\n" + "{\"v\":1,\"type\":\"outc").write(toFile: path, atomically: false, encoding: .utf8)
        let opened = try LedgerFile.open(path: path, holder: "test")
        #expect(opened.state.entries.count == 1 && opened.state.entry(server: "https://kf.example.com/KeyfactorAPI", key: "m/j@a")?.hasOpenIntent == true)
        #expect(opened.removedTornLine == "{\"v\":1,\"type\":\"outc")
        try opened.file.append([record(.outcome, key: "m/j@a", outcome: .submitted, jobId: "J")], durable: true)
        opened.file.close()
        let reread = try LedgerReader.read(path: path)
        #expect(reread.map(\.type) == [.intent, .outcome])
    }

    @Test func corruptionBeforeTheLastLineNamesTheLine() throws {
        let path = try temporaryLedger()
        let good = String(decoding: LedgerCoding.encode(record(.intent, key: "m/j@a")), as: UTF8.self)
        try [good, "this is not json", good, ""].joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        #expect {
            _ = try LedgerFile.open(path: path, holder: "test")
        } throws: { error in
            (error as? LedgerError)?.corruptLine == 2 && "\(error)".hasPrefix("\(path):2: ledger record is corrupt")
        }
        #expect(throws: LedgerError.self) { _ = try LedgerReader.read(path: path) }
    }

    @Test func aMissingLedgerReadsAsEmpty() throws {
        #expect(try LedgerReader.read(path: "/nonexistent/kfjobs-ledger.jsonl").isEmpty)
    }

    @Test func stateKeepsTheLatestOutcomeAndOpenIntentsPerKey() {
        let records = [
            record(.run, key: nil),
            record(.intent, key: "m/a@1"),
            record(.outcome, key: "m/a@1", outcome: .unknown),
            record(.intent, key: "m/a@1", run: "run-2"),
            record(.outcome, key: "m/a@1", outcome: .submitted, jobId: "J-a", run: "run-2"),
            record(.intent, key: "m/b@1", run: "run-2"),
        ]
        let state = LedgerState(records: records)
        #expect(state.runs.count == 1)
        let a = state.entry(server: "https://kf.example.com/KeyfactorAPI", key: "m/a@1")
        #expect(a?.lastOutcome?.kind == .submitted)
        #expect(a?.liveJobId == "J-a")
        #expect(a?.hasOpenIntent == false)
        let b = state.entry(server: "https://kf.example.com/KeyfactorAPI", key: "m/b@1")
        #expect(b?.hasOpenIntent == true)
        #expect(b?.liveJobId == nil)
        #expect(state.entry(server: "simulator", key: "m/a@1") == nil)
        #expect(state.entries.map(\.key) == ["m/a@1", "m/b@1"])
    }

    /// A run that only reconciled a lost answer and stayed `unknown` writes an intent of its own; the
    /// next look-up must still reach back to the first request that may have created the job, or that
    /// job falls outside its window and the key is sent again (a duplicate, seen in the kill -9 trials).
    @Test func theUncertaintyReachesBackToTheFirstIntentSinceTheJobWasSettled() {
        func stamped(_ seconds: Int, _ record: LedgerRecord) -> LedgerRecord {
            var record = record
            record.at = "2026-11-29T00:00:\(String(format: "%02d", seconds)).000Z"
            return record
        }
        let server = "https://kf.example.com/KeyfactorAPI"
        var records = [
            stamped(1, record(.intent, key: "m/a@1")),
            stamped(2, record(.outcome, key: "m/a@1", outcome: .submitted, jobId: "J-old")),
            stamped(10, record(.intent, key: "m/a@1", run: "run-2")),
            stamped(20, record(.intent, key: "m/a@1", run: "run-3")),
            stamped(25, record(.outcome, key: "m/a@1", outcome: .unknown, run: "run-3")),
            stamped(30, record(.intent, key: "m/a@1", run: "run-4")),
            stamped(31, record(.outcome, key: "m/a@1", outcome: .cancelled, run: "run-4")),
        ]
        var entry = LedgerState(records: records).entry(server: server, key: "m/a@1")
        #expect(entry?.firstUnsettledIntentAt == "2026-11-29T00:00:10.000Z")
        #expect(entry?.lastIntentAt == "2026-11-29T00:00:30.000Z")
        #expect(entry?.isUncertain == false, "the latest outcome is cancelled, not unknown")
        #expect(entry?.uncertainSince == KeyfactorDate.parse("2026-11-29T00:00:10.000Z"))

        records.append(stamped(40, record(.intent, key: "m/a@1", run: "run-5")))
        records.append(stamped(41, record(.outcome, key: "m/a@1", outcome: .submitted, jobId: "J-new", run: "run-5")))
        entry = LedgerState(records: records).entry(server: server, key: "m/a@1")
        #expect(entry?.firstUnsettledIntentAt == nil, "a settled job has nothing uncertain")
    }

    /// Every JobId an outcome recorded, per server: reconciliation must never take one of them for
    /// another key's job.
    @Test func theStateKnowsEveryJobIdTheLedgerRecorded() {
        let records = [
            record(.outcome, key: "m/a@1", outcome: .submitted, jobId: "J-A"),
            record(.outcome, key: "m/a@1", outcome: .unscheduled, jobId: "J-B"),
            record(.outcome, key: "m/b@1", outcome: .unknown),
        ]
        let state = LedgerState(records: records)
        #expect(state.recordedJobIds(server: "https://kf.example.com/KeyfactorAPI") == ["j-a", "j-b"])
        #expect(state.recordedJobIds(server: "simulator").isEmpty)
    }
}
