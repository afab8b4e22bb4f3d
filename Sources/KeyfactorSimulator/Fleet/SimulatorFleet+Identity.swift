extension SimulatorFleet {
    /// A digest of what the jobs of a snapshot refer to: the fleet's name, API path, orchestrators and
    /// job types. Ages (`lastSeen`) and behaviour (faults, delays) are left out: they change with the
    /// clock or the flags, not the estate, so a fleet file loaded again gives the same identity.
    public var identity: String {
        var text = "name=\(name)\napi=\(apiPath)\n"
        for agent in agents {
            text += "agent=\(agent.agentId)|\(agent.clientMachine)|\(agent.status)|\(agent.platform)|\(agent.version)|"
                + agent.capabilities.map { $0.uppercased() }.sorted().joined(separator: ",") + "\n"
        }
        for jobType in jobTypes.sorted(by: { $0.name < $1.name }) {
            text += "type=\(jobType.name)|\(jobType.requiredCapability ?? "")|"
                + jobType.fields.map { "\($0.name):\($0.type.rawValue):\($0.required):\($0.defaultValue ?? "-")" }.joined(separator: ",")
                + "\n"
        }
        return "fnv1a64:" + String(Self.fnv1a64(text), radix: 16)
    }

    /// FNV-1a, 64 bits: stable across runs and machines, unlike `Hasher`.
    private static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
