#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// One line of `kfjobs doctor`: what was checked, what it found, and what to do about it.
public struct DoctorCheck: Sendable, Hashable {
    /// How a check came out; any `failed` means kfjobs cannot work against this server.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case ok, warning, failed, skipped
    }

    /// A short stable name: `url`, `proxy`, `dns`, `tcp`, `tls`, `credentials`, `token`, `auth`, ...
    public var name: String
    public var status: Status
    /// What the check found; never a secret.
    public var found: String
    /// What to do, when there is something to do.
    public var action: String?

    public init(_ name: String, _ status: Status, _ found: String, action: String? = nil) {
        self.name = name
        self.status = status
        self.found = found
        self.action = action
    }
}

/// Everything `kfjobs doctor` found about one server.
public struct DoctorReport: Sendable, Hashable {
    /// The server's base URL, without any user information.
    public var server: String
    public var checks: [DoctorCheck]

    public init(server: String, checks: [DoctorCheck]) {
        self.server = server
        self.checks = checks
    }

    /// Whether kfjobs can work against this server: no check failed.
    public var canWork: Bool { !checks.contains { $0.status == .failed } }

    /// The report as `kfjobs doctor --output json` prints it (`schemas/kfjobs-doctor.schema.json`).
    public var json: String {
        var writer = JSONWriter()
        writer.begin()
        writer.member("server", server)
        writer.member("canWork", canWork)
        writer.key("checks")
        writer.beginArray()
        for check in checks {
            writer.element()
            writer.begin()
            writer.member("name", check.name)
            writer.member("status", check.status.rawValue)
            writer.member("found", check.found)
            writer.member("action", check.action)
            writer.end()
        }
        writer.endArray()
        writer.end()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
