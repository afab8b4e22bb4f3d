#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// Everything the client needs to reach Keyfactor Command, as values (never read from the process).
public struct ConnectionSettings: Sendable, Hashable, CustomStringConvertible {
    /// The base URL with the API path, e.g. `https://kf.example.com/KeyfactorAPI`.
    public var baseURL: String
    public var credentials: KeyfactorCredentials?
    /// CA certificates trusted in addition to the system's: a PEM file's path, or the PEM itself.
    public var caCertificatePath: String?
    /// The same for the OAuth token endpoint (`KEYFACTOR_AUTH_CA_CERT`); nil: `caCertificatePath`'s.
    public var authCACertificate: String?
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`.
    public var proxy: ProxySettings = .direct
    /// Which credential set is used and which were ignored, when several were given (names only).
    public var credentialChoice: CredentialChoice?
    /// Turns certificate verification off (the command line warns on stderr).
    public var insecure: Bool
    /// Allows credentials over plain `http://` to a host other than loopback.
    public var allowInsecureHTTP: Bool
    /// Per request, in seconds: from sending it until the whole answer is in.
    public var timeout: TimeInterval
    /// For establishing a connection (TCP and TLS), in seconds; capped by `timeout`.
    public var connectTimeout: TimeInterval
    /// The connection pool's limit per host; the submitter sizes it to its concurrency.
    public var maxConnectionsPerHost: Int
    /// `ReturnLimit` for listings.
    public var pageSize: Int
    /// How many times a GET is sent again after a transient failure.
    public var getRetries: Int
    /// The first backoff between GET retries, in seconds (doubled each time, with jitter).
    public var retryBaseDelay: TimeInterval
    /// The longest wait for a retry, whatever `Retry-After` says, in seconds.
    public var maxRetryDelay: TimeInterval
    /// The kfjobs version sent as `User-Agent: kfjobs/VERSION`.
    public var userAgentVersion: String

    public init(
        baseURL: String, credentials: KeyfactorCredentials? = nil, caCertificatePath: String? = nil,
        insecure: Bool = false, allowInsecureHTTP: Bool = false, timeout: TimeInterval = 60,
        connectTimeout: TimeInterval = 10, maxConnectionsPerHost: Int = 8, pageSize: Int = 100,
        getRetries: Int = 3, retryBaseDelay: TimeInterval = 0.25, maxRetryDelay: TimeInterval = 30,
        userAgentVersion: String = "0.0.0"
    ) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.caCertificatePath = caCertificatePath
        self.insecure = insecure
        self.allowInsecureHTTP = allowInsecureHTTP
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.pageSize = pageSize
        self.getRetries = getRetries
        self.retryBaseDelay = retryBaseDelay
        self.maxRetryDelay = maxRetryDelay
        self.userAgentVersion = userAgentVersion
    }

    public var description: String {
        var parts = ["url \(KeyfactorClientError.redactingUserInfo(baseURL))", "auth \(credentials?.description ?? "none")"]
        if let caCertificatePath { parts.append("ca-cert \(CertificateSource.shown(caCertificatePath))") }
        if let proxy = proxy.proxy(for: baseURL) { parts.append("proxy \(proxy)") }
        if insecure { parts.append("tls verification off") }
        parts.append("timeout \(timeout)s")
        return parts.joined(separator: ", ")
    }

    /// The base URL without a trailing slash, the scheme and host in lower case.
    var normalisedBaseURL: String {
        var text = baseURL
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Checks what can be checked without a network: the URL's shape and credentials over plain http.
    public func validate() throws(KeyfactorClientError) {
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw .configuration("the server URL \(KeyfactorClientError.redactingUserInfo(baseURL)) is not an absolute http or https URL; "
                + "give one like https://kf.example.com/KeyfactorAPI")
        }
        guard scheme == "https" || scheme == "http" else {
            throw .configuration("the server URL \(KeyfactorClientError.redactingUserInfo(baseURL)) uses \(scheme); use https (or http for a local server)")
        }
        if components.user != nil || components.password != nil {
            throw .configuration("the server URL must not carry credentials; use KEYFACTOR_USERNAME and KEYFACTOR_PASSWORD")
        }
        if scheme == "http", credentials != nil, !allowInsecureHTTP, !Self.isLoopback(host) {
            throw .configuration("refusing to send credentials over plain http to \(host); "
                + "use https, or pass --allow-insecure-http if this network is trusted")
        }
        if case .oauth(let oauth)? = credentials {
            guard let tokenURL = URLComponents(string: oauth.tokenURL), let tokenScheme = tokenURL.scheme?.lowercased(),
                  tokenScheme == "https" || tokenScheme == "http", let tokenHost = tokenURL.host, !tokenHost.isEmpty
            else {
                throw .configuration("the token URL \(KeyfactorClientError.redactingUserInfo(oauth.tokenURL)) is not an absolute http or https URL")
            }
            if tokenScheme == "http", !allowInsecureHTTP, !Self.isLoopback(tokenHost) {
                throw .configuration("refusing to send the client secret over plain http to \(tokenHost); "
                    + "use an https token URL, or pass --allow-insecure-http if this network is trusted")
            }
        }
        if timeout <= 0 { throw .configuration("the timeout must be more than 0 seconds") }
        if pageSize < 1 { throw .configuration("the page size must be at least 1") }
        if maxConnectionsPerHost < 1 { throw .configuration("the connection limit must be at least 1") }
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingScalars(in: "[]")
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }
}
