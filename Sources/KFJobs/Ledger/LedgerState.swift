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

    private struct EntryKey: Hashable {
        var server: String
        var key: String
    }

    private var entriesByKey: [EntryKey: Entry] = [:]
    private var jobIdsByServer: [String: JobIdSet] = [:]
    /// The run records in the order they appear.
    public private(set) var runs: [LedgerRecord] = []
    /// The latest run id and server read from a line view: thousands of lines in a row name the same
    /// ones, which then share one string.
    private var lastRun = ""
    private var lastServer = ""

    public init() {}

    public init(records: [LedgerRecord]) {
        for record in records { add(record) }
    }

    /// Takes one more record, in the file's order.
    public mutating func add(_ record: LedgerRecord) {
        guard record.type != .run else { return runs.append(record) }
        guard let identity = JobIdentity(record: record) else { return }
        let id = EntryKey(server: record.server, key: identity.key)
        let change = Change(
            isIntent: record.type == .intent, identity: identity, at: record.at, run: record.run, kind: record.outcome,
            jobId: record.jobId, error: record.error, resubmitToken: record.resubmitToken)
        // Changed in place: one look-up, no copy of the entry (a million records go through here).
        Self.update(&entriesByKey[id, default: Entry(server: record.server, key: identity.key)], with: change)
        if record.type == .outcome, let jobId = record.jobId { jobIdsByServer[record.server, default: []].insert(jobId) }
    }

    /// Takes one more intent or outcome line, read as a view (`LedgerLineView`) of `line`: the same
    /// change as `add(_:)` of its record, with strings made only of what the entry does not hold yet.
    mutating func add(_ view: LedgerLineView, in line: UnsafeBufferPointer<UInt8>) {
        guard let keyRange = view.identity.key else { return }  // no key, no job: as `JobIdentity(record:)`
        let server = Self.reused(&lastServer, line, view.server)
        let key = Self.string(line, keyRange)
        let run = Self.reused(&lastRun, line, view.run)
        let at = Self.string(line, view.at)
        let jobId = view.jobId.map { Self.string(line, $0) }
        Self.update(&entriesByKey[EntryKey(server: server, key: key), default: Entry(server: server, key: key)]) { (entry) in
            Change(
                isIntent: view.isIntent, identity: Self.identity(view, line, key: key, reusing: entry.openIntent?.identity ?? entry.lastOutcome?.identity),
                at: at, run: run, kind: view.outcome, jobId: jobId, error: nil, resubmitToken: nil)
        }
        if !view.isIntent, let jobIdRange = view.jobId {
            jobIdsByServer[server, default: []].insert(utf8: UnsafeBufferPointer(rebasing: line[jobIdRange]))
        }
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
            if change.kind != .unknown, change.kind != .cancelled { entry.firstUnsettledIntentAt = nil }
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
        entriesByKey[EntryKey(server: server, key: key)]
    }

    /// Every JobId an outcome on `server` recorded (compared without case): jobs the ledger already
    /// attributes to a key, which reconciling another key's lost answer must never claim.
    public func recordedJobIds(server: String) -> JobIdSet {
        jobIdsByServer[server] ?? []
    }

    /// Every entry, sorted by server then key.
    public var entries: [Entry] {
        entriesByKey.values.sorted { ($0.server, $0.key) < ($1.server, $1.key) }
    }
}

extension LedgerState.Entry {
    init(server: String, key: String) {
        self.init(server: server, key: key, lastOutcome: nil, openIntent: nil, firstUnsettledIntentAt: nil, lastIntentAt: nil)
    }
}
