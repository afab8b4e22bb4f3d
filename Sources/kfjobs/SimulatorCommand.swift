import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorSimulator

/// `kfjobs simulator`: serves the Keyfactor Command simulator until SIGINT or SIGTERM.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Serve the Keyfactor Command simulator on loopback.",
        discussion: """
            Prints the base URL (with the API path) on stdout, then serves until SIGINT or SIGTERM. \
            Without --fleet it serves the built-in fleet (kfjobs simulator --print-fleet shows it). \
            Fault flags override the fleet file's faults. Inspection: GET /_simulator/jobs and \
            GET /_simulator/stats at the server root.
            """
    )

    @Option(help: ArgumentHelp("A fleet file (kind: SimulatorFleet); default the built-in fleet.", valueName: "file"))
    var fleet: String?

    @Option(help: "The address to listen on; loopback unless you ask for another.")
    var host = "127.0.0.1"

    @Option(help: "The port; 0 picks a free one (the printed URL says which).")
    var port = 0

    @Option(help: ArgumentHelp("Delay before each answer: 20ms, or a range such as 5ms..50ms.", valueName: "duration"))
    var latency: LatencyArgument?

    @Option(help: ArgumentHelp("Share of requests answered 503, nothing created (0-1 or N%).", valueName: "rate"))
    var failRate: FaultRate?

    @Option(help: ArgumentHelp("Share of requests answered 429 with Retry-After, nothing created.", valueName: "rate"))
    var throttleRate: FaultRate?

    @Option(help: ArgumentHelp("Share of submissions whose connection is closed after the job was created.", valueName: "rate"))
    var dropRate: FaultRate?

    @Option(help: ArgumentHelp("Share of requests never answered until the client gives up.", valueName: "rate"))
    var hangRate: FaultRate?

    @Option(help: "Seed of the fault generator (same seed, same faults).")
    var seed: UInt64?

    @Option(help: "Seconds a 429 asks the client to wait.")
    var retryAfter: Int?

    @Flag(help: "Apply faults to reads (GET) too, not only to submissions.")
    var faultsOnReads = false

    @Option(help: ArgumentHelp("How long before an immediate job runs: 2s, 500ms, 1m.", valueName: "duration"))
    var jobDelay: SimulatedDuration?

    @Flag(help: "Print the built-in fleet's YAML and exit.")
    var printFleet = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        if let retryAfter, retryAfter < 0 { throw ValidationError("--retry-after must be at least 0") }
    }

    func run() async throws {
        if printFleet {
            Terminal.output(SimulatorFleet.builtInDefaultYAML)
            return
        }
        var served = try fleet.map(FleetFile.load) ?? SimulatorFleet.builtInDefault()
        applyFlags(to: &served)
        guard served.faults.totalRate <= 1.000_001 else {
            throw ValidationError("the fail, throttle, drop and hang rates add up to more than 1")
        }
        let simulator: KeyfactorSimulator
        do {
            simulator = try await KeyfactorSimulator.start(
                fleet: served, options: KeyfactorSimulator.Options(host: host, port: port, stopsOnSignals: true))
        } catch {
            Terminal.error("error: cannot listen on \(host):\(port): \(error)")
            throw ExitCode(3)
        }
        // Written unbuffered, so a script reading the first line gets it at once.
        Terminal.output(simulator.baseURL + "\n")
        let auth = served.auth.isOpen ? "no auth" : [served.auth.basic.map { _ in "basic" }, served.auth.oauth.map { _ in "oauth at \(simulator.rootURL)/oauth2/token" }].compactMap { $0 }.joined(separator: ", ")
        Terminal.error(
            "simulating fleet \(served.name): \(served.agents.count) agents, \(served.jobTypes.count) job types, \(auth); inspection at \(simulator.rootURL)/_simulator/jobs")
        try await simulator.waitUntilStopped()
    }

    private func applyFlags(to fleet: inout SimulatorFleet) {
        if let latency { fleet.faults.latency = latency.seconds }
        if let failRate { fleet.faults.failRate = failRate.value }
        if let throttleRate { fleet.faults.throttleRate = throttleRate.value }
        if let dropRate { fleet.faults.dropRate = dropRate.value }
        if let hangRate { fleet.faults.hangRate = hangRate.value }
        if let seed { fleet.faults.seed = seed }
        if let retryAfter { fleet.faults.retryAfter = retryAfter }
        if faultsOnReads { fleet.faults.applyToReads = true }
        if let jobDelay { fleet.jobDelay = jobDelay.seconds }
    }
}
