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
                var entry = entriesByKey[id] ?? Entry(server: record.server, key: key, lastOutcome: nil, lastIntent: nil, hasOpenIntent: false)
                if record.type == .intent {
                    entry.lastIntent = record
                    entry.hasOpenIntent = true
                } else {
                    entry.lastOutcome = record
                    entry.hasOpenIntent = false
                }
                entriesByKey[id] = entry
            }
        }
    }

    /// The entry for `key` on `server`, if the ledger has one.
    public func entry(server: String, key: String) -> Entry? {
        entriesByKey[EntryKey(server: server, key: key)]
    }

    /// Every entry, sorted by server then key.
    public var entries: [Entry] {
        entriesByKey.values.sorted { ($0.server, $0.key) < ($1.server, $1.key) }
    }
}
