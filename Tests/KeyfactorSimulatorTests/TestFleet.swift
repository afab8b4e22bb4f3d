import Foundation
@testable import KeyfactorSimulator

/// A small fleet whose every agent the tests know, loaded through the real fleet loader.
enum TestFleet {
    /// 2026-11-28T12:00:00Z: the manual clock's starting point.
    static let start = Date(timeIntervalSince1970: 1_795_867_200)

    static let euWeb01 = "11111111-1111-4111-8111-111111111111"
    static let euWeb02 = "22222222-2222-4222-8222-222222222222"
    static let euDb01 = "33333333-3333-4333-8333-333333333333"
    static let usWeb01 = "44444444-4444-4444-8444-444444444444"
    static let usDb01 = "55555555-5555-4555-8555-555555555555"
    static let usApp01 = "66666666-6666-4666-8666-666666666666"

    static func yaml(casing: String = "pascal", extra: String = "") -> String {
        """
        apiVersion: kfjobs/v1
        kind: SimulatorFleet
        metadata: {name: test}
        seed: 1
        server: {casing: \(casing)}
        jobs: {delay: 10s}
        \(extra)
        jobTypes:
          - name: FetchLogs
          - name: RefreshInventory
            id: 0f0f0f0f-0000-4000-8000-000000000001
            description: Re-read the inventory
            fields:
              - {name: Target, type: String, required: true}
              - {name: Depth, type: Integer, default: "2"}
              - {name: IncludeExpired, type: Boolean, default: "false"}
          - name: RotateSSHKeys
            fields:
              - {name: KeyBits, type: Integer, required: true, default: "4096"}
              - {name: Comment, type: String}
              - {name: NotAfter, type: DateTime}
        agents:
          - {clientMachine: eu-web-01, agentId: \(euWeb01), status: approved, capabilities: [LOGS, CERT_STORES], version: "24.4.0.0", lastSeen: "2026-11-28T10:00:00Z", platform: universal, username: 'CORP\\svc-orch'}
          - {clientMachine: eu-web-02, agentId: \(euWeb02), status: approved, capabilities: [CERT_STORES], version: "23.1.2.0", lastSeen: "2026-11-20T10:00:00Z"}
          - {clientMachine: eu-db-01, agentId: \(euDb01), status: new, capabilities: [LOGS]}
          - {clientMachine: us-web-01, agentId: \(usWeb01), status: disapproved, capabilities: [LOGS]}
          - {clientMachine: us-db-01, agentId: \(usDb01), status: approved, capabilities: [], platform: java, fails: disk full}
          - {clientMachine: us-app-01, agentId: \(usApp01), status: 2, capabilities: [LOGS, SSH]}
        """
    }

    static func fleet(casing: String = "pascal", extra: String = "") throws -> SimulatorFleet {
        let (fleet, diagnostics) = SimulatorFleet.load(Array(yaml(casing: casing, extra: extra).utf8), file: "test.yaml", now: start)
        guard let fleet else { throw FleetLoadFailure(diagnostics: diagnostics.map(\.description)) }
        return fleet
    }

    struct FleetLoadFailure: Error {
        var diagnostics: [String]
    }
}
