#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// Reads a ledger's lines into records as it streams them: a torn last line (no newline at the end)
/// is set aside, a blank line skipped, and any other line that does not decode is corruption,
/// reported with its line number, as is a record of a newer version than 1.
enum LedgerParser {
    /// Streams the ledger open on `descriptor`, handing each record and where its line is to `body`.
    ///
    /// - Parameter full: decode every member; otherwise only what `LedgerState` keeps (see
    ///   `LedgerLineDecoder`).
    static func stream(
        descriptor: Int32, path: String, full: Bool,
        _ body: (LedgerRecord, LedgerLines.Position, UnsafeBufferPointer<UInt8>) throws(LedgerError) -> Void
    ) throws(LedgerError) -> LedgerLines.Tail {
        try LedgerLines.forEach(descriptor: descriptor, path: path) { (line, position) throws(LedgerError) in
            if LedgerLines.isBlank(line) { return }
            let record = try decode(line, number: position.number, path: path, full: full)
            try body(record, position, line)
        }
    }

    /// Streams the ledger open on `descriptor` into `state`, in two passes (see `LedgerState.note`).
    /// The common line (an intent or outcome in plain ASCII) is read as a `LedgerLineView`, without a
    /// record being made of it; any other line is decoded as `stream` decodes it, which also words
    /// the error of a line that is corrupt.
    static func stream(descriptor: Int32, path: String, into state: inout LedgerState) throws(LedgerError) -> LedgerLines.Tail {
        var lines: ReadLines?
        return try stream(descriptor: descriptor, path: path, into: &state, lines: &lines)
    }

    /// What a compaction keeps of a ledger read into a state: the numbers of the lines the state is
    /// made of (each run record's, each key's decisive ones), and how many records the file holds.
    struct ReadLines {
        var records = 0
        var numbers: [Int] = []
    }

    /// `stream(descriptor:path:into:)`, telling `lines` (when there is one) which lines made the state.
    static func stream(
        descriptor: Int32, path: String, into state: inout LedgerState, lines: inout ReadLines?
    ) throws(LedgerError) -> LedgerLines.Tail {
        let tail = try LedgerLines.forEach(descriptor: descriptor, path: path) { (line, position) throws(LedgerError) in
            if LedgerLines.isBlank(line) { return }
            lines?.records += 1
            if let view = LedgerLineView(line) { return state.note(view, in: line, at: position) }
            let record = try decode(line, number: position.number, path: path, full: false)
            if record.type == .run { lines?.numbers.append(position.number) }
            state.note(record, at: position)
        }
        let replayed = state.takeLinesToReplay()
        lines?.numbers += replayed.map(\.number)
        try LedgerLines.forEach(descriptor: descriptor, path: path, at: replayed) { (line, position) throws(LedgerError) in
            if let view = LedgerLineView(line) { return state.add(view, in: line) }
            state.add(try decode(line, number: position.number, path: path, full: false))
        }
        return tail
    }

    /// One line as a record, or the corruption error that names it.
    static func decode(_ line: UnsafeBufferPointer<UInt8>, number: Int, path: String, full: Bool) throws(LedgerError) -> LedgerRecord {
        let record: LedgerRecord
        do {
            record = try LedgerLineDecoder.decode(line, full: full)
        } catch {
            throw .corrupt(path: path, line: number, reason: "not a ledger record: \(error.reason)")
        }
        guard record.v == 1 else {
            throw .corrupt(path: path, line: number, reason: "record version \(record.v) is not 1; a newer kfjobs wrote it")
        }
        return record
    }
}

/// The ledger's JSON: sorted keys (stable lines), slashes not escaped, no white space.
enum LedgerCoding {
    static func encode(_ record: LedgerRecord) -> [UInt8] {
        record.jsonLine()
    }
}

/// Reads a ledger without locking it, for commands that only look (plan, status, ledger).
public enum LedgerReader {
    /// The latest state of the ledgers at `paths`, read in order into one state (shards' ledgers
    /// merge); a ledger that does not exist reads as empty, a torn last line is ignored.
    ///
    /// Streams each file: memory grows with the keys and runs, not with the records.
    public static func state(paths: [String]) throws(LedgerError) -> LedgerState {
        var state = LedgerState()
        for path in paths { try read(path: path, into: &state) }
        return state
    }

    /// Adds the records of the ledger at `path` to `state`, in the file's order.
    public static func read(path: String, into state: inout LedgerState) throws(LedgerError) {
        try withDescriptor(path: path) { (descriptor) throws(LedgerError) in
            _ = try LedgerParser.stream(descriptor: descriptor, path: path, into: &state)
        }
    }

    /// Every record of the ledger at `path`, whole (none if it does not exist); a torn last line is
    /// ignored. For tests and tools: commands read the state instead.
    public static func read(path: String) throws(LedgerError) -> [LedgerRecord] {
        var records: [LedgerRecord] = []
        try withDescriptor(path: path) { (descriptor) throws(LedgerError) in
            _ = try LedgerParser.stream(descriptor: descriptor, path: path, full: true) { (record, _, _) throws(LedgerError) in
                records.append(record)
            }
        }
        return records
    }

    private static func withDescriptor(path: String, _ body: (Int32) throws(LedgerError) -> Void) throws(LedgerError) {
        let descriptor = SystemCall.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw .io(path: path, operation: "read", errno: errno)
        }
        defer { _ = SystemCall.close(descriptor) }
        try body(descriptor)
    }
}
