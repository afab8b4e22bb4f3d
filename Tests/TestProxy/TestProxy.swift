import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A CONNECT proxy on 127.0.0.1 for tests: it opens a tunnel for each `CONNECT host:port`, can
/// demand Basic credentials (407 otherwise) or refuse every tunnel (403), and counts what it saw.
/// Only tests use it; it needs nothing installed.
public final class TestProxy: Sendable {
    /// What passed through, for assertions.
    public struct Stats: Sendable, Hashable {
        /// Tunnels opened, by `host:port`.
        public var tunnels: [String] = []
        /// CONNECTs answered 407 (no or wrong credentials).
        public var authenticationRefusals = 0
        /// CONNECTs answered 403 (a refusing proxy).
        public var tunnelRefusals = 0
        /// Every `Proxy-Authorization` header received, as sent.
        public var proxyAuthorizations: [String] = []
        /// Requests that were not CONNECT (answered 405).
        public var otherRequests = 0
    }

    /// How the proxy behaves.
    public struct Behaviour: Sendable {
        /// Demand these Basic credentials.
        public var credentials: (username: String, password: String)?
        /// Answer every CONNECT with 403.
        public var refuseTunnels: Bool

        public init(credentials: (username: String, password: String)? = nil, refuseTunnels: Bool = false) {
            self.credentials = credentials
            self.refuseTunnels = refuseTunnels
        }
    }

    private let channel: any Channel
    let state: NIOLockedValueBox<Stats>
    let behaviour: Behaviour
    public let port: Int

    private init(channel: any Channel, state: NIOLockedValueBox<Stats>, behaviour: Behaviour, port: Int) {
        self.channel = channel
        self.state = state
        self.behaviour = behaviour
        self.port = port
    }

    /// Listens on 127.0.0.1, port 0.
    public static func start(_ behaviour: Behaviour = Behaviour()) async throws -> TestProxy {
        let state = NIOLockedValueBox(Stats())
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ProxyConnectionHandler(state: state, behaviour: behaviour))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        return TestProxy(channel: channel, state: state, behaviour: behaviour, port: port)
    }

    /// `http://127.0.0.1:PORT`, with `user:password@` when given.
    public func url(username: String? = nil, password: String? = nil) -> String {
        guard let username else { return "http://127.0.0.1:\(port)" }
        let escape = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        return "http://\(escape(username)):\(escape(password ?? ""))@127.0.0.1:\(port)"
    }

    public var stats: Stats { state.withLockedValue { $0 } }

    public func shutdown() async throws {
        try await channel.close()
    }
}

/// One client connection: reads the CONNECT head, then relays bytes both ways.
final class ProxyConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let state: NIOLockedValueBox<TestProxy.Stats>
    private let behaviour: TestProxy.Behaviour
    private var head = ByteBuffer()
    private var peer: (any Channel)?
    private var connecting = false
    private var pending: [ByteBuffer] = []

    init(state: NIOLockedValueBox<TestProxy.Stats>, behaviour: TestProxy.Behaviour) {
        self.state = state
        self.behaviour = behaviour
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if let peer {
            peer.writeAndFlush(bytes, promise: nil)
            return
        }
        if connecting {
            pending.append(bytes)
            return
        }
        head.writeBuffer(&bytes)
        // Split at the blank line by bytes: whatever follows may be binary (a TLS hello).
        let view = Array(head.readableBytesView)
        let marker: [UInt8] = Array("\r\n\r\n".utf8)
        guard view.count >= 4, let end = (0...(view.count - 4)).first(where: { Array(view[$0..<($0 + 4)]) == marker }) else {
            return
        }
        let headText = String(decoding: view[..<end], as: UTF8.self)
        let rest = ByteBuffer(bytes: view[(end + 4)...])
        handleHead(headText, rest: rest, context: context)
    }

    private func handleHead(_ text: String, rest: ByteBuffer, context: ChannelHandlerContext) {
        let lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if let authorization = headers["proxy-authorization"] {
            state.withLockedValue { $0.proxyAuthorizations.append(authorization) }
        }
        guard requestLine.count == 3, requestLine[0] == "CONNECT" else {
            state.withLockedValue { $0.otherRequests += 1 }
            answer("405 Method Not Allowed", context: context, close: true)
            return
        }
        if let credentials = behaviour.credentials {
            let expected = "Basic " + Data("\(credentials.username):\(credentials.password)".utf8).base64EncodedString()
            guard headers["proxy-authorization"] == expected else {
                state.withLockedValue { $0.authenticationRefusals += 1 }
                answer("407 Proxy Authentication Required", extra: "Proxy-Authenticate: Basic realm=\"test\"\r\n",
                       context: context, close: true)
                return
            }
        }
        if behaviour.refuseTunnels {
            state.withLockedValue { $0.tunnelRefusals += 1 }
            answer("403 Forbidden", context: context, close: true)
            return
        }
        let target = String(requestLine[1])
        guard let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...]) else {
            answer("400 Bad Request", context: context, close: true)
            return
        }
        let host = String(target[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        connecting = true
        if rest.readableBytes > 0 { pending.append(rest) }
        let client = context.channel
        ClientBootstrap(group: context.eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RelayHandler(partner: client))
                }
            }
            .connect(host: host, port: port)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    self.state.withLockedValue { $0.tunnels.append(target) }
                    self.peer = channel
                    self.connecting = false
                    self.answer("200 Connection established", context: context, close: false, empty: true)
                    for buffer in self.pending { channel.writeAndFlush(buffer, promise: nil) }
                    self.pending = []
                case .failure:
                    self.answer("502 Bad Gateway", context: context, close: true)
                }
            }
    }

    private func answer(_ status: String, extra: String = "", context: ChannelHandlerContext, close: Bool, empty: Bool = false) {
        let head = "HTTP/1.1 \(status)\r\n" + extra + (empty ? "" : "Content-Length: 0\r\nConnection: close\r\n") + "\r\n"
        let write = context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: head)))
        if close {
            write.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer?.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// The server side of a tunnel: bytes from the server go back to the client.
final class RelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let partner: any Channel

    init(partner: any Channel) {
        self.partner = partner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
