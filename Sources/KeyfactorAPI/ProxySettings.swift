#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// The proxies of `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (either case), as values.
///
/// As in Go's `httpproxy` (Keyfactor's tools): an https URL goes through `HTTPS_PROXY`, an http
/// URL through `HTTP_PROXY`, neither falls back to the other, and a host `NO_PROXY` matches goes
/// direct. Unlike Go, loopback hosts are proxied too unless `NO_PROXY` names them (as curl does),
/// so that a proxy in front of a local server can be tested.
public struct ProxySettings: Sendable, Hashable {
    public var httpsProxy: ProxyEndpoint?
    public var httpProxy: ProxyEndpoint?
    public var noProxy: [NoProxyRule]

    public init(httpsProxy: ProxyEndpoint? = nil, httpProxy: ProxyEndpoint? = nil, noProxy: [NoProxyRule] = []) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    /// No proxy at all.
    public static let direct = ProxySettings()

    /// Reads the variables from `environment`, upper case first; a malformed value is an error naming it.
    public static func resolve(environment: [String: String]) throws(KeyfactorClientError) -> ProxySettings {
        func lookup(_ name: String) -> (name: String, value: String)? {
            for candidate in [name, name.lowercased()] {
                if let value = environment[candidate]?.trimmingWhitespace(), !value.isEmpty {
                    return (candidate, value)
                }
            }
            return nil
        }
        var settings = ProxySettings()
        if case let (name, value)? = lookup("HTTPS_PROXY") { settings.httpsProxy = try ProxyEndpoint.parse(value, variable: name) }
        if case let (name, value)? = lookup("HTTP_PROXY") { settings.httpProxy = try ProxyEndpoint.parse(value, variable: name) }
        if case let (name, value)? = lookup("NO_PROXY") { settings.noProxy = try NoProxyRule.parseList(value, variable: name) }
        return settings
    }

    /// The proxy a request to `url` goes through, or nil for a direct connection.
    public func proxy(for url: String) -> ProxyEndpoint? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host
        else { return nil }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        if noProxy.contains(where: { $0.matches(host: host, port: port) }) { return nil }
        return scheme == "https" ? httpsProxy : httpProxy
    }

    /// The `NO_PROXY` rule that sends `url` direct, if one does (for doctor's report).
    public func bypassRule(for url: String) -> NoProxyRule? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host
        else { return nil }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (scheme == "https" ? httpsProxy : httpProxy) != nil else { return nil }
        return noProxy.first { $0.matches(host: host, port: port) }
    }
}

/// An HTTP proxy: where it listens and the credentials its URL carried. The description never
/// shows the credentials: `http://***@proxy.corp:3128`.
public struct ProxyEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// The variable it came from (`HTTPS_PROXY`, `https_proxy`, ...), for messages.
    public var variable: String

    public init(host: String, port: Int, username: String? = nil, password: String? = nil, variable: String = "HTTPS_PROXY") {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.variable = variable
    }

    public var hasCredentials: Bool { username != nil }

    public var description: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "http://\(hasCredentials ? "***@" : "")\(hostText):\(port)"
    }

    /// The secrets to keep out of every message and log.
    public var secrets: [String] {
        [password, username].compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// `http://[user:password@]host[:port]`, or a bare `host:port` (taken as http, as Go and curl do).
    static func parse(_ text: String, variable: String) throws(KeyfactorClientError) -> ProxyEndpoint {
        let shown = KeyfactorClientError.redactingUserInfo(text)
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            throw .configuration("\(variable) is not a proxy URL: \(shown); give one like http://proxy.example.com:3128")
        }
        let scheme = components.scheme?.lowercased() ?? "http"
        guard scheme == "http" else {
            throw .configuration("\(variable) uses \(scheme)://, which kfjobs cannot use: give the proxy as http://HOST:PORT "
                + "(https servers are still reached through it with CONNECT, end to end encrypted)")
        }
        if let path = Optional(components.path), !path.isEmpty, path != "/" {
            throw .configuration("\(variable) must be http://HOST:PORT without a path, not \(shown)")
        }
        return ProxyEndpoint(
            host: host, port: components.port ?? 80,
            username: components.user, password: components.password,
            variable: variable)
    }
}
