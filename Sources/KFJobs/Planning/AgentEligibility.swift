#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// Whether a matched agent may get a job, and if not, why (shown in the plan's exclusions).
enum AgentEligibility {
    static func exclusionReason(_ agent: Agent, jobType: String, lastSeenWithinSeconds: Int?, now: Date) -> String? {
        if agent.status != 2 {
            let name = AgentNames.status(agent.status)
            return "not approved (\(name))"
        }
        if jobType == "FetchLogs", !agent.capabilities.contains(where: { $0.uppercased() == "LOGS" }) {
            return "no LOGS capability, which FetchLogs needs"
        }
        if let window = lastSeenWithinSeconds {
            guard let lastSeen = agent.lastSeen else { return "never seen, and lastSeenWithin is set" }
            let age = now.timeIntervalSince(lastSeen)
            if age > Double(window) {
                return "last seen \(Self.duration(age)) ago, longer than lastSeenWithin \(Self.duration(Double(window)))"
            }
        }
        return nil
    }

    /// `3d`, `5h`, `42m`: the largest whole unit.
    static func duration(_ seconds: Double) -> String {
        let minutes = Int(seconds / 60)
        if minutes >= 1440, minutes % 1440 == 0 || minutes >= 2880 { return "\(minutes / 1440)d" }
        if minutes >= 60, minutes % 60 == 0 || minutes >= 120 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }
}
