import Foundation

/// A fresh directory under the system's temporary directory, removed when the last reference to it
/// goes: held by a suite instance, it is one test's scratch space and is cleaned up after the test
/// (Swift Testing makes a new instance for every test and every argument).
public final class ScratchDirectory: Sendable {
    public let url: URL

    /// Names the directory `PREFIX-UUID`; it is created on first use.
    public init(_ prefix: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` in the directory, which is created if need be.
    public func path(_ name: String) throws -> String {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.appendingPathComponent(name).path
    }
}
