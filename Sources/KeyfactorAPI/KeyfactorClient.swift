import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// The Keyfactor Command client: the calls kfjobs makes, with paging, auth, retries of GETs and
/// classified errors. Every call throws `KeyfactorClientError` only (typed throws; the futures of the
/// Dispatch-driven submissions fail with it too).
///
/// Create one per run and call `shutdown()` when done (or use `withKeyfactorClient`).
public final class KeyfactorClient: Sendable {
    public let settings: ConnectionSettings
    let transport: KeyfactorTransport
    let logger: Logger
    let tokens: TokenCache?
    let baseHeaders: HTTPHeaders
    /// The Authorization header for Basic credentials or a given token (nil otherwise).
    let staticAuthorization: String?
    /// One coder pair for every call (both are safe to share once configured).
    let bodyEncoder = KeyfactorJSON.encoder(casing: .pascal)
    let bodyDecoder = KeyfactorJSON.decoder()
    let eventLoopGroup: any EventLoopGroup
    let now: @Sendable () -> Date
    let sleep: @Sendable (TimeInterval) async throws -> Void
    private let httpClient: HTTPClientSet?

    /// A client over AsyncHTTPClient, configured from `settings` (TLS, timeouts, pool size).
    public convenience init(
        settings: ConnectionSettings, logger: Logger = Logger(label: "kfjobs.keyfactor"),
        eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup
    ) throws(KeyfactorClientError) {
        try settings.validate()
        let httpClient = try HTTPClientSet(settings: settings, eventLoopGroup: eventLoopGroup)
        self.init(
            settings: settings, transport: .asyncHTTPClient(httpClient), logger: logger,
            eventLoopGroup: eventLoopGroup, owning: httpClient)
    }

    /// A client over any transport (unit tests inject a closure). `now` and `sleep` stand in for
    /// the clock in token expiry and retry backoff.
    public convenience init(
        settings: ConnectionSettings, transport: KeyfactorTransport, logger: Logger = Logger(label: "kfjobs.keyfactor"),
        eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { seconds in
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) throws(KeyfactorClientError) {
        try settings.validate()
        self.init(
            settings: settings, transport: transport, logger: logger, eventLoopGroup: eventLoopGroup,
            owning: nil, now: now, sleep: sleep)
    }

    private init(
        settings: ConnectionSettings, transport: KeyfactorTransport, logger: Logger,
        eventLoopGroup: any EventLoopGroup, owning httpClient: HTTPClientSet?,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { seconds in
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) {
        self.settings = settings
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.httpClient = httpClient
        self.now = now
        self.sleep = sleep
        var headers = HTTPHeaders()
        headers.add(name: "x-keyfactor-requested-with", value: "APIClient")
        headers.add(name: "x-keyfactor-api-version", value: "1")
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "User-Agent", value: "kfjobs/\(settings.userAgentVersion)")
        baseHeaders = headers
        staticAuthorization = Self.staticAuthorization(settings.credentials)
        let proxySecrets = [settings.proxy.httpsProxy, settings.proxy.httpProxy].compactMap { $0?.secrets }.flatMap { $0 }
        let logged = Self.logging(transport, logger: logger, secrets: (settings.credentials?.secrets ?? []) + proxySecrets)
        self.transport = logged
        if case .oauth(let oauth) = settings.credentials {
            var tokenHeaders = HTTPHeaders()
            tokenHeaders.add(name: "Accept", value: "application/json")
            tokenHeaders.add(name: "User-Agent", value: "kfjobs/\(settings.userAgentVersion)")
            tokens = TokenCache(
                credentials: oauth, transport: logged, baseHeaders: tokenHeaders, timeout: settings.timeout, now: now)
        } else {
            tokens = nil
        }
    }

    private static func staticAuthorization(_ credentials: KeyfactorCredentials?) -> String? {
        switch credentials {
        case .basic(let username, let password, let domain)?:
            let user = KeyfactorCredentials.basicUser(username: username, domain: domain)
            return "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        case .accessToken(let token)?:
            return "Bearer " + token
        case .oauth?, nil:
            return nil
        }
    }

    /// Closes the connections. Required before the client is released when it owns an HTTP client.
    public func shutdown() async throws {
        try await httpClient?.shutdown()
    }
}

/// Runs `body` with a client and shuts it down afterwards, whatever happens.
public func withKeyfactorClient<T: Sendable>(
    settings: ConnectionSettings, logger: Logger = Logger(label: "kfjobs.keyfactor"),
    _ body: (KeyfactorClient) async throws -> T
) async throws -> T {
    let client = try KeyfactorClient(settings: settings, logger: logger)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
