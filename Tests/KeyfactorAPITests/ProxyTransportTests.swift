import Foundation
@testable import KeyfactorAPI
import Logging
import NIOSSL
import TestProxy
import Testing

/// The client through a real CONNECT proxy on 127.0.0.1: requests pass through it (TLS too),
/// NO_PROXY bypasses it, the token endpoint uses it, and a proxy that refuses is named in the error
/// with its credentials hidden.
@Suite struct ProxyTransportTests {
    static let endpoints = Reply.json(#"["GET /KeyfactorAPI/Agents"]"#)

    func settings(port: Int, scheme: String = "http", proxy: String, noProxy: String? = nil) throws -> ConnectionSettings {
        var environment = ["HTTPS_PROXY": proxy, "HTTP_PROXY": proxy]
        environment["NO_PROXY"] = noProxy
        var settings = ConnectionSettings(
            baseURL: "\(scheme)://127.0.0.1:\(port)/KeyfactorAPI",
            credentials: .basic(username: "svc", password: "hunter2", domain: nil), timeout: 30, userAgentVersion: "0.1.0")
        settings.getRetries = 0
        settings.proxy = try ProxySettings.resolve(environment: environment)
        return settings
    }

    @Test func requestsGoThroughTheProxyWithItsCredentials() async throws {
        let proxy = try await TestProxy.start(.init(credentials: ("alice", "pr0xy:secret")))
        defer { Task { try? await proxy.shutdown() } }
        try await withTestServer(handler: { _ in Self.endpoints }) { port, log in
            let settings = try settings(port: port, proxy: proxy.url(username: "alice", password: "pr0xy:secret"))
            let status = try await withKeyfactorClient(settings: settings) { try await $0.status() }
            #expect(status.endpoints == ["GET /KeyfactorAPI/Agents"])
            #expect(proxy.stats.tunnels == ["127.0.0.1:\(port)"])
            let basic = "Basic " + Data("alice:pr0xy:secret".utf8).base64EncodedString()
            #expect(proxy.stats.proxyAuthorizations == [basic])
            // The proxy's credentials go to the proxy only, never to the server.
            let headers = await log.requests.first?.headers ?? [:]
            #expect(headers["proxy-authorization"] == nil)
            #expect(headers["authorization"]?.hasPrefix("Basic ") == true)
        }
    }

    @Test func httpsGoesThroughTheTunnelEndToEnd() async throws {
        let material = try ThrowawayCertificate.make()
        defer { try? FileManager.default.removeItem(atPath: material.directory) }
        let tls = try material.serverTLS()
        let proxy = try await TestProxy.start()
        defer { Task { try? await proxy.shutdown() } }
        try await withTestServer(tls: tls, handler: { _ in Self.endpoints }) { port, _ in
            var settings = try settings(port: port, scheme: "https", proxy: proxy.url())
            // The CA as inline PEM, as KEYFACTOR_CA_CERT may hold it.
            settings.caCertificatePath = try String(contentsOfFile: material.certificatePath, encoding: .utf8)
            _ = try await withKeyfactorClient(settings: settings) { try await $0.status() }
            #expect(proxy.stats.tunnels == ["127.0.0.1:\(port)"])
        }
    }

    @Test func noProxyBypassesIt() async throws {
        let proxy = try await TestProxy.start()
        defer { Task { try? await proxy.shutdown() } }
        try await withTestServer(handler: { _ in Self.endpoints }) { port, log in
            for noProxy in ["127.0.0.1", "127.0.0.0/8", "*", "127.0.0.1:\(port)"] {
                let settings = try settings(port: port, proxy: proxy.url(), noProxy: noProxy)
                _ = try await withKeyfactorClient(settings: settings) { try await $0.status() }
            }
            #expect(proxy.stats.tunnels.isEmpty)
            #expect(await log.requests.count == 4)
        }
    }

    @Test func theTokenEndpointGoesThroughTheSameProxy() async throws {
        let proxy = try await TestProxy.start()
        defer { Task { try? await proxy.shutdown() } }
        try await withTestServer(handler: { request in
            request.path == "/token" ? .json(#"{"access_token": "t0k", "expires_in": 300}"#) : Self.endpoints
        }) { port, log in
            var settings = try settings(port: port, proxy: proxy.url())
            settings.credentials = .oauth(OAuthClientCredentials(
                clientId: "kfjobs", clientSecret: "s3cret", tokenURL: "http://127.0.0.1:\(port)/token"))
            _ = try await withKeyfactorClient(settings: settings) { try await $0.status() }
            #expect(await log.requests.map(\.path) == ["/token", "/KeyfactorAPI/Status/Endpoints"])
            #expect(proxy.stats.tunnels.count >= 1)
            #expect(proxy.stats.tunnels.allSatisfy { $0 == "127.0.0.1:\(port)" })
        }
    }

    @Test(arguments: [nil, "wrong"])
    func aProxyAskingForCredentialsIsNamedNotTheServer(password: String?) async throws {
        let proxy = try await TestProxy.start(.init(credentials: ("alice", "right")))
        defer { Task { try? await proxy.shutdown() } }
        try await withTestServer(handler: { _ in Self.endpoints }) { port, log in
            let url = password.map { proxy.url(username: "alice", password: $0) } ?? proxy.url()
            let settings = try settings(port: port, proxy: url)
            let error = try await #require(throws: KeyfactorClientError.self) {
                try await withKeyfactorClient(settings: settings) { try await $0.status() }
            }
            #expect(error.kind == .proxy)
            #expect(error.reachedServer == .never)
            let expectedProxy = password == nil ? "http://127.0.0.1:\(proxy.port)" : "http://***@127.0.0.1:\(proxy.port)"
            #expect(error.description.hasPrefix(
                "cannot reach http://127.0.0.1:\(port)/KeyfactorAPI/Status/Endpoints through the proxy \(expectedProxy) (HTTP_PROXY): the proxy requires authentication (HTTP 407); "))
            #expect(!error.description.contains("wrong") && !error.description.contains("alice"))
            #expect(!error.description.contains("check the URL (--url"), "the server is not to blame")
            #expect(await log.requests.isEmpty)
            #expect(proxy.stats.authenticationRefusals == 1)
        }
    }

    @Test func aRefusedConnectionToTheProxyIsNamed() async throws {
        let port = try closedPort()
        var settings = try settings(port: 443, proxy: "http://bob:hunter3@127.0.0.1:\(port)")
        settings.baseURL = "http://kf.example.com/KeyfactorAPI"
        settings.credentials = nil
        let error = try await #require(throws: KeyfactorClientError.self) {
            try await withKeyfactorClient(settings: settings) { try await $0.status() }
        }
        #expect(error.kind == .proxy)
        #expect(error.description == "cannot reach http://kf.example.com/KeyfactorAPI/Status/Endpoints through the proxy "
            + "http://***@127.0.0.1:\(port) (HTTP_PROXY): cannot connect to the proxy (connection refused); "
            + "check HTTP_PROXY, or add the server's host to NO_PROXY if it is reached directly")
        #expect(!error.description.contains("hunter3"))
    }

    @Test func aProxyRefusingTheTunnelIsNamed() async throws {
        let proxy = try await TestProxy.start(.init(refuseTunnels: true))
        defer { Task { try? await proxy.shutdown() } }
        let settings = try settings(port: 1, proxy: proxy.url())
        let error = try await #require(throws: KeyfactorClientError.self) {
            try await withKeyfactorClient(settings: settings) { try await $0.status() }
        }
        #expect(error.kind == .proxy)
        #expect(error.description.contains("the proxy refused to open a tunnel to the server"))
        #expect(proxy.stats.tunnelRefusals == 1)
    }

    @Test func debugLogsNeverShowTheProxyPassword() async throws {
        let proxy = try await TestProxy.start(.init(credentials: ("alice", "l0g-secret")))
        defer { Task { try? await proxy.shutdown() } }
        let lines = LogCapture()
        let logger = lines.logger()
        try await withTestServer(handler: { _ in Self.endpoints }) { port, _ in
            let good = try settings(port: port, proxy: proxy.url(username: "alice", password: "l0g-secret"))
            _ = try await withKeyfactorClient(settings: good, logger: logger) { try await $0.status() }
            let bad = try settings(port: port, proxy: proxy.url(username: "alice", password: "l0g-secret-but-wrong"))
            _ = try? await withKeyfactorClient(settings: bad, logger: logger) { try await $0.status() }
        }
        #expect(!lines.all.isEmpty)
        let encoded = Data("alice:l0g-secret".utf8).base64EncodedString()
        #expect(!lines.all.contains { $0.contains("l0g-secret") || $0.contains(encoded) })
    }
}

/// The token endpoint's own CA (`KEYFACTOR_AUTH_CA_CERT`), and TLS settings as Keyfactor's client has them.
@Suite struct TokenEndpointTrustTests {
    @Test func theTokenEndpointTrustsItsOwnCA() async throws {
        let material = try ThrowawayCertificate.make()
        defer { try? FileManager.default.removeItem(atPath: material.directory) }
        try await withTestServer(tls: try material.serverTLS(), handler: { _ in .json(#"{"access_token": "t0k", "expires_in": 300}"#) }) { idp, _ in
            try await withTestServer(handler: { _ in .json(#"["GET /KeyfactorAPI/Agents"]"#) }) { port, log in
                var settings = ConnectionSettings(
                    baseURL: "http://127.0.0.1:\(port)/KeyfactorAPI", credentials: .oauth(OAuthClientCredentials(
                        clientId: "kfjobs", clientSecret: "s3cret", tokenURL: "https://127.0.0.1:\(idp)/token")),
                    timeout: 30, userAgentVersion: "0.1.0")
                settings.getRetries = 0
                let untrusted = try await #require(throws: KeyfactorClientError.self) {
                    try await withKeyfactorClient(settings: settings) { try await $0.status() }
                }
                #expect(untrusted.kind == .tls)
                settings.authCACertificate = material.certificatePath
                _ = try await withKeyfactorClient(settings: settings) { try await $0.status() }
                #expect(await log.requests.first?.headers["authorization"] == "Bearer t0k")
            }
        }
    }

    @Test func oneRenegotiationIsAllowedAndTheProxyIsConfigured() throws {
        var settings = ConnectionSettings(baseURL: "https://kf.example.com/KeyfactorAPI", userAgentVersion: "0.1.0")
        settings.proxy = try ProxySettings.resolve(environment: ["HTTPS_PROXY": "http://u:p@proxy.corp:3128"])
        let configuration = try KeyfactorClient.httpConfiguration(settings)
        #expect(configuration.tlsConfiguration?.renegotiationSupport == .once)
        #expect(configuration.proxy?.host == "proxy.corp")
        #expect(configuration.proxy?.port == 3128)
        #expect(configuration.proxy?.authorization != nil, "Proxy-Authorization from the URL")
    }
}
