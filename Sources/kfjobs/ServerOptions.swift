import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs
import KeyfactorAPI
import KeyfactorSimulator

/// Where plan and apply read from and submit to: a Keyfactor Command server, or an embedded simulator.
struct ServerOptions: ParsableArguments {
    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Run against an embedded Keyfactor Command simulator with the built-in default fleet.")
    var simulate = false

    @Option(help: ArgumentHelp("Seed the embedded simulator from this fleet file (implies --simulate).", valueName: "file"))
    var fleet: String?

    var usesSimulator: Bool { simulate || fleet != nil }
}

/// A connected client, the server identity the ledger is keyed by, and what to stop afterwards.
struct ServerSession {
    var client: KeyfactorClient
    var server: String
    var simulator: KeyfactorSimulator?
    /// Where the embedded simulator's state is kept, when it is kept.
    var sandbox: SimulatorSandbox?

    /// Connects as `options` say, runs `body`, and closes the session on every path (saving the
    /// embedded simulator's state when the command keeps it). Problems with a fleet file are located
    /// diagnostics (exit 1), with the connection settings exit 64; an error `body` throws that is not
    /// the command's own (`CommandFailure`, `ExitCode`) means the server cannot be used: exit 3.
    static func with<T>(
        _ options: ServerOptions, concurrency: Int = 16, sandbox: SimulatorSandbox? = nil, _ body: (ServerSession) async throws -> T
    ) async throws -> T {
        let session = try await open(options, concurrency: concurrency, sandbox: sandbox)
        let result: T
        do {
            result = try await body(session)
        } catch {
            await session.close()
            throw CommandFailure.serverFailure(error)
        }
        await session.close()
        return result
    }

    /// With `sandbox`, an embedded simulator starts from the state saved there (ServerSession+Sandbox.swift).
    private static func open(_ options: ServerOptions, concurrency: Int, sandbox: SimulatorSandbox?) async throws -> ServerSession {
        if let sandbox, sandbox.fresh, !options.usesSimulator {
            throw CommandFailure(message: "--fresh only applies to the embedded simulator; add --simulate (or --fleet FILE)", exitCode: 64)
        }
        var flags = options.connection.flags
        var simulator: KeyfactorSimulator?
        if options.usesSimulator {
            let fleet = try options.fleet.map(FleetFile.load) ?? SimulatorFleet.builtInDefault()
            let started = try await Self.startSimulator(fleet: fleet, sandbox: sandbox)
            simulator = started
            flags.url = started.baseURL
        }
        var settings: ConnectionSettings
        do {
            settings = try ConnectionSettings.resolve(flags: flags, environment: ProcessEnvironment.current, userAgentVersion: BuildVersion.full)
            settings.maxConnectionsPerHost = max(settings.maxConnectionsPerHost, concurrency)
            if simulator != nil {
                // The embedded simulator is in this process: never through the user's proxy. It takes
                // any credentials, so notes on which were chosen would mislead.
                settings.proxy = .direct
            } else {
                for warning in ConnectionOptions.warnings(for: settings) { Terminal.error(warning) }
            }
            let client = try KeyfactorClient(settings: settings, logger: CommandLogging.logger)
            let server = simulator == nil ? ServerIdentity.normalize(settings.baseURL) : ServerIdentity.simulator
            return ServerSession(client: client, server: server, simulator: simulator, sandbox: sandbox)
        } catch {
            try? await simulator?.shutdown()
            throw CommandFailure(message: "\(error)", exitCode: 64)
        }
    }

    private func close() async {
        saveSandbox()
        try? await client.shutdown()
        try? await simulator?.shutdown()
    }
}

/// A failure the command reports in one line and maps to an exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    var description: String { message }
}

extension CommandFailure {
    /// Any error as the command's failure: its own failures and exit codes pass unchanged; anything
    /// else came from the server or the client, and means the server cannot be used (exit 3).
    static func serverFailure(_ error: any Error) -> any Error {
        if error is CommandFailure || error is ExitCode { return error }
        return CommandFailure(message: "error: \(error)", exitCode: 3)
    }
}
