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

    public init() {}

    public init(records: [LedgerRecord]) {
        for record in records { add(record) }
    }

    /// Takes one more record, in the file's order.
    public mutating func add(_ record: LedgerRecord) {
        guard record.type != .run else { return runs.append(record) }
        guard let identity = JobIdentity(record: record) else { return }
        let id = EntryKey(server: record.server, key: identity.key)
        // Changed in place: one look-up, no copy of the entry (a million records go through here).
        Self.update(&entriesByKey[id, default: Entry(server: record.server, key: identity.key)], with: record, identity: identity)
        if record.type == .outcome, let jobId = record.jobId { jobIdsByServer[record.server, default: []].insert(jobId) }
    }

    private static func update(_ entry: inout Entry, with record: LedgerRecord, identity: JobIdentity) {
        if record.type == .intent {
            entry.openIntent = RecordedIntent(identity: identity, at: record.at, run: record.run)
            entry.lastIntentAt = record.at
            if entry.firstUnsettledIntentAt == nil { entry.firstUnsettledIntentAt = record.at }
        } else {
            entry.lastOutcome = RecordedOutcome(
                identity: identity, kind: record.outcome, jobId: record.jobId, error: record.error, at: record.at, run: record.run,
                resubmitToken: record.resubmitToken)
            entry.openIntent = nil
            if record.outcome != .unknown, record.outcome != .cancelled { entry.firstUnsettledIntentAt = nil }
        }
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
