import Portability
/// A manifest string with `${namespace.name}` variables, parsed into literal and variable parts.
///
/// Rendering substitutes what is known; a template with only `${agent.*}` left is what the planner
/// finishes per agent. `$${` is a literal `${`.
public struct Template: Hashable, Sendable {
    /// A run of literal text or one variable.
    public enum Part: Hashable, Sendable {
        case literal(String)
        case variable(TemplateVariable)
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        // A single part needs no merging (a template without variables, the common case).
        if parts.count == 1, case .literal(let text) = parts[0] {
            self.parts = text.isEmpty ? [] : parts
            return
        }
        var merged: [Part] = []
        for part in parts {
            if case .literal(let text) = part {
                if text.isEmpty { continue }
                if case .literal(let previous)? = merged.last {
                    merged[merged.count - 1] = .literal(previous + text)
                    continue
                }
            }
            merged.append(part)
        }
        self.parts = merged
    }

    /// Parts that are already merged: no literal is empty and no two literals are next to each other.
    init(mergedParts parts: [Part]) {
        self.parts = parts
    }

    /// A template that is only the given text.
    public init(literal text: String) {
        self.parts = text.isEmpty ? [] : [.literal(text)]
    }

    /// The variables the template uses, in order.
    public var variables: [TemplateVariable] {
        // Most templates have none: no array is made for them.
        guard hasVariables else { return [] }
        return parts.compactMap { if case .variable(let variable) = $0 { variable } else { nil } }
    }

    /// The text, when no variable is left.
    public var literalText: String? {
        // The common shapes without building anything: no parts, or one literal (shared, not copied).
        if parts.isEmpty { return "" }
        if parts.count == 1, case .literal(let text) = parts[0] { return text }
        guard !hasVariables else { return nil }
        return parts.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
    }

    /// Whether any part comes from `${env.*}`; such values are secrets.
    public var usesEnvironment: Bool {
        parts.contains { if case .variable(let variable) = $0 { variable.namespace == .env } else { false } }
    }

    /// Whether any part is a variable (without listing them).
    var hasVariables: Bool {
        parts.contains { if case .variable = $0 { true } else { false } }
    }

    /// Replaces each variable for which `value` returns text; the others stay.
    public func substituting(_ value: (TemplateVariable) -> String?) -> Template {
        // Nothing to substitute in a template that is all literal (most field values).
        guard hasVariables else { return self }
        // Merged as it goes: a substituted variable joins the literals around it.
        var merged: [Part] = []
        merged.reserveCapacity(parts.count)
        var literal = ""
        for part in parts {
            switch part {
            case .literal(let text):
                literal += text
            case .variable(let variable):
                if let text = value(variable) {
                    literal += text
                    continue
                }
                if !literal.isEmpty { merged.append(.literal(literal)) }
                literal = ""
                merged.append(part)
            }
        }
        if !literal.isEmpty { merged.append(.literal(literal)) }
        return Template(mergedParts: merged)
    }

    /// The template as a user would write it (variables as `${ns.name}`, a literal `${` as `$${`).
    public var sourceText: String {
        parts.map { part in
            switch part {
            case .literal(let text): text.replacingLiteral("${", with: "$${")
            case .variable(let variable): variable.description
            }
        }.joined()
    }
}

/// One `${namespace.name}` reference in a template.
public struct TemplateVariable: Hashable, Sendable, CustomStringConvertible {
    /// Where a variable's value comes from.
    public enum Namespace: String, Hashable, Sendable, CaseIterable {
        case agent, matrix, vars, manifest, job, env
    }

    public var namespace: Namespace
    public var name: String

    public init(_ namespace: Namespace, _ name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// `${namespace.name}`.
    public var description: String { "${\(namespace.rawValue).\(name)}" }

    /// The agent attributes a template may use.
    public static let agentAttributes = ["AgentId", "ClientMachine", "Username", "Version", "Status", "AgentPlatform"]
}
