import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

extension KeyfactorTransport {
    /// A failure that happened at the proxy rather than at the server: the proxy refused the
    /// connection, asked for credentials (407), refused the tunnel or did not answer CONNECT.
    /// Nil when the failure is the server's (the tunnel was up).
    static func classifyProxyFailure(_ error: any Error, url: String, proxy: ProxyEndpoint) -> KeyfactorClientError? {
        if let error = error as? HTTPClientError {
            switch error {
            case .proxyAuthenticationRequired:
                let hint = proxy.hasCredentials
                    ? "the proxy refused the user and password in \(proxy.variable); check them"
                    : "put the proxy's credentials in \(proxy.variable) as http://USER:PASSWORD@HOST:PORT"
                return .proxy(proxy: proxy.description, variable: proxy.variable, url: url,
                              reason: "the proxy requires authentication (HTTP 407)", hint: hint)
            case .invalidProxyResponse:
                return .proxy(proxy: proxy.description, variable: proxy.variable, url: url,
                              reason: "the proxy refused to open a tunnel to the server",
                              hint: "check that the proxy allows CONNECT to this host and port, or add the host to NO_PROXY")
            case .httpProxyHandshakeTimeout:
                return .proxy(proxy: proxy.description, variable: proxy.variable, url: url,
                              reason: "the proxy did not answer CONNECT in time", hint: "check \(proxy.variable)")
            default:
                break
            }
        }
        // Any failure to connect happens between kfjobs and the proxy: the server is only reached
        // through the tunnel, after the proxy answered.
        let classified = classify(error, url: url, bodySent: false)
        if classified.kind == .connectionFailed || (classified.kind == .timeout && classified.isTransient) {
            let reason = classified.kind == .timeout ? "timed out connecting to the proxy" : "cannot connect to the proxy (\(connectionDetail(classified)))"
            return .proxy(proxy: proxy.description, variable: proxy.variable, url: url, reason: reason,
                          hint: "check \(proxy.variable), or add the server's host to NO_PROXY if it is reached directly")
        }
        return nil
    }

    private static func connectionDetail(_ error: KeyfactorClientError) -> String {
        let text = error.description
        if text.contains("connection refused") { return "connection refused" }
        if text.contains("cannot be resolved") { return "the proxy's host name cannot be resolved" }
        return "no connection"
    }
}
