#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// Which lines of a ledger a compaction keeps, so that every command answers as before.
///
/// Kept, in the file's order and byte for byte: every `run` record (`unschedule --run` and the
/// listings name runs), and per (server, key) the records its latest state is made of
/// (`LedgerState.Entry`): the latest outcome (resume, status, `ledger`, prune), the latest intent (an
/// open one is reconciled), the first intent since the key was last settled and that settled outcome
/// (where a reconciliation window starts). For a key that is uncertain (an open intent, or `unknown`),
/// every outcome with a JobId of the same server, job type and orchestrator is kept too: reconciling
/// it must still recognise those jobs as other keys'. Everything else is history and goes.
struct LedgerCompactionSelection {
    /// What reconciliation matches a lost job by: the server, job type and orchestrator.
    struct Slot: Hashable {
        var server: String
        var jobTypeName: String
        var orchestrator: String
    }

    /// The state of the ledger as read, to check the compacted file against.
    let state: LedgerState
    /// The records the ledger holds (its lines that are not blank).
    let records: Int
    /// The lines kept whatever else is read, sorted: the run records' and each key's decisive ones.
    let lines: [Int]
    /// The slots of the uncertain keys, and how many keys are uncertain.
    let uncertainSlots: Set<Slot>
    let uncertainKeys: Int

    /// The selection of the ledger open on `descriptor`, read as every command reads it
    /// (`LedgerParser.stream(descriptor:path:into:lines:)`); its tail as the read left it.
    static func read(descriptor: Int32, path: String) throws(LedgerError) -> (LedgerCompactionSelection, LedgerLines.Tail) {
        var state = LedgerState()
        var read: LedgerParser.ReadLines? = LedgerParser.ReadLines()
        let tail = try LedgerParser.stream(descriptor: descriptor, path: path, into: &state, lines: &read)
        var slots = Set<Slot>()
        var uncertain = 0
        for entry in state.entries where entry.isUncertain {
            guard let identity = entry.openIntent?.identity ?? entry.lastOutcome?.identity else { continue }
            uncertain += 1
            slots.formUnion(Self.slots(server: entry.server, jobTypeName: identity.jobTypeName, agentId: identity.agentId, clientMachine: identity.clientMachine))
        }
        let lines = read.map { $0.numbers.sorted() } ?? []
        let selection = LedgerCompactionSelection(
            state: state, records: read?.records ?? 0, lines: lines, uncertainSlots: slots, uncertainKeys: uncertain)
        return (selection, tail)
    }

    /// The slots an intent or outcome belongs to: by AgentId and by client machine, as the look-ups
    /// match (JobHistory by AgentId, ScheduledJobs by client machine), both lower-cased.
    static func slots(_ record: LedgerRecord) -> [Slot] {
        slots(server: record.server, jobTypeName: record.jobTypeName ?? "", agentId: record.agentId ?? "", clientMachine: record.clientMachine ?? "")
    }

    static func slots(server: String, jobTypeName: String, agentId: String, clientMachine: String) -> [Slot] {
        var slots: [Slot] = []
        if !agentId.isEmpty { slots.append(Slot(server: server, jobTypeName: jobTypeName, orchestrator: "id:" + agentId.lowercased())) }
        if !clientMachine.isEmpty { slots.append(Slot(server: server, jobTypeName: jobTypeName, orchestrator: "machine:" + clientMachine.lowercased())) }
        return slots
    }
}

/// `kfjobs ledger compact`: rewrites a ledger to the records its commands still need.
///
/// Under the ledger's lock; the new ledger is written to a temporary file beside it, fsync'ed,
/// checked (read back, it must give the same state as the old one), renamed over the old one, and
/// the directory fsync'ed: a crash at any instant leaves the old ledger or the new one, never a mix.
public enum LedgerCompaction {
    /// What a compaction kept (or, dry, would keep).
    public struct Summary: Codable, Hashable, Sendable {
        public var ledger: String
        public var dryRun: Bool
        public var recordsBefore: Int
        public var recordsAfter: Int
        public var bytesBefore: Int
        public var bytesAfter: Int
        public var runs: Int
        public var keys: Int
        /// Keys with an open intent or an `unknown` outcome, kept with what reconciling them needs.
        public var uncertainKeys: Int
        /// A torn last line (an interrupted run's) was left out of the new ledger.
        public var removedTornLine: Bool

        public init(
            ledger: String, dryRun: Bool, recordsBefore: Int, recordsAfter: Int, bytesBefore: Int, bytesAfter: Int, runs: Int, keys: Int,
            uncertainKeys: Int, removedTornLine: Bool
        ) {
            self.ledger = ledger
            self.dryRun = dryRun
            self.recordsBefore = recordsBefore
            self.recordsAfter = recordsAfter
            self.bytesBefore = bytesBefore
            self.bytesAfter = bytesAfter
            self.runs = runs
            self.keys = keys
            self.uncertainKeys = uncertainKeys
            self.removedTornLine = removedTornLine
        }
    }

    /// The temporary file a compaction writes before renaming it over the ledger.
    public static func temporaryPath(for path: String) -> String {
        path + ".compact.tmp"
    }

    /// Compacts the ledger at `path` (or, with `dryRun`, only says what it would keep).
    ///
    /// - Parameter crashPoint: called at named points (`compact-written`, `compact-before-rename`,
    ///   `compact-renamed`), so that tests can kill the process there.
    public static func compact(
        path: String, holder: String, dryRun: Bool, crashPoint: (String) -> Void = { _ in }
    ) throws(LedgerError) -> Summary {
        let opened = try LedgerFile.open(path: path, holder: holder, readsState: false)
        defer { opened.file.close() }
        let input = SystemCall.open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .io(path: path, operation: "read", errno: errno) }
        defer { _ = SystemCall.close(input) }

        let (selection, tail) = try LedgerCompactionSelection.read(descriptor: input, path: path)
        let (lines, slots, uncertainKeys) = (selection.lines, selection.uncertainSlots, selection.uncertainKeys)
        let bytesBefore = tail.validLength + (tail.tornLine?.count ?? 0)

        let temporary = temporaryPath(for: path)
        // A temporary file left by a compaction that was killed: nobody else writes it (we hold the lock).
        if !dryRun { _ = unlink(temporary) }
        let output = dryRun ? -1 : SystemCall.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard dryRun || output >= 0 else { throw .io(path: temporary, operation: "create the compacted", errno: errno) }
        var writer = CompactionWriter(descriptor: output, path: temporary)
        do throws(LedgerError) {
            var next = 0
            _ = try LedgerLines.forEach(descriptor: input, path: path) { (line, position) throws(LedgerError) in
                while next < lines.count, lines[next] < position.number { next += 1 }
                var keep = next < lines.count && lines[next] == position.number
                if !keep, !slots.isEmpty, !LedgerLines.isBlank(line) {
                    let record = try LedgerParser.decode(line, number: position.number, path: path, full: false)
                    keep = record.type == .outcome && record.jobId != nil
                        && LedgerCompactionSelection.slots(record).contains(where: slots.contains)
                }
                if keep { try writer.write(line) }
            }
            try writer.flush()
            if dryRun {
                return summary(path, dryRun: true, selection, writer, bytesBefore: bytesBefore, uncertainKeys: uncertainKeys, torn: tail.tornLine != nil)
            }
            crashPoint("compact-written")
            guard fstatMode(of: input, to: output), fsync(output) == 0 else { throw LedgerError.io(path: temporary, operation: "fsync", errno: errno) }
            _ = SystemCall.close(output)
            writer.descriptor = -1
            try verify(temporary, against: selection.state)
        } catch {
            if output >= 0 && writer.descriptor >= 0 { _ = SystemCall.close(output) }
            if !dryRun { _ = unlink(temporary) }
            throw error
        }
        crashPoint("compact-before-rename")
        guard rename(temporary, path) == 0 else {
            let code = errno
            _ = unlink(temporary)
            throw .io(path: path, operation: "replace", errno: code)
        }
        crashPoint("compact-renamed")
        LedgerFile.syncDirectory(of: path)
        return summary(path, dryRun: false, selection, writer, bytesBefore: bytesBefore, uncertainKeys: uncertainKeys, torn: tail.tornLine != nil)
    }

    private static func summary(
        _ path: String, dryRun: Bool, _ selection: LedgerCompactionSelection, _ writer: CompactionWriter, bytesBefore: Int,
        uncertainKeys: Int, torn: Bool
    ) -> Summary {
        Summary(
            ledger: path, dryRun: dryRun, recordsBefore: selection.records, recordsAfter: writer.lines, bytesBefore: bytesBefore,
            bytesAfter: writer.bytes, runs: selection.state.runs.count, keys: selection.state.entries.count, uncertainKeys: uncertainKeys,
            removedTornLine: torn)
    }

    /// The new ledger keeps the old one's mode (it lives in git, maybe shared by a group).
    private static func fstatMode(of source: Int32, to target: Int32) -> Bool {
        var info = stat()
        guard fstat(source, &info) == 0 else { return false }
        return fchmod(target, info.st_mode & 0o7777) == 0
    }

    /// The compacted file, read back, has the state the ledger had: if not, it is not used.
    private static func verify(_ temporary: String, against state: LedgerState) throws(LedgerError) {
        var compacted = LedgerState()
        try LedgerReader.read(path: temporary, into: &compacted)
        guard compacted.runs == state.runs, compacted.entries == state.entries else {
            throw .compactionMismatch(path: temporary)
        }
    }
}

/// Buffered whole lines to the compacted file (one `write` per megabyte), counted.
struct CompactionWriter {
    var descriptor: Int32
    let path: String
    private var buffer: [UInt8] = []
    private(set) var lines = 0
    private(set) var bytes = 0

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ line: UnsafeBufferPointer<UInt8>) throws(LedgerError) {
        lines += 1
        bytes += line.count + 1
        guard descriptor >= 0 else { return }
        buffer.append(contentsOf: line)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(LedgerError) {
        guard descriptor >= 0, !buffer.isEmpty else { return }
        guard SystemCall.writeAll(descriptor, buffer) else { throw .io(path: path, operation: "write the compacted", errno: errno) }
        buffer.removeAll(keepingCapacity: true)
    }
}
