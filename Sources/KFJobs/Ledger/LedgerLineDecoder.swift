import Portability

/// Decodes one ledger line into a `LedgerRecord`, strictly: the JSON must be well-formed, each known
/// member of its type (`null` reads as absent for the optional ones), `v`, `type`, `at`, `run` and
/// `server` present, no member twice. Members it does not know are checked and skipped, as
/// `JSONDecoder` skips them, so a ledger with members a later kfjobs added still reads.
///
/// `full: false` leaves out what only an outcome's own line shows (OrchestratorId,
/// RequestTimestamp, HTTP status, attempts, duration, reconciled): nothing the reduced state
/// (`LedgerState`) keeps, so reading a ledger does not make strings of them.
enum LedgerLineDecoder {
    /// Why a line is not a record, in the words of the corruption message.
    enum Failure: Error, Equatable {
        case invalidJSON
        case missing(String)
        case bad(String)
        case duplicate(String)

        var reason: String {
            switch self {
            case .invalidJSON: "invalid JSON"
            case .missing(let name): "missing \"\(name)\""
            case .bad(let name): "bad \"\(name)\""
            case .duplicate(let name): "\"\(name)\" given twice"
            }
        }
    }

    /// The members of a record, by their key.
    enum Member: Int, CaseIterable {
        case v, type, at, run, server
        case version, user, host, arguments, inputs, ci
        case key, fingerprint, manifest, job, agentId, clientMachine, jobTypeName
        case outcome, jobId, orchestratorId, requestTimestamp, httpStatus, error, attempts, durationMs, reconciled
        case resubmitToken
        case unknown

        /// The key as written (compared as bytes, so no string is made for a key).
        var key: StaticString {
            switch self {
            case .v: "v"
            case .type: "type"
            case .at: "at"
            case .run: "run"
            case .server: "server"
            case .version: "version"
            case .user: "user"
            case .host: "host"
            case .arguments: "arguments"
            case .inputs: "inputs"
            case .ci: "ci"
            case .key: "key"
            case .fingerprint: "fingerprint"
            case .manifest: "manifest"
            case .job: "job"
            case .agentId: "agentId"
            case .clientMachine: "clientMachine"
            case .jobTypeName: "jobTypeName"
            case .outcome: "outcome"
            case .jobId: "jobId"
            case .orchestratorId: "orchestratorId"
            case .requestTimestamp: "requestTimestamp"
            case .httpStatus: "httpStatus"
            case .error: "error"
            case .attempts: "attempts"
            case .durationMs: "durationMs"
            case .reconciled: "reconciled"
            case .resubmitToken: "resubmitToken"
            case .unknown: "?"
            }
        }

        var name: String { key.description }

        /// The member a key names, comparing bytes (no string is made for a key).
        static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> Member {
            guard let base = bytes.baseAddress, bytes.count <= 16 else { return .unknown }
            let first = base[0]
            let a = UInt8(ascii: "a"), h = UInt8(ascii: "h"), j = UInt8(ascii: "j"), k = UInt8(ascii: "k"), m = UInt8(ascii: "m")
            let r = UInt8(ascii: "r"), s = UInt8(ascii: "s"), t = UInt8(ascii: "t"), u = UInt8(ascii: "u"), v = UInt8(ascii: "v")
            // By length first (a jump), then by the first byte: the one member it can be, whose whole
            // key is then compared (a first byte no key of that length has fails there).
            let candidate: Member
            switch bytes.count {
            case 1: candidate = .v
            case 2: candidate = first == a ? .at : .ci
            case 3: candidate = first == r ? .run : first == k ? .key : .job
            case 4: candidate = first == t ? .type : first == u ? .user : .host
            case 5: candidate = first == j ? .jobId : .error
            case 6: candidate = first == s ? .server : .inputs
            case 7: candidate = first == v ? .version : first == a ? .agentId : .outcome
            case 8: candidate = first == m ? .manifest : .attempts
            case 9: candidate = .arguments
            case 10: candidate = first == h ? .httpStatus : first == r ? .reconciled : .durationMs
            case 11: candidate = first == j ? .jobTypeName : .fingerprint
            case 13: candidate = first == r ? .resubmitToken : .clientMachine
            case 14: candidate = .orchestratorId
            case 16: candidate = .requestTimestamp
            default: return .unknown
            }
            let key = candidate.key
            guard key.utf8CodeUnitCount == bytes.count, Self.same(key.utf8Start, base, count: bytes.count) else { return .unknown }
            return candidate
        }

        /// Whether `count` (at most 16) bytes at `left` and `right` are the same: two overlapping
        /// loads from each, as keys are a few bytes and a line has a dozen of them.
        @inline(__always)
        private static func same(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int) -> Bool {
            func load<Word: FixedWidthInteger>(_ pointer: UnsafePointer<UInt8>, _ offset: Int, as _: Word.Type) -> Word {
                UnsafeRawPointer(pointer + offset).loadUnaligned(as: Word.self)
            }
            if count >= 8 {
                return load(left, 0, as: UInt64.self) == load(right, 0, as: UInt64.self)
                    && load(left, count - 8, as: UInt64.self) == load(right, count - 8, as: UInt64.self)
            }
            if count >= 4 {
                return load(left, 0, as: UInt32.self) == load(right, 0, as: UInt32.self)
                    && load(left, count - 4, as: UInt32.self) == load(right, count - 4, as: UInt32.self)
            }
            for offset in 0..<count where left[offset] != right[offset] { return false }
            return true
        }
    }

    static func decode(_ line: UnsafeBufferPointer<UInt8>, full: Bool = true) throws(Failure) -> LedgerRecord {
        var cursor = JSONCursor(line)
        var fields = Fields()
        var current = Member.unknown
        do {
            try cursor.object(match: Member.named) { (cursor, member) throws(JSONCursor.Invalid) in
                current = member
                try fields.read(member, from: &cursor, full: full)
            }
            try cursor.finish()
        } catch {
            if let failure = fields.failure { throw failure }
            // A value that parsed as JSON but not as its member's type names the member.
            throw current != .unknown && fields.typeError ? .bad(current.name) : .invalidJSON
        }
        if let failure = fields.failure { throw failure }
        return try fields.finished()
    }

    /// The members read so far.
    private struct Fields {
        /// One bit per member already read.
        var seen: UInt32 = 0
        var failure: Failure?
        var typeError = false
        var record = LedgerRecord(scannedType: .run, at: "", run: "", server: "")
        var v: Int?
        var type: LedgerRecord.RecordType?
        var at: String?
        var run: String?
        var server: String?

        mutating func read(_ member: Member, from cursor: inout JSONCursor, full: Bool) throws(JSONCursor.Invalid) {
            guard member != .unknown else { return try cursor.skipValue() }
            let bit: UInt32 = 1 << UInt32(member.rawValue)
            guard seen & bit == 0 else {
                failure = .duplicate(member.name)
                throw JSONCursor.Invalid()
            }
            seen |= bit
            typeError = false
            let start = cursor.index
            do {
                try readValue(member, from: &cursor, full: full)
            } catch {
                // A value well-formed as JSON but of the wrong type is reported as the member's.
                typeError = cursor.isWellFormedValue(at: start)
                throw error
            }
        }

        private mutating func readValue(_ member: Member, from cursor: inout JSONCursor, full: Bool) throws(JSONCursor.Invalid) {
            switch member {
            case .v: v = try cursor.int()
            case .type:
                guard let value = LedgerRecord.RecordType(rawValue: try cursor.string()) else { throw JSONCursor.Invalid() }
                type = value
            case .at: at = try cursor.string()
            case .run: run = try cursor.string()
            case .server: server = try cursor.string()
            case .version: record.version = try optionalString(&cursor)
            case .user: record.user = try optionalString(&cursor)
            case .host: record.host = try optionalString(&cursor)
            case .arguments:
                if try cursor.consumeNull() { return }
                var arguments: [String] = []
                try cursor.array { (cursor) throws(JSONCursor.Invalid) in arguments.append(try cursor.string()) }
                record.arguments = arguments
            case .inputs:
                if try cursor.consumeNull() { return }
                var inputs: [LedgerRecord.InputDigest] = []
                try cursor.array { (cursor) throws(JSONCursor.Invalid) in inputs.append(try Self.input(&cursor)) }
                record.inputs = inputs
            case .ci:
                if try cursor.consumeNull() { return }
                var ci: [String: String] = [:]
                var duplicate = false
                try cursor.map { (cursor, key) throws(JSONCursor.Invalid) in
                    if ci.updateValue(try cursor.string(), forKey: key) != nil { duplicate = true }
                }
                if duplicate {
                    failure = .duplicate("ci")
                    throw JSONCursor.Invalid()
                }
                record.ci = ci
            case .key: record.key = try optionalString(&cursor)
            case .fingerprint: record.fingerprint = try optionalString(&cursor)
            case .manifest: record.manifest = try optionalString(&cursor)
            case .job: record.job = try optionalString(&cursor)
            case .agentId: record.agentId = try optionalString(&cursor)
            case .clientMachine: record.clientMachine = try optionalString(&cursor)
            case .jobTypeName: record.jobTypeName = try optionalString(&cursor)
            case .outcome:
                if try cursor.consumeNull() { return }
                guard let value = LedgerRecord.Outcome(rawValue: try cursor.string()) else { throw JSONCursor.Invalid() }
                record.outcome = value
            case .jobId: record.jobId = try optionalString(&cursor)
            case .resubmitToken: record.resubmitToken = try optionalString(&cursor)
            case .error:
                if try cursor.consumeNull() { return }
                record.error = try Self.error(&cursor)
            case .orchestratorId, .requestTimestamp:
                if !full { return try skipString(&cursor) }
                let value = try optionalString(&cursor)
                if member == .orchestratorId { record.orchestratorId = value } else { record.requestTimestamp = value }
            case .httpStatus, .attempts, .durationMs:
                let value: Int? = try cursor.consumeNull() ? nil : cursor.int()
                guard full else { return }
                switch member {
                case .httpStatus: record.httpStatus = value
                case .attempts: record.attempts = value
                default: record.durationMs = value
                }
            case .reconciled:
                let value: Bool? = try cursor.consumeNull() ? nil : cursor.bool()
                if full { record.reconciled = value }
            case .unknown: try cursor.skipValue()
            }
        }

        private func optionalString(_ cursor: inout JSONCursor) throws(JSONCursor.Invalid) -> String? {
            try cursor.consumeNull() ? nil : cursor.string()
        }

        private func skipString(_ cursor: inout JSONCursor) throws(JSONCursor.Invalid) {
            if try cursor.consumeNull() { return }
            try cursor.skipString()
        }

        private static func input(_ cursor: inout JSONCursor) throws(JSONCursor.Invalid) -> LedgerRecord.InputDigest {
            var path: String?
            var sha256: String?
            try cursor.object(match: { String(decoding: $0, as: UTF8.self) }) { (cursor, key) throws(JSONCursor.Invalid) in
                switch key {
                case "path": guard path == nil else { throw JSONCursor.Invalid() }; path = try cursor.string()
                case "sha256": guard sha256 == nil else { throw JSONCursor.Invalid() }; sha256 = try cursor.string()
                default: try cursor.skipValue()
                }
            }
            guard let path, let sha256 else { throw JSONCursor.Invalid() }
            return LedgerRecord.InputDigest(path: path, sha256: sha256)
        }

        private static func error(_ cursor: inout JSONCursor) throws(JSONCursor.Invalid) -> LedgerRecord.ErrorInfo {
            var code: String?
            var message: String?
            try cursor.object(match: { String(decoding: $0, as: UTF8.self) }) { (cursor, key) throws(JSONCursor.Invalid) in
                switch key {
                case "code": guard code == nil else { throw JSONCursor.Invalid() }; code = try cursor.string()
                case "message": guard message == nil else { throw JSONCursor.Invalid() }; message = try cursor.string()
                default: try cursor.skipValue()
                }
            }
            guard let code, let message else { throw JSONCursor.Invalid() }
            return LedgerRecord.ErrorInfo(code: code, message: message)
        }

        func finished() throws(Failure) -> LedgerRecord {
            guard let v else { throw .missing("v") }
            guard let type else { throw .missing("type") }
            guard let at else { throw .missing("at") }
            guard let run else { throw .missing("run") }
            guard let server else { throw .missing("server") }
            var result = record
            result.v = v
            result.type = type
            result.at = at
            result.run = run
            result.server = server
            return result
        }
    }
}

extension LedgerRecord {
    /// A record whose members the line decoder fills in.
    init(scannedType type: RecordType, at: String, run: String, server: String) {
        self.type = type
        self.at = at
        self.run = run
        self.server = server
    }
}
