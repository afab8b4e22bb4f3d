import Foundation
import Portability
import Testing
import TestSupport
@testable import KFJobs

/// Reading a ledger as it streams: the same lines, numbers and torn tail whatever the chunk size,
/// the same state as from the whole file, and JobIds kept small but compared without case.
@Suite("Ledger streaming")
final class LedgerStreamingTests: Sendable {
    let scratch = ScratchDirectory("kfjobs-ledger-stream")

    /// The lines `LedgerLines` hands out for `text` read in chunks of `chunk` bytes, and its tail.
    private func lines(of text: String, chunk: Int) throws -> (lines: [String], numbers: [Int], offsets: [Int], tail: LedgerLines.Tail) {
        let path = try scratch.path("lines-\(UUID().uuidString)")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let descriptor = SystemCall.open(path, O_RDONLY)
        defer { _ = SystemCall.close(descriptor) }
        var lines: [String] = []
        var numbers: [Int] = []
        var offsets: [Int] = []
        let tail = try LedgerLines.forEach(descriptor: descriptor, path: path, chunkSize: chunk) { line, position in
            lines.append(String(decoding: line, as: UTF8.self))
            numbers.append(position.number)
            offsets.append(position.offset)
        }
        return (lines, numbers, offsets, tail)
    }

    @Test(arguments: [1, 2, 3, 7, 16, 64, 1 << 20])
    func chunkBoundariesChangeNothing(chunk: Int) throws {
        let text = "first\n\nsecond line, longer than a small chunk\nthird\ntorn, no newline"
        let read = try lines(of: text, chunk: chunk)
        #expect(read.lines == ["first", "", "second line, longer than a small chunk", "third"])
        #expect(read.numbers == [1, 2, 3, 4])
        #expect(read.offsets == [0, 6, 7, 46])
        #expect(read.tail.validLength == 52)
        #expect(read.tail.tornLine.map { String(decoding: $0, as: UTF8.self) } == "torn, no newline")

        let whole = try lines(of: "a\nb\n", chunk: chunk)
        #expect(whole.lines == ["a", "b"] && whole.tail.tornLine == nil && whole.tail.validLength == 4)
        let empty = try lines(of: "", chunk: chunk)
        #expect(empty.lines.isEmpty && empty.tail.tornLine == nil && empty.tail.validLength == 0)
    }

    /// Lines found by one pass are read again by their positions, a chunk at a time: the same bytes
    /// whatever the chunk size, a line longer than the chunk included, lines far apart or adjacent.
    @Test(arguments: [1, 7, 64, 1 << 20])
    func linesAreReadAgainByTheirPositions(chunk: Int) throws {
        var random = SplitMix64(seed: UInt64(chunk))
        let written = (0..<400).map { index in "line \(index) " + String(repeating: "x", count: Int(random.next() % 150)) }
        let path = try scratch.path("again-\(chunk).txt")
        try (written.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let descriptor = SystemCall.open(path, O_RDONLY)
        defer { _ = SystemCall.close(descriptor) }
        var positions: [LedgerLines.Position] = []
        _ = try LedgerLines.forEach(descriptor: descriptor, path: path) { _, position in positions.append(position) }
        let chosen = positions.filter { _ in random.next() % 3 == 0 } + positions.suffix(5)
        var again: [String] = []
        var numbers: [Int] = []
        try LedgerLines.forEach(descriptor: descriptor, path: path, at: Array(Set(chosen.map(\.number))).sorted().map { positions[$0 - 1] }, chunkSize: chunk) { line, position in
            again.append(String(decoding: line, as: UTF8.self))
            numbers.append(position.number)
        }
        #expect(!numbers.isEmpty)
        #expect(again == numbers.map { written[$0 - 1] })
    }

    /// A file cut short between the two passes (replaced under the reader) is not read as if whole:
    /// the error names the line that is gone.
    @Test func aLineGoneBeforeItIsReadAgainIsNamed() throws {
        let path = try scratch.path("cut.txt")
        try "first\nsecond\nthird line\n".write(toFile: path, atomically: false, encoding: .utf8)
        let descriptor = SystemCall.open(path, O_RDWR)
        defer { _ = SystemCall.close(descriptor) }
        var positions: [LedgerLines.Position] = []
        _ = try LedgerLines.forEach(descriptor: descriptor, path: path) { _, position in positions.append(position) }
        #expect(ftruncate(descriptor, 16) == 0)
        #expect {
            try LedgerLines.forEach(descriptor: descriptor, path: path, at: positions) { _, _ in }
        } throws: { error in
            (error as? LedgerError)?.corruptLine == 3 && "\(error)".contains("no longer there")
        }
    }

    private func record(_ type: LedgerRecord.RecordType, key: String?, outcome: LedgerRecord.Outcome? = nil, jobId: String? = nil, run: String = "r1", second: Int) -> LedgerRecord {
        var record = LedgerRecord(type: type, at: Date(timeIntervalSince1970: 1_796_000_000 + Double(second)), run: run, server: "simulator")
        record.key = key
        record.outcome = outcome
        record.jobId = jobId
        record.agentId = key.map { _ in "0b6c5c2e-3f7a-4d3e-9a53-1d2f4b9c8e71" }
        record.jobTypeName = key.map { _ in "FetchLogs" }
        return record
    }

    /// The state read as the file streams is the state of all its records taken at once.
    @Test func theStreamedStateIsTheStateOfTheWholeFile() throws {
        var records: [LedgerRecord] = []
        for run in 0..<30 {
            records.append(record(.run, key: nil, run: "r\(run)", second: run * 100))
            for key in 0..<20 {
                records.append(record(.intent, key: "m/j@\(key)", run: "r\(run)", second: run * 100 + key))
                if (run + key) % 7 != 0 {
                    let kind: LedgerRecord.Outcome = (run * key) % 11 == 0 ? .unknown : .submitted
                    records.append(record(.outcome, key: "m/j@\(key)", outcome: kind, jobId: kind == .submitted ? UUID().uuidString : nil, run: "r\(run)", second: run * 100 + key))
                }
            }
        }
        let path = try scratch.path("ledger.jsonl")
        let text = records.map { String(decoding: $0.jsonLine(), as: UTF8.self) + "\n" }.joined()
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        let streamed = try LedgerReader.state(paths: [path])
        let whole = LedgerState(records: records)
        #expect(streamed.entries == whole.entries)
        #expect(streamed.runs == whole.runs)
        #expect(streamed.recordedJobIds(server: "simulator") == whole.recordedJobIds(server: "simulator"))
        #expect(try LedgerReader.read(path: path) == records)

        let opened = try LedgerFile.open(path: path, holder: "test")
        #expect(opened.state.entries == whole.entries)
        opened.file.close()
    }

    /// A bad line deep in a file that is read in many chunks is still named by its number.
    @Test func corruptionFarIntoAStreamedFileNamesItsLine() throws {
        let good = String(decoding: record(.intent, key: "m/j@a", second: 0).jsonLine(), as: UTF8.self)
        var lines = Array(repeating: good, count: 30_000)
        lines[25_000] = "{\"v\":1,\"type\":\"intent\""
        let path = try scratch.path("corrupt.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        #expect {
            _ = try LedgerReader.state(paths: [path])
        } throws: { error in
            (error as? LedgerError)?.corruptLine == 25_001 && "\(error)".hasPrefix("\(path):25001: ledger record is corrupt (not a ledger record: invalid JSON)")
        }
    }

    @Test func aNewerRecordVersionIsRefused() throws {
        let path = try scratch.path("newer.jsonl")
        try "{\"v\":2,\"type\":\"run\",\"at\":\"t\",\"run\":\"r\",\"server\":\"s\"}\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect {
            _ = try LedgerReader.state(paths: [path])
        } throws: { error in
            (error as? LedgerError)?.corruptLine == 1 && "\(error)".contains("record version 2 is not 1; a newer kfjobs wrote it")
        }
    }

    @Test func jobIdsAreComparedWithoutCaseWhateverTheirShape() {
        var set: JobIdSet = ["0B6C5C2E-3F7A-4D3E-9A53-1D2F4B9C8E71", "J-Custom"]
        #expect(set.contains("0b6c5c2e-3f7a-4d3e-9a53-1d2f4b9c8e71"))
        #expect(set.contains("j-custom"))
        #expect(!set.contains("0b6c5c2e-3f7a-4d3e-9a53-1d2f4b9c8e72"))
        #expect(!set.contains("0b6c5c2e3f7a4d3e9a531d2f4b9c8e71"), "not a GUID without its dashes")
        set.insert("0b6c5c2e-3f7a-4d3e-9a53-1d2f4b9c8e71")
        #expect(set.count == 2)
        #expect(set.union(["x"]).count == 3 && set.count == 2)
        let known = KnownJobIds(recorded: set, thisRun: ["J-NEW"])
        #expect(known.contains("j-new") && known.contains("J-CUSTOM") && !known.contains("other"))
    }
}
