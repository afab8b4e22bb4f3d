import KeyfactorWire
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A faithful stand-in for Keyfactor Command, served by Hummingbird on a local address.
///
/// Tests and `--simulate` start it in-process on 127.0.0.1 port 0 and call `shutdown()`; the
/// `kfjobs simulator` command starts it with signal handling and waits in `waitUntilStopped()`.
public final class KeyfactorSimulator: Sendable {
    /// Where and how to listen.
    public struct Options: Sendable {
        /// Loopback unless asked otherwise.
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// Whether SIGINT and SIGTERM stop the server gracefully; off when embedded, so that the host
        /// command's own Ctrl-C handling stays in charge.
        public var stopsOnSignals: Bool
        public var clock: any SimulatorClock
        public var logger: Logger
        /// Jobs, history and run state to start from (`snapshot()` of an earlier simulator of the
        /// same fleet); `nil` starts empty.
        public var restoring: SimulatorStoreSnapshot?

        public init(
            host: String = "127.0.0.1", port: Int = 0, stopsOnSignals: Bool = false,
            clock: any SimulatorClock = SystemSimulatorClock(),
            logger: Logger = Logger(label: "kfjobs.simulator", factory: { _ in SwiftLogNoOpLogHandler() }),
            restoring: SimulatorStoreSnapshot? = nil
        ) {
            self.host = host
            self.port = port
            self.stopsOnSignals = stopsOnSignals
            self.clock = clock
            self.logger = logger
            self.restoring = restoring
        }
    }

    public let fleet: SimulatorFleet
    /// The port actually bound.
    public let port: Int
    public let host: String
    /// `http://HOST:PORT`, with no path: where the token and inspection endpoints are.
    public let rootURL: String
    /// `http://HOST:PORT/KeyfactorAPI` (the fleet's API path): what a client takes as its base URL.
    public let baseURL: String
    public let clock: any SimulatorClock

    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, any Error>
    private let hangs: HangRegistry
    private let store: SimulatorStore

    private init(
        fleet: SimulatorFleet, host: String, port: Int, clock: any SimulatorClock, serviceGroup: ServiceGroup,
        runTask: Task<Void, any Error>, hangs: HangRegistry, store: SimulatorStore
    ) {
        self.fleet = fleet
        self.host = host
        self.port = port
        self.clock = clock
        self.serviceGroup = serviceGroup
        self.runTask = runTask
        self.hangs = hangs
        self.store = store
        let hostPart = host.contains(":") ? "[\(host)]" : host
        self.rootURL = "http://\(hostPart):\(port)"
        self.baseURL = rootURL + fleet.apiPath
    }

    /// Starts serving `fleet` and returns once the server listens. A snapshot to restore that was made
    /// on another fleet is a `SimulatorSnapshotError`, before anything listens.
    public static func start(fleet: SimulatorFleet, options: Options = Options()) async throws -> KeyfactorSimulator {
        let store = SimulatorStore(fleet: fleet, clock: options.clock)
        if let snapshot = options.restoring { try store.restore(snapshot) }
        let hangs = HangRegistry()
        let responder = SimulatorResponder(store: store, faults: FaultInjector(fleet.faults), hangs: hangs)
        let bound = BoundPort()
        let skew = fleet.dialect.clockSkew
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: skew == 0 ? [] : [DateSkewHandler(skew: skew)])),
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: nil, reuseAddress: true),
            onServerRunning: { channel in bound.resolve(.success(channel.localAddress?.port ?? 0)) },
            logger: options.logger
        )
        // Listed last, so the service group stops it first: hanging requests are let go before the
        // server waits for in-flight requests to end.
        let releaser = HangReleaser(hangs: hangs)
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [app, releaser], gracefulShutdownSignals: options.stopsOnSignals ? [.sigterm, .sigint] : [],
                logger: options.logger))
        let runTask = Task {
            do {
                if #available(macOS 15, *) {
                    try await withTaskExecutorPreference(SimulatorTaskExecutor()) { try await serviceGroup.run() }
                } else {
                    try await serviceGroup.run()
                }
                bound.resolve(.failure(SimulatorStartError(message: "the simulator stopped before it listened")))
            } catch {
                bound.resolve(.failure(error))
                throw error
            }
        }
        let port = try await bound.value()
        return KeyfactorSimulator(
            fleet: fleet, host: options.host, port: port, clock: options.clock, serviceGroup: serviceGroup,
            runTask: runTask, hangs: hangs, store: store)
    }

    /// Stops serving: hanging requests are closed, in-flight ones finish, then the port is released.
    public func shutdown() async throws {
        await hangs.releaseAll()
        await serviceGroup.triggerGracefulShutdown()
        try await runTask.value
    }

    /// Moves the simulator's clock forward when it is a `ManualSimulatorClock` (tests); due jobs then run
    /// when anyone next looks. Returns false, and does nothing, on the system clock.
    @discardableResult
    public func advanceClock(by seconds: TimeInterval) -> Bool {
        guard let manual = clock as? ManualSimulatorClock else { return false }
        manual.advance(by: seconds)
        return true
    }

    /// The jobs, history and run state now, without field values: what `Options.restoring` takes.
    public func snapshot() -> SimulatorStoreSnapshot {
        store.snapshot()
    }

    /// Every OAuth access token the token endpoint has issued, for tests that prove no token leaks
    /// into what a client prints or writes. In-process only: never served over HTTP.
    public var issuedTokens: [String] { store.issuedTokens() }

    /// The requests counted so far, by endpoint and outcome: what `GET /_simulator/stats` serves, read
    /// in-process, so that a test can act the moment a count is reached however busy its own tasks are.
    public var requestStats: [String: [String: Int]] { store.requestStats() }

    /// Waits until the server stops (on a configured signal, or `shutdown()` from elsewhere).
    public func waitUntilStopped() async throws {
        try await runTask.value
    }
}

/// Why the simulator could not start.
public struct SimulatorStartError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Hands the bound port from the server's start callback to `start`, once, whichever comes first:
/// the port, or the error that stopped the server.
private final class BoundPort: @unchecked Sendable {
    // @unchecked: `result` and `continuation` are only touched with `lock` held.
    private let lock = SystemLock()
    private var result: Result<Int, any Error>?
    private var continuation: CheckedContinuation<Int, any Error>?

    func resolve(_ value: Result<Int, any Error>) {
        let waiting: CheckedContinuation<Int, any Error>? = lock.withLock {
            guard result == nil else { return nil }
            result = value
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(with: value)
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Int, any Error>? = lock.withLock {
                if let result { return result }
                self.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

/// A service whose only job is, on graceful shutdown, to close the connections held by the hang fault.
private struct HangReleaser: Service {
    let hangs: HangRegistry

    func run() async throws {
        try? await gracefulShutdown()
        await hangs.releaseAll()
    }
}
