#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// Who may call the API. With no method configured, every request is let in.
public struct SimulatorAuth: Hashable, Sendable {
    /// A user for `Authorization: Basic`; with a domain, `DOMAIN\user` (and `user@DOMAIN`) are accepted.
    public struct BasicUser: Hashable, Sendable {
        public var username: String
        public var password: String
        public var domain: String?

        public init(username: String, password: String, domain: String? = nil) {
            self.username = username
            self.password = password
            self.domain = domain
        }
    }

    /// A client of the token endpoint `POST /oauth2/token` (client credentials grant).
    public struct OAuthClient: Hashable, Sendable {
        public var clientId: String
        public var clientSecret: String
        /// Seconds a token stays valid, on the simulator's clock.
        public var tokenLifetime: Int

        public init(clientId: String, clientSecret: String, tokenLifetime: Int = 3600) {
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.tokenLifetime = tokenLifetime
        }
    }

    public var basic: BasicUser?
    public var oauth: OAuthClient?

    public init(basic: BasicUser? = nil, oauth: OAuthClient? = nil) {
        self.basic = basic
        self.oauth = oauth
    }

    /// No authentication at all.
    public static let none = SimulatorAuth()

    public var isOpen: Bool { basic == nil && oauth == nil }
}

/// Seeded, reproducible misbehaviour: latency and rates of each kind of failure.
///
/// For each request the faults apply to, one draw from the seeded generator picks at most one of
/// 503, 429, drop and hang, in that order of the rates, so the rates add up (their sum must be at most 1).
public struct SimulatorFaults: Hashable, Sendable {
    /// Added before answering: a fixed delay (`min == max`) or uniform in the range, in seconds.
    public var latency: ClosedRange<Double>?
    /// 503 Service Unavailable; nothing is created.
    public var failRate: Double
    /// 429 Too Many Requests with `Retry-After`; nothing is created.
    public var throttleRate: Double
    /// The job is created, then the connection is closed with no answer.
    public var dropRate: Double
    /// No answer until the client gives up and closes the connection.
    public var hangRate: Double
    /// The `Retry-After` seconds a 429 carries.
    public var retryAfter: Int
    public var seed: UInt64
    /// Whether reads (GET) get faults too; submissions (POST) always do.
    public var applyToReads: Bool

    public init(
        latency: ClosedRange<Double>? = nil, failRate: Double = 0, throttleRate: Double = 0, dropRate: Double = 0,
        hangRate: Double = 0, retryAfter: Int = 1, seed: UInt64 = 0, applyToReads: Bool = false
    ) {
        self.latency = latency
        self.failRate = failRate
        self.throttleRate = throttleRate
        self.dropRate = dropRate
        self.hangRate = hangRate
        self.retryAfter = retryAfter
        self.seed = seed
        self.applyToReads = applyToReads
    }

    /// Whether any fault can happen at all.
    public var isEmpty: Bool {
        latency == nil && failRate == 0 && throttleRate == 0 && dropRate == 0 && hangRate == 0
    }
}

/// Everything the simulator serves: its estate (agents, job types) and how it behaves.
public struct SimulatorFleet: Hashable, Sendable {
    public var name: String
    public var agents: [SimulatedAgent]
    public var jobTypes: [SimulatedJobType]
    /// The API path, `/KeyfactorAPI` by default.
    public var apiPath: String
    public var casing: KeyCasing
    /// What `x-keyfactor-product-version` says.
    public var productVersion: String
    public var auth: SimulatorAuth
    /// How long after its scheduled time a job takes to run, on the simulator's clock.
    public var jobDelay: TimeInterval
    /// The Message of a job that fails on a failing agent, when the agent has none of its own.
    public var failureMessage: String
    public var faults: SimulatorFaults
    /// Parameter spelling, `x-total-count`, rejected query fields, 403 endpoints, a skewed `Date`.
    public var dialect = SimulatorDialect()

    public init(
        name: String = "fleet", agents: [SimulatedAgent] = [], jobTypes: [SimulatedJobType] = [],
        apiPath: String = "/KeyfactorAPI", casing: KeyCasing = .pascal, productVersion: String = "11.0.0.0",
        auth: SimulatorAuth = .none, jobDelay: TimeInterval = 2, failureMessage: String = "the orchestrator reported a failure",
        faults: SimulatorFaults = SimulatorFaults()
    ) {
        self.name = name
        self.agents = agents
        self.jobTypes = jobTypes
        self.apiPath = apiPath
        self.casing = casing
        self.productVersion = productVersion
        self.auth = auth
        self.jobDelay = jobDelay
        self.failureMessage = failureMessage
        self.faults = faults
    }
}
