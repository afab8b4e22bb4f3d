import Diagnostics
import YAMLTree

/// A job's `agents`: which orchestrators it targets, and the guards on how many may match.
public struct AgentSelector: Hashable, Sendable {
    /// The one form the selector takes.
    public enum Form: Hashable, Sendable {
        /// A Keyfactor query string, sent as `QueryString`.
        case query(Located<Template>)
        /// Explicit AgentIds; each must exist.
        case ids([Located<Template>])
        /// ClientMachine names; each must match exactly one eligible agent.
        case clientMachines([Located<Template>])
    }

    public var form: Form
    /// Fewest eligible agents allowed (default 1).
    public var expectMin: Int
    /// Most eligible agents allowed, if bounded.
    public var expectMax: Int?
    /// Exclude agents whose LastSeen is older than this many seconds.
    public var lastSeenWithin: Int?
    /// Where the selector's value (query, ids or clientMachines) is written: the place errors about the
    /// number of matched agents point at.
    public var valueLocation: SourceLocation

    public init(form: Form, expectMin: Int = 1, expectMax: Int? = nil, lastSeenWithin: Int? = nil, valueLocation: SourceLocation) {
        self.form = form
        self.expectMin = expectMin
        self.expectMax = expectMax
        self.lastSeenWithin = lastSeenWithin
        self.valueLocation = valueLocation
    }
}
