import Foundation

/// One line of the ledger: a `run`, an `intent` or an `outcome` record, `"v": 1`.
///
/// One flat type with optional members, rather than three types, because the file is meant for
/// `grep` and `jq`: every record has the same keys for the same things (`key`, `agentId`, `jobId`).
public struct LedgerRecord: Codable, Hashable, Sendable {
    /// What a record says.
    public enum RecordType: String, Codable, Sendable {
        case run, intent, outcome
    }

    /// What became of one concrete job.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case submitted, adopted, replaced, unscheduled, rejected, failed, unknown, cancelled
    }

    /// The server's (or the transport's) error for a rejected, failed or unknown job.
    public struct ErrorInfo: Codable, Hashable, Sendable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// An input file of a run and the SHA-256 of its contents.
    public struct InputDigest: Codable, Hashable, Sendable {
        public var path: String
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public var v: Int = 1
    public var type: RecordType
    /// RFC 3339 UTC with milliseconds.
    public var at: String
    /// The run id, on every record.
    public var run: String
    /// The normalised server base URL, or `simulator`.
    public var server: String

    // run records
    public var version: String?
    public var user: String?
    public var host: String?
    public var arguments: [String]?
    public var inputs: [InputDigest]?
    public var ci: [String: String]?

    // intent and outcome records
    public var key: String?
    public var fingerprint: String?
    public var manifest: String?
    public var job: String?
    public var agentId: String?
    public var clientMachine: String?
    public var jobTypeName: String?

    // outcome records
    public var outcome: Outcome?
    public var jobId: String?
    public var orchestratorId: String?
    public var requestTimestamp: String?
    public var httpStatus: Int?
    public var error: ErrorInfo?
    public var attempts: Int?
    public var durationMs: Int?
    public var reconciled: Bool?

    public init(type: RecordType, at: Date, run: String, server: String) {
        self.type = type
        self.at = LedgerTime.format(at)
        self.run = run
        self.server = server
    }
}

/// The ledger's time format: RFC 3339, UTC, always with milliseconds.
public enum LedgerTime {
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = milliseconds / 86_400_000
        var remainder = milliseconds % 86_400_000
        if remainder < 0 {
            remainder += 86_400_000
            days -= 1
        }
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let seconds = remainder / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(remainder % 1000, 3))Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
