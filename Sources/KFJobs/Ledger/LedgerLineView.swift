import Portability

/// An intent or outcome line as `LedgerState` reads it, by where its values are in the line rather
/// than as strings: reading a year of ledger, almost every line repeats its key's identity, and
/// making (then freeing) a string of each value was most of the cost.
///
/// Only for the common line: every string it keeps is ASCII without escapes, and it has no member
/// that only a run record or a rare outcome carries (`error`, `resubmitToken`). For any other line,
/// and for any line that is not valid, `init` returns nil and the caller decodes it with
/// `LedgerLineDecoder`, which decides what the line is and words the error. So this reader may refuse
/// more than the decoder does, never less: where it accepts a line it checks what the decoder checks
/// (well-formed JSON, each member's type, no member twice, the required members, `v` 1).
struct LedgerLineView {
    typealias Member = LedgerLineDecoder.Member

    var isIntent: Bool
    var at: Range<Int>
    var run: Range<Int>
    var server: Range<Int>
    var identity = Identity()
    /// `nil` when absent or `null`, as in `LedgerRecord`.
    var jobId: Range<Int>?
    var outcome: JobOutcome.Kind?

    /// Where the members of a `JobIdentity` are; `nil` when absent or `null`, as in `LedgerRecord`.
    struct Identity {
        var key, fingerprint, manifest, job, agentId, clientMachine, jobTypeName: Range<Int>?
    }

    init?(_ line: UnsafeBufferPointer<UInt8>) {
        var scan = Scan()
        var cursor = JSONCursor(line)
        do {
            try cursor.object(match: Member.named) { (cursor, member) throws(JSONCursor.Invalid) in
                try scan.read(member, from: &cursor, in: line)
            }
            try cursor.finish()
        } catch {
            return nil
        }
        guard scan.v == 1, let isIntent = scan.isIntent, let at = scan.at, let run = scan.run, let server = scan.server else { return nil }
        self.isIntent = isIntent
        self.at = at
        self.run = run
        self.server = server
        identity = scan.identity
        jobId = scan.jobId
        outcome = scan.outcome
    }

    private struct Scan {
        var seen: UInt32 = 0
        var v: Int?
        var isIntent: Bool?
        var at, run, server: Range<Int>?
        var identity = Identity()
        var jobId: Range<Int>?
        var outcome: JobOutcome.Kind?

        mutating func read(_ member: Member, from cursor: inout JSONCursor, in line: UnsafeBufferPointer<UInt8>) throws(JSONCursor.Invalid) {
            guard member != .unknown else { return try cursor.skipValue() }
            let bit: UInt32 = 1 << UInt32(member.rawValue)
            guard seen & bit == 0 else { throw JSONCursor.Invalid() }
            seen |= bit
            switch member {
            case .v: v = try cursor.int()
            case .type:
                let text = try cursor.plainASCIIString()
                if LedgerLineView.spells(line, text, "intent") {
                    isIntent = true
                } else if LedgerLineView.spells(line, text, "outcome") {
                    isIntent = false
                } else {
                    throw JSONCursor.Invalid()  // a run record, or no record type: the decoder's
                }
            case .at: at = try cursor.plainASCIIString()
            case .run: run = try cursor.plainASCIIString()
            case .server: server = try cursor.plainASCIIString()
            case .key: identity.key = try optional(&cursor)
            case .fingerprint: identity.fingerprint = try optional(&cursor)
            case .manifest: identity.manifest = try optional(&cursor)
            case .job: identity.job = try optional(&cursor)
            case .agentId: identity.agentId = try optional(&cursor)
            case .clientMachine: identity.clientMachine = try optional(&cursor)
            case .jobTypeName: identity.jobTypeName = try optional(&cursor)
            case .jobId: jobId = try optional(&cursor)
            case .outcome:
                guard let text = try optional(&cursor) else { return }
                guard let kind = JobOutcome.Kind.allCases.first(where: { LedgerLineView.spells(line, text, $0.rawValue) }) else { throw JSONCursor.Invalid() }
                outcome = kind
            case .error, .resubmitToken:
                // Rare; the decoder reads them when they are there.
                guard try cursor.consumeNull() else { throw JSONCursor.Invalid() }
            case .orchestratorId, .requestTimestamp:
                // Not part of the state (the decoder's `full: false` skips them too).
                if try cursor.consumeNull() { return }
                try cursor.skipString()
            case .httpStatus, .attempts, .durationMs:
                if try cursor.consumeNull() { return }
                _ = try cursor.int()
            case .reconciled:
                if try cursor.consumeNull() { return }
                _ = try cursor.bool()
            case .version, .user, .host, .arguments, .inputs, .ci:
                throw JSONCursor.Invalid()  // a run record's members: the decoder's
            case .unknown:
                try cursor.skipValue()
            }
        }

        private func optional(_ cursor: inout JSONCursor) throws(JSONCursor.Invalid) -> Range<Int>? {
            try cursor.consumeNull() ? nil : cursor.plainASCIIString()
        }
    }

    /// Whether `range` of `line` holds exactly the UTF-8 of `text`.
    static func spells(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: String) -> Bool {
        spells(UnsafeBufferPointer(rebasing: line[range]), text)
    }

    /// Whether `bytes` are exactly the UTF-8 of `text`.
    static func spells(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { (own) in
            own.count == bytes.count && (own.isEmpty || memcmp(own.baseAddress.unsafelyUnwrapped, bytes.baseAddress.unsafelyUnwrapped, own.count) == 0)
        } ?? text.utf8.elementsEqual(bytes)
    }
}
