#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// One entry of `NO_PROXY`, matched as Go's `httpproxy` package (which Keyfactor's tools use)
/// matches it: `*` (everything), an IP address, a CIDR block, a host name (itself and its
/// subdomains), `.example.com` or `*.example.com` (subdomains only); any of them may end in `:PORT`.
public struct NoProxyRule: Sendable, Hashable, CustomStringConvertible {
    enum Pattern: Sendable, Hashable {
        case everything
        case address([UInt8])
        case block([UInt8], prefix: Int)
        /// `suffix` begins with a dot; `includesItself` for entries written without one.
        case domain(suffix: String, includesItself: Bool)
    }

    let pattern: Pattern
    let port: Int?
    /// The entry as written, for messages.
    public let description: String

    /// Parses `NO_PROXY`'s comma-separated list; blank entries are skipped. Throws on an entry that
    /// cannot mean anything (a CIDR block whose prefix is out of range, a port that is not a number).
    public static func parseList(_ text: String, variable: String) throws(KeyfactorClientError) -> [NoProxyRule] {
        var rules: [NoProxyRule] = []
        for raw in text.split(separator: ",") {
            let entry = raw.trimmingWhitespace().lowercased()
            if entry.isEmpty { continue }
            guard let rule = NoProxyRule(entry) else {
                throw .configuration("\(variable) holds \"\(entry)\", which is not a host, domain, IP address, "
                    + "CIDR block or *; separate entries with commas")
            }
            rules.append(rule)
        }
        return rules
    }

    init?(_ entry: String) {
        description = entry
        if entry == "*" {
            pattern = .everything
            port = nil
            return
        }
        if let slash = entry.firstIndex(of: "/") {
            guard let bytes = Self.addressBytes(String(entry[..<slash])), let prefix = Int(entry[entry.index(after: slash)...]),
                  (0...bytes.count * 8).contains(prefix)
            else { return nil }
            pattern = .block(bytes, prefix: prefix)
            port = nil
            return
        }
        let (host, port) = Self.splitPort(entry)
        guard let host, !host.isEmpty else { return nil }
        if port == -1 { return nil }
        self.port = port
        if let bytes = Self.addressBytes(host) {
            pattern = .address(bytes)
            return
        }
        var name = host
        if name.hasPrefix("*.") { name.removeFirst() }
        guard name != ".", !name.contains(where: { $0 == " " || $0 == "*" }) else { return nil }
        pattern = name.hasPrefix(".") ? .domain(suffix: name, includesItself: false) : .domain(suffix: "." + name, includesItself: true)
    }

    /// Whether a request to `host` on `port` goes direct.
    public func matches(host rawHost: String, port requestPort: Int) -> Bool {
        if let port, port != requestPort { return false }
        let host = rawHost.lowercased().trimmingScalars(in: "[]")
        switch pattern {
        case .everything:
            return true
        case .address(let bytes):
            return Self.addressBytes(host) == bytes
        case .block(let network, let prefix):
            guard let address = Self.addressBytes(host), address.count == network.count else { return false }
            return Self.samePrefix(address, network, bits: prefix)
        case .domain(let suffix, let includesItself):
            if Self.addressBytes(host) != nil { return false }
            return host.hasSuffix(suffix) || (includesItself && host == suffix.dropFirst())
        }
    }

    /// `host:port`, `[v6]:port`, a bare host or a bare IPv6 address. Port -1: one was written but is no number.
    private static func splitPort(_ entry: String) -> (String?, Int?) {
        if entry.hasPrefix("[") {
            guard let close = entry.firstIndex(of: "]") else { return (nil, nil) }
            let host = String(entry[entry.index(after: entry.startIndex)..<close])
            let rest = entry[entry.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.hasPrefix(":") else { return (nil, nil) }
            return (host, Int(rest.dropFirst()) ?? -1)
        }
        let colons = entry.filter { $0 == ":" }.count
        if colons == 1, let colon = entry.firstIndex(of: ":") {
            return (String(entry[..<colon]), Int(entry[entry.index(after: colon)...]) ?? -1)
        }
        return (entry, nil)
    }

    /// The address's bytes (4 or 16), or nil when `text` is not an IP address.
    static func addressBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    private static func samePrefix(_ a: [UInt8], _ b: [UInt8], bits: Int) -> Bool {
        var remaining = bits
        for index in a.indices where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if a[index] & mask != b[index] & mask { return false }
            remaining -= 8
        }
        return true
    }
}
