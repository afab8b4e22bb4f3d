#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The server a ledger record belongs to: the base URL normalised, or `simulator`.
public enum ServerIdentity {
    public static let simulator = "simulator"

    /// Scheme and host in lower case, default port dropped, no user information, no trailing slash.
    public static func normalize(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        components.user = nil
        components.password = nil
        if (components.scheme == "https" && components.port == 443) || (components.scheme == "http" && components.port == 80) {
            components.port = nil
        }
        components.query = nil
        components.fragment = nil
        while components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string ?? url
    }
}
