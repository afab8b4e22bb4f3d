/// The fleet files and manifests of the reliability tests, as text.
enum ReliabilityFleet {
    /// The simulator's fault settings (`faults:` of a fleet file).
    struct Faults {
        var latency: String?
        var failRate = 0.0
        var throttleRate = 0.0
        var dropRate = 0.0
        var hangRate = 0.0
        var seed: UInt64 = 1

        /// Issue 9's mix: 5% 503, 3% 429, 2% dropped after the job was committed, 1% never answered.
        static func mixed(seed: UInt64, latency: String? = nil) -> Faults {
            Faults(latency: latency, failRate: 0.05, throttleRate: 0.03, dropRate: 0.02, hangRate: 0.01, seed: seed)
        }

        var yaml: String {
            var lines = ["faults:"]
            if let latency { lines.append("  latency: \(latency)") }
            lines += [
                "  failRate: \(failRate)", "  throttleRate: \(throttleRate)", "  dropRate: \(dropRate)",
                "  hangRate: \(hangRate)", "  seed: \(seed)",
            ]
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// `agents` approved orchestrators `node-00001`… with LOGS, deterministic AgentIds, FetchLogs and
    /// RefreshInventory; run-once jobs move to history a second after they are created.
    static func generated(agents: Int, faults: Faults?, extraYAML: String = "") -> String {
        """
        apiVersion: kfjobs/v1
        kind: SimulatorFleet
        metadata:
          name: reliability
        seed: 7
        jobs:
          delay: 1s
        jobTypes:
          - name: FetchLogs
            description: Fetch the orchestrator's log files
            requiresCapability: LOGS
          - name: RefreshInventory
            description: Re-read the certificate inventory of a target
            fields:
              - {name: Target, type: String, required: true}
              - {name: Depth, type: Integer, default: "2"}
              - {name: IncludeExpired, type: Boolean, default: "false"}
        generate:
          - count: \(agents)
            name: node-{index:05}
            status: approved
            capabilities: [LOGS, CERT_STORES]
            platform: universal
            version: "24.4.0.0"

        """ + (faults?.yaml ?? "") + extraYAML
    }

    /// FetchLogs on every orchestrator: one key per (orchestrator, job type).
    static let fetchLogsManifest = """
        apiVersion: kfjobs/v1
        kind: JobManifest
        metadata:
          name: logs
        jobs:
          - name: all
            jobType: FetchLogs
            agents: {query: 'Status -eq 2', expect: {max: 100000}}

        """

    /// RefreshInventory over a matrix of depths on every orchestrator: several keys per (orchestrator,
    /// job type), which apply runs one after another, and which reconciliation must tell apart.
    static func matrixManifest(depths: [Int]) -> String {
        """
        apiVersion: kfjobs/v1
        kind: JobManifest
        metadata:
          name: inventory
        jobs:
          - name: refresh
            jobType: RefreshInventory
            agents: {query: 'Status -eq 2', expect: {max: 100000}}
            matrix:
              depth: [\(depths.map(String.init).joined(separator: ", "))]
            fields:
              Target: "${agent.ClientMachine}"
              Depth: "${matrix.depth}"

        """
    }
}
