#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// The latest state of every (server, key) a ledger holds: what a re-run resumes from.
///
/// Built one record at a time (`add`), keeping per key only what decides the next step and what
/// the listings show, never whole records: memory grows with the keys, not with the records.
public struct LedgerState: Sendable {
    /// An intent record, reduced: which job, when, by which run.
    public struct RecordedIntent: Hashable, Sendable {
        public var identity: JobIdentity
        /// RFC 3339, as written.
        public var at: String
        public var run: String
    }

    /// An outcome record, reduced to what resume, prune, status and the listings read.
    public struct RecordedOutcome: Hashable, Sendable {
        public var identity: JobIdentity
        /// `nil` only for a record without one (the schema requires it).
        public var kind: JobOutcome.Kind?
        public var jobId: String?
        public var error: JobOutcome.ErrorInfo?
        /// RFC 3339, as written.
        public var at: String
        public var run: String
        /// The `--resubmit` token the job was sent under, if any.
        public var resubmitToken: String? = nil
    }

    /// One concrete job's history in the ledger, reduced to what decides the next step.
    public struct Entry: Hashable, Sendable {
        public var server: String
        public var key: String
        /// The latest outcome, if any.
        public var lastOutcome: RecordedOutcome?
        /// An intent written after the latest outcome: its request may have left, its answer is unknown.
        public var openIntent: RecordedIntent?
        /// When the first intent since the job was last settled (an outcome other than `unknown` or
        /// `cancelled`) was written: the earliest request whose effect the ledger does not know. A run
        /// that only reconciled and stayed `unknown` writes a later intent; the look-up must still
        /// reach back here.
        public var firstUnsettledIntentAt: String?
        /// When the latest intent was written, settled or not.
        public var lastIntentAt: String?

        public var hasOpenIntent: Bool { openIntent != nil }

        /// The JobId the server holds for this key, when the latest outcome says it holds one.
        public var liveJobId: String? {
            guard let outcome = lastOutcome, outcome.kind?.isLive == true else { return nil }
            return outcome.jobId
        }

        /// Whether a request of an earlier run may have created a job the ledger does not know of.
        public var isUncertain: Bool { hasOpenIntent || lastOutcome?.kind == .unknown }

        /// Where a look-up for such a job starts: the first unsettled intent, else the latest.
        public var uncertainSince: Date? {
            (firstUnsettledIntentAt ?? lastIntentAt).flatMap(KeyfactorDate.parse)
        }
    }

    private var table = LedgerEntryTable()
    /// The JobIds recorded per server: `jobIdSets[jobIdSetIndex[server]]`, each slot of the table
    /// naming its server's, so that a line adds its JobId without a look-up by the server's name.
    private var jobIdSets: [JobIdSet] = []
    private var jobIdSetIndex: [String: Int] = [:]
    /// The slots with decisive lines not yet replayed (see `note`).
    private var slotsToReplay: [Int] = []
    /// The run records in the order they appear.
    public private(set) var runs: [LedgerRecord] = []
    /// The latest run id read from a line view: thousands of lines in a row name the same one,
    /// which then share one string.
    private var lastRun = ""

    public init() {}

    public init(records: [LedgerRecord]) {
        for record in records { add(record) }
    }

    /// Whether an outcome of `kind` settles its key: what any earlier request did is then known.
    static func settles(_ kind: JobOutcome.Kind?) -> Bool {
        kind != .unknown && kind != .cancelled
    }

    /// Takes one more record, in the file's order.
    public mutating func add(_ record: LedgerRecord) {
        guard record.type != .run else { return runs.append(record) }
        guard let identity = JobIdentity(record: record) else { return }
        let slot = slot(server: record.server, key: identity.key)
        let change = Change(
            isIntent: record.type == .intent, identity: identity, at: record.at, run: record.run, kind: record.outcome,
            jobId: record.jobId, error: record.error, resubmitToken: record.resubmitToken)
        // Changed in place: no copy of the entry (a million records go through here).
        Self.update(&table[slot].entry, with: change)
        if record.type == .outcome, let jobId = record.jobId { jobIdSets[table[slot].jobIds].insert(jobId) }
    }

    /// Takes one more intent or outcome line, read as a view (`LedgerLineView`) of `line`: the same
    /// change as `add(_:)` of its record, with strings made only of what the entry does not hold yet.
    mutating func add(_ view: LedgerLineView, in line: UnsafeBufferPointer<UInt8>) {
        guard let keyRange = view.identity.key else { return }  // no key, no job: as `JobIdentity(record:)`
        let slot = slot(server: Self.bytes(line, view.server), key: Self.bytes(line, keyRange))
        let run = Self.reused(&lastRun, line, view.run)
        let at = Self.string(line, view.at)
        let jobId = view.jobId.map { Self.string(line, $0) }
        Self.update(&table[slot].entry) { (entry) in
            Change(
                isIntent: view.isIntent,
                identity: Self.identity(view, line, key: entry.key, reusing: entry.openIntent?.identity ?? entry.lastOutcome?.identity),
                at: at, run: run, kind: view.outcome, jobId: jobId, error: nil, resubmitToken: nil)
        }
        if !view.isIntent, let jobIdRange = view.jobId { jobIdSets[table[slot].jobIds].insert(utf8: Self.bytes(line, jobIdRange)) }
    }

    // MARK: - Streaming a file

    // A file is read in two passes. The first notes, per key, only where its decisive lines are
    // (`LedgerDecisiveLines`) and which JobIds outcomes record: no string is made of a line whose
    // key has a later one. The second reads those lines again and adds them, in the file's order.
    // Reading a year of ledger, that is one line in a hundred.

    /// Notes an intent or outcome line of the file being read, read as a view of `line`.
    mutating func note(_ view: LedgerLineView, in line: UnsafeBufferPointer<UInt8>, at position: LedgerLines.Position) {
        guard let keyRange = view.identity.key else { return }
        let slot = slot(server: Self.bytes(line, view.server), key: Self.bytes(line, keyRange))
        note(slot, position, isIntent: view.isIntent, outcome: view.outcome)
        if !view.isIntent, let jobIdRange = view.jobId { jobIdSets[table[slot].jobIds].insert(utf8: Self.bytes(line, jobIdRange)) }
    }

    /// Notes a line of the file being read that the view left to the decoder: a run record is
    /// taken as it is, an intent or outcome noted as a view's is.
    mutating func note(_ record: LedgerRecord, at position: LedgerLines.Position) {
        guard record.type != .run else { return runs.append(record) }
        guard let key = record.key else { return }
        let slot = slot(server: record.server, key: key)
        note(slot, position, isIntent: record.type == .intent, outcome: record.outcome)
        if record.type == .outcome, let jobId = record.jobId { jobIdSets[table[slot].jobIds].insert(jobId) }
    }

    private mutating func note(_ slot: Int, _ position: LedgerLines.Position, isIntent: Bool, outcome: JobOutcome.Kind?) {
        if table[slot].lines.isEmpty { slotsToReplay.append(slot) }
        table[slot].lines.take(position, isIntent: isIntent, outcome: outcome)
    }

    /// The decisive lines noted since the last call, in the file's order, each once: to be read
    /// again and added (`add`) in that order. The state is complete once they are.
    mutating func takeLinesToReplay() -> [LedgerLines.Position] {
        var positions: [LedgerLines.Position] = []
        positions.reserveCapacity(slotsToReplay.count * 2)
        for slot in slotsToReplay {
            positions += table[slot].lines.lines
            table[slot].lines = LedgerDecisiveLines()
        }
        slotsToReplay.removeAll()
        positions.sort { $0.offset < $1.offset }
        var previous = -1
        return positions.filter { (position) in
            defer { previous = position.offset }
            return position.offset != previous
        }
    }

    /// The slot of (server, key), a new one (with an empty entry) if the table has none.
    private mutating func slot(server: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = LedgerEntryTable.hash(server: server, key: key)
        if let slot = table.index(server: server, key: key, hash: hash) { return slot }
        return newSlot(server: String(decoding: server, as: UTF8.self), key: String(decoding: key, as: UTF8.self), hash: hash)
    }

    private mutating func slot(server: String, key: String) -> Int {
        let (slot, hash) = table.index(server: server, key: key)
        return slot ?? newSlot(server: server, key: key, hash: hash)
    }

    private mutating func newSlot(server: String, key: String, hash: UInt64) -> Int {
        let jobIds: Int
        if let index = jobIdSetIndex[server] {
            jobIds = index
        } else {
            jobIds = jobIdSets.count
            jobIdSets.append([])
            jobIdSetIndex[server] = jobIds
        }
        return table.append(LedgerEntryTable.Slot(entry: Entry(server: server, key: key), hash: hash, jobIds: jobIds))
    }

    /// What one intent or outcome record changes in its entry.
    private struct Change {
        var isIntent: Bool
        var identity: JobIdentity
        var at: String
        var run: String
        var kind: JobOutcome.Kind?
        var jobId: String?
        var error: JobOutcome.ErrorInfo?
        var resubmitToken: String?
    }

    private static func update(_ entry: inout Entry, with change: (Entry) -> Change) {
        update(&entry, with: change(entry))
    }

    private static func update(_ entry: inout Entry, with change: Change) {
        if change.isIntent {
            entry.openIntent = RecordedIntent(identity: change.identity, at: change.at, run: change.run)
            entry.lastIntentAt = change.at
            if entry.firstUnsettledIntentAt == nil { entry.firstUnsettledIntentAt = change.at }
        } else {
            entry.lastOutcome = RecordedOutcome(
                identity: change.identity, kind: change.kind, jobId: change.jobId, error: change.error, at: change.at, run: change.run,
                resubmitToken: change.resubmitToken)
            entry.openIntent = nil
            if settles(change.kind) { entry.firstUnsettledIntentAt = nil }
        }
    }

    /// The identity a line view names: `previous` itself when every member is the same (the common
    /// case, so the strings are shared, not made again), otherwise one made from the line.
    private static func identity(
        _ view: LedgerLineView, _ line: UnsafeBufferPointer<UInt8>, key: String, reusing previous: JobIdentity?
    ) -> JobIdentity {
        let ranges = view.identity
        if let previous, previous.key == key, same(previous.fingerprint, line, ranges.fingerprint), same(previous.manifest, line, ranges.manifest),
            same(previous.job, line, ranges.job), same(previous.agentId, line, ranges.agentId), same(previous.clientMachine, line, ranges.clientMachine),
            same(previous.jobTypeName, line, ranges.jobTypeName)
        {
            return previous
        }
        func text(_ range: Range<Int>?) -> String { range.map { string(line, $0) } ?? "" }
        return JobIdentity(
            key: key, fingerprint: text(ranges.fingerprint), manifest: text(ranges.manifest), job: text(ranges.job), agentId: text(ranges.agentId),
            clientMachine: text(ranges.clientMachine), jobTypeName: text(ranges.jobTypeName))
    }

    /// Whether `text` is what `range` of `line` spells, an absent range spelling "" (as in `JobIdentity(record:)`).
    private static func same(_ text: String, _ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?) -> Bool {
        guard let range else { return text.isEmpty }
        return LedgerLineView.spells(line, range, text)
    }

    private static func bytes(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[range])
    }

    /// `cache` when it spells `range` of `line`, else a new string, kept in `cache` for the next line.
    private static func reused(_ cache: inout String, _ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        if !same(cache, line, range) { cache = string(line, range) }
        return cache
    }

    /// The text of `range` of `line`, which `LedgerLineView` has checked is ASCII.
    private static func string(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
    }

    /// The entry for `key` on `server`, if the ledger has one.
    public func entry(server: String, key: String) -> Entry? {
        table.index(server: server, key: key).slot.map { table[$0].entry }
    }

    /// Every JobId an outcome on `server` recorded (compared without case): jobs the ledger already
    /// attributes to a key, which reconciling another key's lost answer must never claim.
    public func recordedJobIds(server: String) -> JobIdSet {
        jobIdSetIndex[server].map { jobIdSets[$0] } ?? []
    }

    /// Every entry, sorted by server then key.
    public var entries: [Entry] {
        table.slots.map(\.entry).sorted { ($0.server, $0.key) < ($1.server, $1.key) }
    }
}

extension LedgerState.Entry {
    init(server: String, key: String) {
        self.init(server: server, key: key, lastOutcome: nil, openIntent: nil, firstUnsettledIntentAt: nil, lastIntentAt: nil)
    }
}
