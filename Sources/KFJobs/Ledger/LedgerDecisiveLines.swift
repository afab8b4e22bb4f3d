/// The lines of one key's history that its state (`LedgerState.Entry`) is made of: the latest
/// outcome, the latest outcome that settled the key, the latest intent, and the first intent since
/// the key was last settled.
///
/// Replaying only these, in the file's order, onto the state the key had before the file gives the
/// state that replaying every line gives: the latest outcome and intent decide `lastOutcome`,
/// `openIntent` and `lastIntentAt`; the settling outcome clears `firstUnsettledIntentAt` as it did, and
/// the first intent after it sets it again. A compaction keeps these lines (and the runs), and a
/// read of a long ledger makes records only of them, after streaming the file once.
struct LedgerDecisiveLines<Line: Sendable>: Sendable {
    private(set) var lastOutcome: Line?
    private(set) var lastSettlingOutcome: Line?
    private(set) var lastIntent: Line?
    private(set) var firstUnsettledIntent: Line?

    /// Takes the next intent or outcome of the key, in the file's order.
    mutating func take(_ line: Line, isIntent: Bool, outcome kind: JobOutcome.Kind?) {
        if isIntent {
            lastIntent = line
            if firstUnsettledIntent == nil { firstUnsettledIntent = line }
        } else {
            lastOutcome = line
            if LedgerState.settles(kind) {
                lastSettlingOutcome = line
                firstUnsettledIntent = nil
            }
        }
    }

    var isEmpty: Bool { lastOutcome == nil && lastIntent == nil }

    /// The lines, a line twice when it is both (the latest intent is often the first unsettled one).
    var lines: [Line] {
        [lastOutcome, lastSettlingOutcome, lastIntent, firstUnsettledIntent].compactMap { $0 }
    }
}
