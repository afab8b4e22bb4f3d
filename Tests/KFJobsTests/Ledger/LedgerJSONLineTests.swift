import Foundation
@testable import KFJobs
import Testing

/// The ledger's hand-written JSON lines against `JSONEncoder` (sorted keys, slashes unescaped):
/// the same bytes for every kind of record and for strings that need escaping.
@Suite struct LedgerJSONLineTests {
    static func encoderLine(_ record: LedgerRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    static let awkwardStrings: [String] = [
        "", "plain", "quote \" and backslash \\ and slash /", "tab\tnewline\nreturn\rform\u{0C}back\u{08}",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }), "del \u{7F} and line separator \u{2028}",
        "é, ü, 日本, 😀", "C:\\Windows\\System32", "{\"json\": [1, 2]}",
    ]

    static var records: [LedgerRecord] {
        let at = Date(timeIntervalSince1970: 1_796_000_000.123)
        var run = LedgerRecord(type: .run, at: at, run: "20261129-abc", server: "https://kf.example.com/KeyfactorAPI")
        run.version = "0.1.0"
        run.user = "ci-bot"
        run.host = "runner-7"
        run.arguments = ["apply", "jobs/", "--ledger", "out/ledger.jsonl", ""]
        run.inputs = [.init(path: "jobs/a.yaml", sha256: String(repeating: "ab", count: 32)), .init(path: "b.yaml", sha256: "00")]
        run.ci = ["GITHUB_RUN_ID": "42", "CI": "true", "CI_JOB_ID": "7", "CIX": "x", "a_b": "1", "aB": "2", "ab": "3", "é": "4"]

        var intent = LedgerRecord(type: .intent, at: at, run: "r", server: "simulator")
        intent.key = "fetch-logs/logs@node-0001"
        intent.fingerprint = "sha256:0123"
        intent.manifest = "examples/fetch-logs.yaml"
        intent.job = "logs"
        intent.agentId = "00000000-0000-0000-0000-000000000001"
        intent.clientMachine = "node-0001.example.com"
        intent.jobTypeName = "FetchLogs"
        intent.resubmitToken = "pipeline/42-é"

        var outcome = intent
        outcome.type = .outcome
        outcome.outcome = .unknown
        outcome.jobId = "11111111-2222-3333-4444-555555555555"
        outcome.orchestratorId = "00000000-0000-0000-0000-000000000001"
        outcome.requestTimestamp = "2026-11-29T05:00:00.123Z"
        outcome.httpStatus = 504
        outcome.error = .init(code: "http.504", message: "POST /OrchestratorJobs/Custom failed with HTTP 504: <html>\"gateway\"</html>")
        outcome.attempts = 3
        outcome.durationMs = 0
        outcome.reconciled = false

        var reconciled = outcome
        reconciled.outcome = .submitted
        reconciled.reconciled = true
        reconciled.error = nil
        reconciled.durationMs = -1
        reconciled.attempts = Int.max

        var empty = LedgerRecord(type: .run, at: at, run: "", server: "")
        empty.arguments = []
        empty.inputs = []
        empty.ci = [:]
        return [run, intent, outcome, reconciled, empty]
    }

    @Test(arguments: records)
    func everyKindOfRecordIsWrittenAsJSONEncoderWouldWriteIt(record: LedgerRecord) throws {
        #expect(String(decoding: record.jsonLine(), as: UTF8.self) == (try Self.encoderLine(record)))
    }

    /// A member added to `LedgerRecord` must be set in one of the records above, so that the
    /// comparison covers it.
    @Test func theRecordsAboveSetEveryMember() throws {
        let members = Set(Mirror(reflecting: Self.records[0]).children.compactMap(\.label))
        var written = Set<String>()
        for record in Self.records {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(record.jsonLine())) as? [String: Any])
            written.formUnion(object.keys)
        }
        #expect(written == members)
    }

    @Test(arguments: awkwardStrings)
    func stringsAreEscapedAsJSONEncoderEscapesThem(text: String) throws {
        var record = LedgerRecord(type: .outcome, at: Date(timeIntervalSince1970: 0), run: text, server: text)
        record.key = text
        record.error = .init(code: text, message: text)
        record.arguments = [text, text]
        record.ci = [text: text, "K": text]
        let line = record.jsonLine()
        #expect(String(decoding: line, as: UTF8.self) == (try Self.encoderLine(record)))
        // And the line reads back as the record it came from.
        #expect(try JSONDecoder().decode(LedgerRecord.self, from: Data(line)) == record)
    }
}
