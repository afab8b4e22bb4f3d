import ArgumentParser
import Foundation
import KFJobs
import KeyfactorAPI
import KeyfactorSimulator
import YAMLTree

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

    /// Connects as `options` say. Problems with a fleet file are located diagnostics (exit 1);
    /// problems with the connection settings are `CommandFailure`s (exit 3 or 64). With `sandbox`, an
    /// embedded simulator starts from the state saved there (SimulatorSession+Sandbox.swift).
    static func open(
        _ options: ServerOptions, concurrency: Int = 16, sandbox: SimulatorSandbox? = nil, printer: (YAMLSource) -> DiagnosticPrinter
    ) async throws -> ServerSession {
        if let sandbox, sandbox.fresh, !options.usesSimulator {
            throw CommandFailure(message: "--fresh only applies to the embedded simulator; add --simulate (or --fleet FILE)", exitCode: 64)
        }
        var settings: ConnectionSettings
        var simulator: KeyfactorSimulator?
        if options.usesSimulator {
            let fleet: SimulatorFleet
            if let path = options.fleet {
                let read = YAMLSourceCollector().read(path)
                guard case .success(let source) = read else {
                    if case .failure(let diagnostic) = read { printer(YAMLSource(name: path, bytes: [])).print([diagnostic]) }
                    throw ExitCode(1)
                }
                let loaded = SimulatorFleet.load(source.bytes, file: path)
                guard let loadedFleet = loaded.fleet else {
                    printer(source).print(loaded.diagnostics)
                    throw ExitCode(1)
                }
                fleet = loadedFleet
            } else {
                fleet = SimulatorFleet.builtInDefault()
            }
            let started = try await Self.startSimulator(fleet: fleet, sandbox: sandbox)
            simulator = started
            var flags = options.connection.flags
            flags.url = started.baseURL
            settings = try ConnectionSettings.resolve(
                flags: flags, environment: ProcessInfo.processInfo.environment, userAgentVersion: BuildVersion.full)
            // The embedded simulator is in this process: never through the user's proxy.
            settings.proxy = .direct
        } else {
            do {
                settings = try options.connection.settings()
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: 64)
            }
            for warning in ConnectionOptions.warnings(for: settings) {
                FileHandle.standardError.write(Data((warning + "\n").utf8))
            }
        }
        settings.maxConnectionsPerHost = max(settings.maxConnectionsPerHost, concurrency)
        let client: KeyfactorClient
        do {
            client = try KeyfactorClient(settings: settings, logger: CommandLogging.logger)
        } catch {
            try? await simulator?.shutdown()
            throw CommandFailure(message: "\(error)", exitCode: 64)
        }
        let server = simulator == nil ? ServerIdentity.normalize(settings.baseURL) : ServerIdentity.simulator
        return ServerSession(client: client, server: server, simulator: simulator, sandbox: sandbox)
    }

    func close() async {
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
