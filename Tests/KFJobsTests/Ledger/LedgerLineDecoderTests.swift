import Foundation
import Testing
import TestSupport
@testable import KFJobs

/// The hand-written line decoder against `JSONDecoder`, which read the ledger before it: the same
/// record from every line kfjobs writes, the same verdict on damaged lines, and strict where the
/// ledger must be (duplicates, fractions in integers).
@Suite struct LedgerLineDecoderTests {
    static func decode(_ text: String, full: Bool = true) throws(LedgerLineDecoder.Failure) -> LedgerRecord {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(LedgerLineDecoder.Failure) in
            try LedgerLineDecoder.decode(UnsafeBufferPointer(buffer), full: full)
        }
    }

    static func failure(_ text: String) -> LedgerLineDecoder.Failure? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    /// Every member's key names it, and no other text does: a byte changed anywhere, one more or
    /// one fewer, names no member (or, by chance, the member whose key it then is).
    @Test(arguments: LedgerLineDecoder.Member.allCases.filter { $0 != .unknown })
    func aKeyNamesItsMemberAndNothingElseDoes(member: LedgerLineDecoder.Member) {
        func named(_ bytes: [UInt8]) -> LedgerLineDecoder.Member {
            bytes.withUnsafeBufferPointer { LedgerLineDecoder.Member.named($0) }
        }
        func expected(_ bytes: [UInt8]) -> LedgerLineDecoder.Member {
            LedgerLineDecoder.Member.allCases.first { $0 != .unknown && Array($0.name.utf8) == bytes } ?? .unknown
        }
        let key = Array(member.name.utf8)
        #expect(named(key) == member)
        var variants = [Array(key.dropLast()), Array(key.dropFirst()), key + [UInt8(ascii: "s")], [UInt8(ascii: "_")] + key, key + key]
        for position in key.indices {
            for replacement in Array("aAjz_\"".utf8) + [0x00, 0xC3] where replacement != key[position] {
                var changed = key
                changed[position] = replacement
                variants.append(changed)
            }
        }
        for variant in variants {
            #expect(named(variant) == expected(variant), "\(String(decoding: variant, as: UTF8.self))")
        }
        #expect(named([]) == .unknown)
    }

    @Test(arguments: LedgerJSONLineTests.records)
    func everyKindOfRecordReadsBackWhole(record: LedgerRecord) throws {
        let line = String(decoding: record.jsonLine(), as: UTF8.self)
        #expect(try Self.decode(line) == record)
        #expect(try Self.decode(line) == (try JSONDecoder().decode(LedgerRecord.self, from: Data(line.utf8))))
    }

    @Test(arguments: LedgerJSONLineTests.awkwardStrings)
    func escapedStringsReadBackAsWritten(text: String) throws {
        var record = LedgerRecord(type: .outcome, at: Date(timeIntervalSince1970: 0), run: text, server: text)
        record.key = text
        record.error = .init(code: text, message: text)
        record.arguments = [text, text]
        record.ci = [text: text, "K": text]
        #expect(try Self.decode(String(decoding: record.jsonLine(), as: UTF8.self)) == record)
    }

    /// What an outcome's line alone shows is left out when only the state is wanted.
    @Test func theReducedFormLeavesOutWhatOnlyTheOutcomeLineShows() throws {
        let outcome = LedgerJSONLineTests.records[2]
        let reduced = try Self.decode(String(decoding: outcome.jsonLine(), as: UTF8.self), full: false)
        #expect(reduced.orchestratorId == nil && reduced.requestTimestamp == nil && reduced.httpStatus == nil)
        #expect(reduced.attempts == nil && reduced.durationMs == nil && reduced.reconciled == nil)
        var expected = outcome
        (expected.orchestratorId, expected.requestTimestamp, expected.httpStatus) = (nil, nil, nil)
        (expected.attempts, expected.durationMs, expected.reconciled) = (nil, nil, nil)
        #expect(reduced == expected)
    }

    @Test func whiteSpaceNullsAndUnknownMembersAreAcceptedAsJSONDecoderAcceptsThem() throws {
        let line = #" { "v" : 1 , "type":"outcome","at":"2026-01-01T00:00:00.000Z","run":"r","server":"s","key":"k","jobId":null,"#
            + #""later":{"nested":[1,2.5e3,-0,"x",true,false,null]},"outcome":"submitted"} "#
        let record = try Self.decode(line)
        #expect(record.key == "k" && record.jobId == nil && record.outcome == .submitted)
        #expect(record == (try JSONDecoder().decode(LedgerRecord.self, from: Data(line.utf8))))
    }

    static let base = #""type":"intent","at":"2026-01-01T00:00:00.000Z","run":"r","server":"s""#

    /// Damaged lines, and the reason the corruption message gives.
    @Test(arguments: [
        ("", LedgerLineDecoder.Failure.invalidJSON),
        ("this is not json", .invalidJSON),
        ("{\"v\":1,\(base)} trailing", .invalidJSON),
        ("{\"v\":1,\(base)", .invalidJSON),
        ("[1,2]", .invalidJSON),
        ("{\"v\":1,\(base),}", .invalidJSON),
        ("{\"v\":1,\(base),\"key\":\"a\u{01}b\"}", .invalidJSON),
        ("{\"v\":1,\(base),\"key\":\"a\\qb\"}", .invalidJSON),
        ("{\"v\":1,\(base),\"key\":\"\\ud800\"}", .invalidJSON),
        ("{\"v\":1,\(base),\"key\":\"\\udc00\\ud800\"}", .invalidJSON),
        ("{\"v\":1,\(base),\"later\":01}", .invalidJSON),
        ("{\"v\":1,\(base),\"later\":1.}", .invalidJSON),
        ("{\"v\":1,\(base),\"later\":tru}", .invalidJSON),
        ("{\"v\":1,\(base),\"later\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}", .invalidJSON),
        ("{\(base)}", .missing("v")),
        ("{\"v\":1,\"at\":\"t\",\"run\":\"r\",\"server\":\"s\"}", .missing("type")),
        ("{\"v\":1,\"type\":\"run\",\"at\":\"t\",\"server\":\"s\"}", .missing("run")),
        ("{\"v\":\"1\",\(base)}", .bad("v")),
        ("{\"v\":1.5,\(base)}", .bad("v")),
        ("{\"v\":1e400,\(base)}", .bad("v")),
        ("{\"v\":99999999999999999999,\(base)}", .bad("v")),
        ("{\"v\":1,\(base),\"outcome\":\"exploded\"}", .bad("outcome")),
        ("{\"v\":1,\"type\":\"checkpoint\",\"at\":\"t\",\"run\":\"r\",\"server\":\"s\"}", .bad("type")),
        ("{\"v\":1,\(base),\"attempts\":\"2\"}", .bad("attempts")),
        ("{\"v\":1,\(base),\"reconciled\":1}", .bad("reconciled")),
        ("{\"v\":1,\(base),\"error\":{\"code\":\"c\"}}", .bad("error")),
        ("{\"v\":1,\(base),\"inputs\":[{\"path\":\"p\"}]}", .bad("inputs")),
        ("{\"v\":1,\(base),\"arguments\":[\"a\",2]}", .bad("arguments")),
        ("{\"v\":1,\(base),\"ci\":{\"A\":1}}", .bad("ci")),
        ("{\"v\":1,\"type\":\"run\",\"at\":\"t\",\"run\":null,\"server\":\"s\"}", .bad("run")),
        ("{\"v\":1,\(base),\"key\":\"a\",\"key\":\"b\"}", .duplicate("key")),
        ("{\"v\":1,\(base),\"ci\":{\"A\":\"1\",\"A\":\"2\"}}", .duplicate("ci")),
    ])
    func damagedLinesAreRefusedWithTheirReason(line: String, failure: LedgerLineDecoder.Failure) {
        #expect(Self.failure(line) == failure, "\(line)")
    }

    @Test func invalidUTF8IsRefused() throws {
        var bytes = Array("{\"v\":1,\(Self.base),\"key\":\"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        let failure = bytes.withUnsafeMutableBufferPointer { buffer -> LedgerLineDecoder.Failure? in
            do throws(LedgerLineDecoder.Failure) {
                _ = try LedgerLineDecoder.decode(UnsafeBufferPointer(buffer))
                return nil
            } catch {
                return error
            }
        }
        #expect(failure != nil)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(LedgerRecord.self, from: Data(bytes)) }
    }

    /// Lines kfjobs wrote, damaged byte by byte (seeded): the decoder and `JSONDecoder` agree on which
    /// still read, and on what they read as; except that a member given twice, which `JSONDecoder`
    /// reads as its first value, is refused (kfjobs never writes one), and so is a raw control
    /// character in the string of a member `JSONDecoder` skips without reading.
    @Test func damagedLinesGetJSONDecodersVerdict() throws {
        var random = SplitMix64(seed: 17)
        var disagreements: [String] = []
        var accepted = 0
        var duplicates = 0
        var controls = 0
        let alphabet = Array(#"{}[]":,\ 0123456789.-eEtrufalsn"aA/"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        for record in LedgerJSONLineTests.records {
            let line = record.jsonLine()
            for _ in 0..<400 {
                var damaged = line
                let changes = Int(random.next() % 3) + 1
                for _ in 0..<changes {
                    let at = Int(random.next() % UInt64(damaged.count))
                    switch random.next() % 3 {
                    case 0: damaged[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    case 1: damaged.remove(at: at)
                    default: damaged.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
                    }
                }
                let ours = damaged.withUnsafeBufferPointer { buffer -> Result<LedgerRecord, LedgerLineDecoder.Failure> in
                    do throws(LedgerLineDecoder.Failure) {
                        return .success(try LedgerLineDecoder.decode(buffer))
                    } catch {
                        return .failure(error)
                    }
                }
                let theirs = try? JSONDecoder().decode(LedgerRecord.self, from: Data(damaged))
                if case .failure(.duplicate) = ours { duplicates += 1; continue }
                // JSONDecoder does not look inside the strings of members it skips; RFC 8259 forbids
                // a raw control character in any string, and so does the decoder.
                if case .failure(.invalidJSON) = ours, theirs != nil, damaged.contains(where: { $0 < 0x20 }) { controls += 1; continue }
                if case .success = ours { accepted += 1 }
                if (try? ours.get()) != theirs { disagreements.append(String(decoding: damaged, as: UTF8.self)) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements (\(duplicates) duplicates and \(controls) raw control characters set aside), first: \(disagreements.prefix(3))")
        #expect(accepted > 0, "some damaged lines still read (a changed letter inside a string)")
    }
}
