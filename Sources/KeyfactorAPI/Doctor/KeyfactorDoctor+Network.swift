import KeyfactorWire
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

extension KeyfactorDoctor {
    /// DNS, TCP and (for https, when no proxy is in between) the TLS handshake; `reachable` is false
    /// when the API cannot be reached at all, so that the checks after it are skipped.
    func networkChecks() async -> (checks: [DoctorCheck], reachable: Bool) {
        guard let components = URLComponents(string: settings.normalisedBaseURL), let host = components.host else {
            return ([], false)
        }
        let https = components.scheme?.lowercased() == "https"
        let port = components.port ?? (https ? 443 : 80)
        let proxy = settings.proxy.proxy(for: settings.normalisedBaseURL)
        let target = proxy.map { ($0.host, $0.port, "the proxy ") } ?? (host, port, "")
        var checks: [DoctorCheck] = []

        switch Self.resolve(target.0) {
        case .success(let addresses):
            checks.append(DoctorCheck("dns", .ok, "\(target.2)\(target.0) resolves to \(addresses.prefix(4).joined(separator: ", "))"))
        case .failure(let reason):
            let action = proxy == nil
                ? "check the host name in --url or KEYFACTOR_HOSTNAME, and this machine's DNS"
                : "check the proxy's host name in \(proxy?.variable ?? "HTTPS_PROXY")"
            checks.append(DoctorCheck("dns", .failed, "\(target.2)\(target.0) does not resolve: \(reason)", action: action))
            return (checks, false)
        }

        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(Int64(min(settings.connectTimeout, settings.timeout) * 1000)))
        do {
            let channel = try await bootstrap.connect(host: target.0, port: target.1).get()
            try? await channel.close()
            checks.append(DoctorCheck("tcp", .ok, "connected to \(target.2)\(target.0):\(target.1)"))
        } catch {
            let reason = Self.connectReason(error)
            let action = proxy == nil
                ? "check the port (--url or KEYFACTOR_PORT), that the server runs, and any firewall in between"
                : "check \(proxy?.variable ?? "HTTPS_PROXY"), or add \(host) to NO_PROXY if it is reached directly"
            checks.append(DoctorCheck("tcp", .failed, "cannot connect to \(target.2)\(target.0):\(target.1): \(reason)", action: action))
            return (checks, false)
        }

        guard https else {
            checks.append(DoctorCheck("tls", .skipped, "plain http: no TLS"))
            return (checks, true)
        }
        if let proxy {
            checks.append(DoctorCheck("tls", .skipped, "the handshake runs through the tunnel of \(proxy); the requests below check it"))
            return (checks, true)
        }
        let tls = await tlsCheck(host: host, port: port)
        checks.append(tls)
        return (checks, tls.status != .failed)
    }

    private func tlsCheck(host: String, port: Int) async -> DoctorCheck {
        let configuration: TLSConfiguration
        do {
            let http = try KeyfactorClient.httpConfiguration(
                settings, trust: settings.caCertificatePath, trustOrigin: "--ca-cert or \(KeyfactorEnvironment.caCert)", proxy: nil)
            configuration = http.tlsConfiguration ?? TLSConfiguration.makeClientConfiguration()
        } catch {
            return DoctorCheck("tls", .failed, "\(error)", action: "fix --ca-cert or KEYFACTOR_CA_CERT")
        }
        let url = settings.normalisedBaseURL
        do {
            let context = try NIOSSLContext(configuration: configuration)
            let handshake = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: NIOSSLCertificate?.self)
            let bootstrap = ClientBootstrap(group: handshake.futureResult.eventLoop)
                .connectTimeout(.milliseconds(Int64(min(settings.connectTimeout, settings.timeout) * 1000)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let isAddress = NoProxyRule.addressBytes(host) != nil
                        let ssl = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
                        try channel.pipeline.syncOperations.addHandler(ssl)
                        try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(promise: handshake))
                    }
                }
            let channel = try await bootstrap.connect(host: host, port: port).get()
            let timeout = channel.eventLoop.scheduleTask(in: .seconds(Int64(max(1, settings.timeout)))) {
                handshake.fail(ChannelError.connectTimeout(.seconds(Int64(max(1, settings.timeout)))))
            }
            defer { timeout.cancel() }
            let certificate: NIOSSLCertificate?
            do {
                certificate = try await handshake.futureResult.get()
            } catch {
                try? await channel.close()
                throw error
            }
            try? await channel.close()
            return Self.describe(certificate, insecure: settings.insecure, now: now())
        } catch {
            let classified = KeyfactorTransport.classify(error, url: url, bodySent: false)
            let reason = classified.kind == .tls ? KeyfactorTransport.tlsReason(error) : classified.description
            return DoctorCheck("tls", .failed, "the TLS handshake with \(host):\(port) failed: \(reason)",
                               action: "if the server uses a private CA, pass its PEM with --ca-cert FILE (or KEYFACTOR_CA_CERT, a path or the PEM itself); check that the URL's host name is in the certificate")
        }
    }

    static func describe(_ certificate: NIOSSLCertificate?, insecure: Bool, now: Date) -> DoctorCheck {
        var found = insecure ? "handshake done with verification off (--insecure)" : "certificate trusted"
        var status: DoctorCheck.Status = insecure ? .warning : .ok
        var action: String? = insecure ? "pass the server's CA with --ca-cert instead of --insecure" : nil
        if let certificate {
            let expiry = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
            let days = Int(expiry.timeIntervalSince(now) / 86_400)
            found += ", expires \(KeyfactorDate.formatDay(expiry)) (in \(days) days)"
            if days < 0 {
                status = .failed
                action = "renew the server's certificate"
            } else if days < 30, status == .ok {
                status = .warning
                action = "the server's certificate expires soon: tell its administrators"
            }
        }
        return DoctorCheck("tls", status, found, action: action)
    }

    private static func connectReason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("refused") || text.contains("errno: 111") { return "connection refused" }
        if text.lowercased().contains("timeout") || text.contains("timed out") { return "timed out" }
        return text
    }

    /// The host's addresses, through the system resolver.
    static func resolve(_ host: String) -> Result<[String], ResolveFailure> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, nil, &hints, &list)
        guard code == 0, let first = list else {
            return .failure(ResolveFailure(description: String(cString: gai_strerror(code)).lowercased()))
        }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let entry = next {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let address = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(address) { addresses.append(address) }
            }
            next = entry.pointee.ai_next
        }
        return .success(addresses)
    }

    struct ResolveFailure: Error, CustomStringConvertible {
        var description: String
    }
}

/// Completes a promise when the TLS handshake is done (with the peer's certificate) or fails.
private final class HandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<NIOSSLCertificate?>

    init(promise: EventLoopPromise<NIOSSLCertificate?>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
            promise.succeed(certificate)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }
}
