/// The latest state of every (server, key) a ledger holds: what a re-run resumes from.
public struct LedgerState: Sendable {
    /// One concrete job's history in the ledger, reduced to what decides the next step.
    public struct Entry: Hashable, Sendable {
        public var server: String
        public var key: String
        /// The latest outcome record, if any.
        public var lastOutcome: LedgerRecord?
        /// The latest intent record, if any.
        public var lastIntent: LedgerRecord?
        /// An intent written after the latest outcome: its request may have left, its answer is unknown.
        public var hasOpenIntent: Bool
        /// The first intent since the job was last settled (an outcome other than `unknown` or
        /// `cancelled`): the earliest request whose effect the ledger does not know. A run that only
        /// reconciled and stayed `unknown` writes a later intent; the look-up must still reach back here.
        public var firstUnsettledIntent: LedgerRecord?

        /// The JobId the server holds for this key, when the latest outcome says it holds one.
        public var liveJobId: String? {
            guard let outcome = lastOutcome, [.submitted, .adopted, .replaced].contains(outcome.outcome) else { return nil }
            return outcome.jobId
        }
    }

    private struct EntryKey: Hashable {
        var server: String
        var key: String
    }

    private var entriesByKey: [EntryKey: Entry] = [:]
    private var jobIdsByServer: [String: Set<String>] = [:]
    /// The run ids in the order their run records appear.
    public private(set) var runs: [LedgerRecord] = []

    public init(records: [LedgerRecord]) {
        for record in records {
            switch record.type {
            case .run:
                runs.append(record)
            case .intent, .outcome:
                guard let key = record.key else { continue }
                let id = EntryKey(server: record.server, key: key)
                var entry = entriesByKey[id] ?? Entry(
                    server: record.server, key: key, lastOutcome: nil, lastIntent: nil, hasOpenIntent: false, firstUnsettledIntent: nil)
                if record.type == .intent {
                    entry.lastIntent = record
                    entry.hasOpenIntent = true
                    if entry.firstUnsettledIntent == nil { entry.firstUnsettledIntent = record }
                } else {
                    entry.lastOutcome = record
                    entry.hasOpenIntent = false
                    if ![.unknown, .cancelled].contains(record.outcome) { entry.firstUnsettledIntent = nil }
                    if let jobId = record.jobId { jobIdsByServer[record.server, default: []].insert(jobId.lowercased()) }
                }
                entriesByKey[id] = entry
            }
        }
    }

    /// The entry for `key` on `server`, if the ledger has one.
    public func entry(server: String, key: String) -> Entry? {
        entriesByKey[EntryKey(server: server, key: key)]
    }

    /// Every JobId an outcome on `server` recorded, lower-cased: jobs the ledger already attributes to
    /// a key, which reconciling another key's lost answer must never claim.
    public func recordedJobIds(server: String) -> Set<String> {
        jobIdsByServer[server] ?? []
    }

    /// Every entry, sorted by server then key.
    public var entries: [Entry] {
        entriesByKey.values.sorted { ($0.server, $0.key) < ($1.server, $1.key) }
    }
}
