import Diagnostics
import YAMLTree

/// Gathers diagnostics so that the same mistake repeated over many agents is reported once, with a
/// count and an example agent, rather than once per agent.
struct DiagnosticTally {
    private struct Key: Hashable {
        var severity: Diagnostic.Severity
        var location: SourceLocation?
        var message: String
    }

    private struct Entry {
        var diagnostic: Diagnostic
        var agents: Int
        var example: String?
    }

    private var order: [Key] = []
    private var entries: [Key: Entry] = [:]

    /// Adds a diagnostic; `agent` names the orchestrator it depends on, if it does.
    mutating func add(_ diagnostic: Diagnostic, agent: String? = nil) {
        let key = Key(severity: diagnostic.severity, location: diagnostic.location, message: diagnostic.message)
        if var entry = entries[key] {
            if agent != nil { entry.agents += 1 }
            entries[key] = entry
            return
        }
        order.append(key)
        entries[key] = Entry(diagnostic: diagnostic, agents: agent == nil ? 0 : 1, example: agent)
    }

    var hasErrors: Bool { entries.values.contains { $0.diagnostic.severity == .error } }

    /// The diagnostics in the order first seen, each agent-dependent one saying on how many agents.
    var diagnostics: [Diagnostic] {
        order.compactMap { key in
            guard var entry = entries[key] else { return nil }
            if let example = entry.example {
                entry.diagnostic.message += PlanMessage.onAgents(entry.agents, example: example)
            }
            return entry.diagnostic
        }
    }
}
