import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobsManifest

/// The fingerprint of a concrete job: what it is, independent of the clock and of its secrets.
public enum JobFingerprint {
    /// The canonical JSON hashed: `{"fields": non-sensitive rendered fields, "jobType", "schedule": the
    /// declared schedule normalised}`.
    public static func canonicalJSON(jobType: String, schedule: DeclaredSchedule, fields: [ConcreteField]) -> String {
        var members: [String: CanonicalJSON] = [:]
        for field in fields where !field.isSensitive {
            members[field.name] = .string(field.value)
        }
        return CanonicalJSON.object([
            "fields": .object(members), "jobType": .string(jobType), "schedule": schedule.normalized,
        ]).text
    }

    /// SHA-256 of the canonical JSON, as lower-case hex.
    public static func compute(jobType: String, schedule: DeclaredSchedule, fields: [ConcreteField]) -> String {
        hex(SHA256.hash(data: Data(canonicalJSON(jobType: jobType, schedule: schedule, fields: fields).utf8)))
    }

    /// A SHA-256 digest as lower-case hex (fingerprints, and the input digests of plans and ledgers).
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}
