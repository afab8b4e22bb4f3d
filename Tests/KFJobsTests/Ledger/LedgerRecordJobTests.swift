import Foundation
@testable import KFJobs
import Testing

/// The ledger's edge: a typed intent or outcome becomes exactly the flat record the engine always
/// wrote, byte for byte, and a record reads back as the same identity.
@Suite struct LedgerRecordJobTests {
    static let at = Date(timeIntervalSince1970: 1_796_000_000.123)
    static let identity = JobIdentity(
        key: "fetch-logs/logs@node-0001", fingerprint: "sha256:0123", manifest: "fetch-logs", job: "logs",
        agentId: "00000000-0000-0000-0000-000000000001", clientMachine: "node-0001.example.com", jobTypeName: "FetchLogs")

    /// The record as it was built field by field before the typed values existed.
    static func flat(_ type: LedgerRecord.RecordType) -> LedgerRecord {
        var record = LedgerRecord(type: type, at: at, run: "r", server: "simulator")
        record.key = identity.key
        record.fingerprint = identity.fingerprint
        record.manifest = identity.manifest
        record.job = identity.job
        record.agentId = identity.agentId
        record.clientMachine = identity.clientMachine
        record.jobTypeName = identity.jobTypeName
        return record
    }

    @Test func anIntentIsTheFlatRecord() {
        let record = LedgerRecord(intent: Self.identity, at: Self.at, run: "r", server: "simulator")
        #expect(record == Self.flat(.intent))
        #expect(record.jsonLine() == Self.flat(.intent).jsonLine())
    }

    @Test(arguments: [false, true])
    func anOutcomeIsTheFlatRecord(reconciled: Bool) {
        var outcome = JobOutcome(.submitted, Self.identity, at: Self.at, attempts: 2, durationMs: 37, jobId: "J-1", httpStatus: 200)
        outcome.orchestratorId = "o-1"
        outcome.requestTimestamp = "2026-11-29T05:00:00.123Z"
        outcome.reconciled = reconciled
        var expected = Self.flat(.outcome)
        expected.outcome = .submitted
        expected.jobId = "J-1"
        expected.orchestratorId = "o-1"
        expected.requestTimestamp = "2026-11-29T05:00:00.123Z"
        expected.httpStatus = 200
        expected.attempts = 2
        expected.durationMs = 37
        // The file says `reconciled` only when it is true.
        expected.reconciled = reconciled ? true : nil
        let record = LedgerRecord(outcome: outcome, run: "r", server: "simulator")
        #expect(record == expected)
        #expect(String(decoding: record.jsonLine(), as: UTF8.self) == String(decoding: expected.jsonLine(), as: UTF8.self))
    }

    @Test func aFailureKeepsItsErrorAndAtLeastOneAttempt() {
        let outcome = JobOutcome(.rejected, Self.identity, at: Self.at, attempts: 0, durationMs: 0, httpStatus: 400, error: .init(code: "0xA", message: "no"))
        let record = LedgerRecord(outcome: outcome, run: "r", server: "simulator")
        #expect(record.attempts == 1)
        #expect(record.error == JobOutcome.ErrorInfo(code: "0xA", message: "no"))
        #expect(record.httpStatus == 400)
        #expect(record.jobId == nil)
    }

    @Test func aRecordReadsBackAsItsIdentity() {
        #expect(JobIdentity(record: LedgerRecord(intent: Self.identity, at: Self.at, run: "r", server: "s")) == Self.identity)
        #expect(JobIdentity(record: LedgerRecord(type: .run, at: Self.at, run: "r", server: "s")) == nil)
    }

    /// The schema makes fingerprint, manifest, job and client machine optional: a record without them
    /// still reads, as empty members.
    @Test func aSparseRecordStillReads() throws {
        let line = #"{"agentId":"a","at":"2026-11-29T00:00:00.000Z","attempts":1,"jobId":"J","jobTypeName":"T","key":"m/j@a","outcome":"submitted","run":"r","server":"s","type":"outcome","v":1}"#
        let record = try JSONDecoder().decode(LedgerRecord.self, from: Data(line.utf8))
        let identity = try #require(JobIdentity(record: record))
        #expect(identity == JobIdentity(key: "m/j@a", fingerprint: "", manifest: "", job: "", agentId: "a", clientMachine: "", jobTypeName: "T"))
        let entry = try #require(LedgerState(records: [record]).entry(server: "s", key: "m/j@a"))
        #expect(entry.liveJobId == "J")
        #expect(TrackedJob.live(in: LedgerState(records: [record])).first?.clientMachine == nil)
    }
}
