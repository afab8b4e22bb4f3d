/// The built-in default fleet, compiled into the binary. It is byte for byte
/// `examples/fleets/default.yaml` (a test holds them together): edit both, or regenerate this file.
enum DefaultFleet {
    static let yaml = #"""
# yaml-language-server: $schema=../../schemas/kfjobs-fleet.schema.json
# The built-in fleet of `kfjobs --simulate` and `kfjobs simulator`: a small estate over three sites.
# Some agents are not approved (eu-app-03, us-web-05, ap-web-03), some lack LOGS (the -db-03s and
# ap-db-01), two fail every job (us-app-02, ap-app-01) and two were not seen lately (eu-web-04, ap-web-02).
apiVersion: kfjobs/v1
kind: SimulatorFleet
metadata:
  name: default
  description: Three sites, a few dozen orchestrators, FetchLogs and three custom job types
seed: 2026
server:
  apiPath: /KeyfactorAPI
  casing: pascal
  productVersion: "11.0.0.0"
jobs:
  delay: 2s
  failureMessage: the orchestrator reported a failure
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
  - name: RotateSSHKeys
    description: Generate and deploy a new SSH host key pair
    fields:
      - {name: KeyBits, type: Integer, required: true, default: "4096"}
      - {name: Comment, type: String}
      - {name: NotAfter, type: DateTime}
  - name: PurgeTempFiles
    description: Delete temporary files older than a number of days
    fields:
      - {name: OlderThanDays, type: Integer, required: true}
      - {name: DryRun, type: Boolean}
agents:
  # Frankfurt
  - clientMachine: eu-web-01
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-web-02
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-web-03
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-web-04
    status: approved
    capabilities: [LOGS, CERT_STORES]
    version: "23.1.2.0"
    lastSeen: 3d
  - clientMachine: eu-db-01
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-db-02
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-db-03
    status: approved
    capabilities: [CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-app-01
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-app-02
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-app-03
    status: disapproved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: eu-bastion-01
    status: approved
    capabilities: [LOGS, CERT_STORES, SSH]
    lastSeen: 2m
  # Virginia
  - clientMachine: us-web-01
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: us-web-02
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: us-web-03
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: us-web-04
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: us-web-05
    status: new
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 5m
  - clientMachine: us-db-01
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: us-db-02
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: us-db-03
    status: approved
    capabilities: [CERT_STORES]
    lastSeen: 2m
  - clientMachine: us-app-01
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: us-app-02
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
    fails: "disk full: no space left on /var/tmp"
  - clientMachine: us-bastion-01
    status: approved
    capabilities: [LOGS, CERT_STORES, SSH]
    lastSeen: 2m
  # Singapore
  - clientMachine: ap-web-01
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: ap-web-02
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 10d
  - clientMachine: ap-web-03
    status: new
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
  - clientMachine: ap-db-01
    status: approved
    capabilities: [CERT_STORES]
    version: "10.4.1.0"
    platform: java
    username: 'APAC\svc-orch'
    lastSeen: 2m
  - clientMachine: ap-app-01
    status: approved
    capabilities: [LOGS, CERT_STORES]
    lastSeen: 2m
    fails: true

"""#
}
