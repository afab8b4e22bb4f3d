import Foundation
import Testing
import TestSupport
@testable import KFJobs

/// The ledger's fast read (`LedgerLineView` into `LedgerState`) against its reference, the line
/// decoder's records added one by one: the same state from the same ledger, and never a line
/// accepted that the decoder refuses.
@Suite("Ledger line views")
struct LedgerLineViewTests {
    let scratch = ScratchDirectory("kfjobs-ledger-view")

    /// Keys as JSON text: a few, so that most lines repeat a key's identity; one with an escape and
    /// one with a non-ASCII letter, which the view leaves to the decoder.
    static let keys = [
        #""nightly/logs@e2dfc565-ddba-4b5a-b84b-d146ee60db3f""#, #""nightly/logs@ca217e44-45f9-4279-833a-f71d1ce3dc6f""#,
        #""inv/refresh[store=a\"b]@7d1f""#, #""inv/refresh[site=Zürich]@7d1f""#, #""short""#,
    ]
    static let servers = [#""simulator""#, #""https://keyfactor.example.com/KeyfactorAPI""#]
    static let runs = [#""20260101T023000Z-4dad2986""#, #""20260102T023000Z-77aa0c1e""#, #""r""#]
    static let jobIds = [
        #""eae0d2c1-1c33-4464-873d-212ba950666d""#, #""EAE0D2C1-1C33-4464-873D-212BA950666D""#, #""b5f65893-42e8-4a7b-9c98-bd39b32737ec""#,
        #""job-17""#, "null",
    ]

    /// One random line: an intent, an outcome or a run record, members in random order, some `null`,
    /// some left out, now and then an error, a resubmit token or a member no kfjobs knows yet.
    static func randomLine(_ random: inout SplitMix64) -> String {
        func pick(_ values: [String]) -> String { values[Int(random.next() % UInt64(values.count))] }
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        let at = "\"2026-01-0\(1 + random.next() % 9)T02:30:\(10 + random.next() % 50).\(100 + random.next() % 900)Z\""
        var members = ["\"v\":1", "\"at\":\(at)", "\"run\":\(pick(runs))", "\"server\":\(pick(servers))"]
        let kind = random.next() % 10
        if kind == 0 {
            members += [
                #""type":"run""#, #""version":"0.1.0 (9bba17b)""#, #""user":"ci""#, #""host":"runner-1""#, #""arguments":["apply","-R","manifests"]"#,
                #""inputs":[{"path":"manifests/a.yaml","sha256":"00ff"}]"#, #""ci":{"GITHUB_RUN_ID":"17"}"#,
            ]
        } else {
            members.append(kind < 5 ? #""type":"intent""# : #""type":"outcome""#)
            if !chance(3) { members.append("\"key\":\(chance(2) ? "null" : pick(keys))") }
            members.append("\"fingerprint\":\(chance(10) ? "\"0bad\"" : chance(3) ? "null" : "\"4a6bcf61edff6856ba5c8428e627e3095576deb3b3d5388bb1fc7d4e4bd706f3\"")")
            if !chance(5) { members.append(#""manifest":"nightly""#) }
            if !chance(5) { members.append(#""job":"logs""#) }
            members.append("\"agentId\":\(chance(5) ? "\"other\"" : "\"e2dfc565-ddba-4b5a-b84b-d146ee60db3f\"")")
            if !chance(5) { members.append("\"clientMachine\":\(chance(5) ? "\"n\\u00f6de-1\"" : "\"node-00001\"")") }
            if !chance(5) { members.append(#""jobTypeName":"FetchLogs""#) }
            if kind >= 5 {
                let kinds = JobOutcome.Kind.allCases.map { "\"\($0.rawValue)\"" } + ["null"]
                if !chance(3) { members.append("\"outcome\":\(pick(kinds))") }
                if !chance(5) { members.append("\"jobId\":\(pick(jobIds))") }
                if chance(10) {
                    members.append(#""error":{"code":"HTTP 400","message":"Bad \"Schedule\""}"#)
                } else if chance(5) {
                    members.append(#""error":null"#)
                }
                if chance(20) {
                    members += [#""httpStatus":200"#, #""attempts":1"#, #""durationMs":35"#, #""orchestratorId":"e2dfc565""#]
                } else if chance(5) {
                    members += [#""requestTimestamp":null"#, #""reconciled":true"#, #""httpStatus":null"#]
                }
            }
            if chance(5) { members.append(#""resubmitToken":"t-1""#) }
        }
        if chance(5) { members.append(#""addedLater":{"a":[1,2.5e3,null,true]}"#) }
        members.shuffle(using: &random)
        return "{" + members.joined(separator: chance(10) ? ", " : ",") + "}"
    }

    /// The state the reference path builds: every line decoded into a record, added one by one.
    static func referenceState(_ lines: [String]) throws -> LedgerState {
        var state = LedgerState()
        for line in lines {
            var bytes = Array(line.utf8)
            let record = try bytes.withUnsafeMutableBufferPointer { try LedgerLineDecoder.decode(UnsafeBufferPointer($0), full: false) }
            try #require(record.v == 1)
            state.add(record)
        }
        return state
    }

    static func expectSame(_ fast: LedgerState, _ reference: LedgerState, _ comment: Comment? = nil) {
        #expect(fast.entries == reference.entries, comment)
        #expect(fast.runs == reference.runs, comment)
        for server in ["simulator", "https://keyfactor.example.com/KeyfactorAPI"] {
            #expect(fast.recordedJobIds(server: server) == reference.recordedJobIds(server: server), comment)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aLedgerReadsToTheSameStateEitherWay(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let lines = (0..<3_000).map { _ in Self.randomLine(&random) }
        let path = try scratch.path("ledger-\(seed).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)

        let fast = try LedgerReader.state(paths: [path])  // the commands' read
        Self.expectSame(fast, try Self.referenceState(lines))
        // Both paths were taken: many lines as views, the rest (runs, escapes, errors, ...) decoded.
        let viewed = lines.filter { line in
            var bytes = Array(line.utf8)
            return bytes.withUnsafeMutableBufferPointer { LedgerLineView(UnsafeBufferPointer($0)) } != nil
        }.count
        #expect(viewed > lines.count / 3)
        #expect(viewed < lines.count - 100)
        // The locked read (apply's) goes the same way.
        let opened = try LedgerFile.open(path: path, holder: "test")
        defer { opened.file.close() }
        Self.expectSame(opened.state, fast)
    }

    /// Ledgers read one after another into one state (shards' ledgers, `--ledger` repeated) give
    /// the state of all their lines in that order: each file's decisive lines are replayed onto
    /// what the files before it left, an outcome in the second settling an intent of the first.
    @Test(arguments: [4, 5] as [UInt64])
    func ledgersReadInOrderGiveTheStateOfAllTheirLines(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let lines = (0..<3_000).map { _ in Self.randomLine(&random) }
        let cuts = [0, 700, 1_900, 2_300, lines.count]
        var paths: [String] = []
        for part in 0..<(cuts.count - 1) {
            let path = try scratch.path("shard-\(seed)-\(part).jsonl")
            try (lines[cuts[part]..<cuts[part + 1]].joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
        }
        Self.expectSame(try LedgerReader.state(paths: paths), try Self.referenceState(lines))
    }

    /// Strings are scanned eight bytes at a time: whatever the offset of the byte that matters (in
    /// the first word, across two words, in the tail), it is found as the byte loop finds it.
    @Test(arguments: 0..<19)
    func theWordScanFindsEveryByteThatMatters(offset: Int) throws {
        let before = String(repeating: "a", count: offset)
        let after = String(repeating: "b", count: 19 - offset)
        func read(_ json: String) -> (text: String?, plain: Range<Int>?, end: Int) {
            var bytes = Array(json.utf8)
            return bytes.withUnsafeMutableBufferPointer { buffer in
                var cursor = JSONCursor(UnsafeBufferPointer(buffer))
                let text = try? cursor.string()
                var again = JSONCursor(UnsafeBufferPointer(buffer))
                return (text, try? again.plainASCIIString(), cursor.index)
            }
        }
        let plain = read("\"\(before)\(after)\"")
        #expect(plain.text == before + after)
        #expect(plain.plain == 1..<(1 + 19))
        let quoted = read("\"\(before)\"\(after)\"")
        #expect(quoted.text == before)
        #expect(quoted.end == offset + 2)
        let escaped = read("\"\(before)\\n\(after)\"")
        #expect(escaped.text == before + "\n" + after)
        #expect(escaped.plain == nil)
        let accented = read("\"\(before)é\(after)\"")
        #expect(accented.text == before + "é" + after)
        #expect(accented.plain == nil)
        let control = read("\"\(before)\u{01}\(after)\"")
        #expect(control.text == nil)
        let escapedQuote = read("\"\(before)\\\"\(after)\"")
        #expect(escapedQuote.text == before + "\"" + after)
        let accentedThenQuoted = read("\"\(before)é\\\"\(after)\"")
        #expect(accentedThenQuoted.text == before + "é\"" + after)
        let accentedThenEnd = read("\"\(before)é\"\(after)\"")
        #expect(accentedThenEnd.text == before + "é")
        #expect(accentedThenEnd.end == offset + 4)
        #expect(read("\"\(before)\(after)").text == nil)  // no closing quote
    }

    /// Random damage to valid lines (a byte dropped, doubled or replaced by one that matters to
    /// JSON): where the view still accepts a line, the decoder accepts it too, and both make the
    /// same change to a state that already holds the line's key.
    @Test func neverAcceptsALineTheDecoderRefuses() throws {
        var random = SplitMix64(seed: 17)
        let replacements: [UInt8] = Array(#"",:{}[]\n0-"#.utf8) + [0x01, 0x7F, 0xC3, 0xFF, UInt8(ascii: " ")]
        var accepted = 0
        for _ in 0..<20_000 {
            let original = Self.randomLine(&random)
            var bytes = Array(original.utf8)
            let position = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 3 {
            case 0: bytes.remove(at: position)
            case 1: bytes.insert(bytes[position], at: position)
            default: bytes[position] = replacements[Int(random.next() % UInt64(replacements.count))]
            }
            let damaged = String(decoding: bytes, as: UTF8.self)
            let view = bytes.withUnsafeBufferPointer { LedgerLineView($0) }
            guard view != nil else { continue }
            accepted += 1
            let decoded = bytes.withUnsafeBufferPointer { try? LedgerLineDecoder.decode($0, full: false) }
            #expect(decoded?.v == 1, "accepted, but the decoder refuses: \(damaged)")
            guard let decoded, decoded.v == 1, let intact = try? Self.referenceState([original]) else { continue }

            var fast = intact
            bytes.withUnsafeBufferPointer { fast.add(LedgerLineView($0)!, in: $0) }
            var reference = intact
            reference.add(decoded)
            Self.expectSame(fast, reference, "\(damaged)")
        }
        #expect(accepted > 1_000)  // the damage left enough lines readable for this to test anything
    }
}
