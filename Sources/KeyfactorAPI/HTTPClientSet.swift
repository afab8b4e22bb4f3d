import KeyfactorWire
import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOSSL

/// The HTTP clients of one Keyfactor client: one for the API and, when the token endpoint needs
/// another trust store (`KEYFACTOR_AUTH_CA_CERT`) or another proxy decision (`NO_PROXY`), one for it.
/// AsyncHTTPClient holds one proxy and one TLS configuration per client, so each route is a client.
final class HTTPClientSet: Sendable {
    /// A client and the proxy it goes through (for messages that must name the proxy).
    struct Route: Sendable {
        let client: HTTPClient
        let proxy: ProxyEndpoint?
    }

    let api: Route
    private let token: Route?
    private let tokenURL: String?

    init(settings: ConnectionSettings, eventLoopGroup: any EventLoopGroup) throws(KeyfactorClientError) {
        let apiProxy = settings.proxy.proxy(for: settings.baseURL)
        let apiConfiguration = try KeyfactorClient.httpConfiguration(settings)
        var tokenConfiguration: (HTTPClient.Configuration, ProxyEndpoint?)?
        if case .oauth(let oauth)? = settings.credentials {
            let tokenProxy = settings.proxy.proxy(for: oauth.tokenURL)
            if settings.authCACertificate != nil || tokenProxy != apiProxy {
                let configuration = try KeyfactorClient.httpConfiguration(
                    settings, trust: settings.authCACertificate ?? settings.caCertificatePath,
                    trustOrigin: settings.authCACertificate != nil ? KeyfactorEnvironment.authCACert : "--ca-cert or \(KeyfactorEnvironment.caCert)",
                    proxy: tokenProxy)
                tokenConfiguration = (configuration, tokenProxy)
            }
            tokenURL = oauth.tokenURL
        } else {
            tokenURL = nil
        }
        api = Route(client: HTTPClient(eventLoopGroup: eventLoopGroup, configuration: apiConfiguration), proxy: apiProxy)
        token = tokenConfiguration.map {
            Route(client: HTTPClient(eventLoopGroup: eventLoopGroup, configuration: $0.0), proxy: $0.1)
        }
    }

    /// The route a request to `url` takes.
    func route(for url: String) -> Route {
        if let token, url == tokenURL { return token }
        return api
    }

    func shutdown() async throws {
        try await api.client.shutdown()
        try await token?.client.shutdown()
    }
}

extension KeyfactorClient {
    /// The API route's configuration.
    static func httpConfiguration(_ settings: ConnectionSettings) throws(KeyfactorClientError) -> HTTPClient.Configuration {
        try httpConfiguration(
            settings, trust: settings.caCertificatePath, trustOrigin: "--ca-cert or \(KeyfactorEnvironment.caCert)",
            proxy: settings.proxy.proxy(for: settings.baseURL))
    }

    /// AsyncHTTPClient's configuration for one route: the trust store, the proxy, timeouts, the pool.
    static func httpConfiguration(
        _ settings: ConnectionSettings, trust: String?, trustOrigin: String, proxy: ProxyEndpoint?
    ) throws(KeyfactorClientError) -> HTTPClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let trust {
            // Read now, so a bad bundle is a clear configuration error rather than a handshake failure.
            tls.additionalTrustRoots = [.certificates(try CertificateSource.certificates(trust, origin: trustOrigin))]
        }
        if settings.insecure { tls.certificateVerification = .none }
        // Some IIS set-ups renegotiate once to ask for a client certificate; Keyfactor's client allows it.
        tls.renegotiationSupport = .once
        let connect = min(settings.connectTimeout, settings.timeout)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            // No read timeout: every request carries a deadline of `settings.timeout`, which bounds
            // the read as well; a read timer as long would only cost one more timer per request.
            timeout: .init(connect: .milliseconds(Int64(connect * 1000))),
            connectionPool: .init(
                idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.maxConnectionsPerHost),
            decompression: .disabled
        )
        if let proxy {
            // CONNECT for every scheme (AsyncHTTPClient tunnels plain http too); the credentials go
            // only to the proxy, as Proxy-Authorization.
            let authorization = proxy.username.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        // HTTP/1.1 keeps one request per connection, so "connections per host" is the concurrency.
        configuration.httpVersion = .http1Only
        // Otherwise a refused connection or a failed handshake is retried silently until the
        // request's deadline: fail at once, classified as never sent, and let the caller decide
        // (GETs are retried here with a backoff, POSTs by the submitter).
        configuration.connectionPool.retryConnectionEstablishment = false
        // kfjobs exports no traces; without this, each request would start a span on the global
        // (no-op) tracer and fill in its attributes.
        configuration.tracing.tracer = nil
        return configuration
    }
}
